// SW-CFG-010: a mount with shared propagation, so mounts the container makes appear on the host (and back).
// CIS Docker Benchmark v1.6.0 5.20; Kubernetes calls it `mountPropagation: Bidirectional`.

import { dockerAdvice, hit, type Control } from './control.js';
import { fixByKey } from './patch.js';

/** Docker's `shared`/`rshared` and Kubernetes' `Bidirectional`; `slave` and `private` do not reach the host. */
const SHARED = new Set(['shared', 'rshared', 'bidirectional']);

export const SHARED_PROPAGATION: Control = {
  rule: {
    id: 'SW-CFG-010',
    kind: 'config',
    severity: 'medium',
    title: 'A mount has shared propagation',
    remediation:
      'Use private (the default) or slave propagation: with shared propagation, mounts made inside the container reach the host.',
    references: [
      'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation',
      'https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation',
    ],
    frameworks: { 'cis-docker': ['5.20'] },
  },
  advice: {
    ...dockerAdvice(
      'Remove `shared`/`rshared` from the mount options (`bind-propagation=rprivate` is the default).',
    ),
    compose: 'Remove `propagation: shared` (or `rshared`) from the volume.',
    kubernetes: "Set the volume mount's `mountPropagation` to `None` (or `HostToContainer`).",
  },
  check(spec) {
    return spec.mounts
      .filter((mount) => SHARED.has((mount.value.propagation ?? '').toLowerCase()))
      .map((mount) =>
        hit(mount.at, `Mounts ${mount.value.target} with ${mount.value.propagation} propagation`, {
          evidence: `${mount.value.hostPath ?? mount.value.kind} -> ${mount.value.target} (${mount.value.propagation})`,
          patch: fixByKey(spec, mount.at, {
            mountPropagation: { replace: 'None' },
            propagation: 'remove',
          }),
        }),
      );
  },
};
