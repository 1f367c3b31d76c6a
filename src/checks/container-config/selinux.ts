// SW-CFG-013: SELinux separation turned off for the container (`label=disable`) or a type that is not confined
// (spc_t, unconfined_t). CIS Docker Benchmark v1.6.0 5.3; Pod Security Standards baseline "SELinux".

import type { ContainerSpec, Origin } from '../../config/container-spec.js';
import { dockerAdvice, hit, type Control } from './control.js';
import { parentKey, removePatch, replaceMember } from './patch.js';

/** Types the SELinux policy does not confine: spc_t ("super privileged container") and unconfined_t. */
export const UNCONFINED_TYPES: ReadonlySet<string> = new Set(['spc_t', 'unconfined_t']);

function fix(spec: ContainerSpec, at: Origin) {
  if (spec.input === 'compose' && parentKey(at) === 'security_opt') return removePatch(spec, at);
  if (spec.input === 'kubernetes') {
    const patch = replaceMember(spec, at, 'seLinuxOptions', 'type', 'container_t');
    if (patch) return patch;
  }
  return undefined;
}

export const SELINUX_DISABLED: Control = {
  rule: {
    id: 'SW-CFG-013',
    kind: 'config',
    severity: 'medium',
    title: 'SELinux separation is disabled',
    remediation:
      'Let the runtime label the container (container_t with its own MCS categories); do not disable labelling or use spc_t or unconfined_t.',
    references: [
      'https://docs.docker.com/engine/containers/run/#security-configuration',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
    ],
    frameworks: { 'cis-docker': ['5.3'], pss: ['baseline:seLinuxOptions'] },
  },
  advice: {
    ...dockerAdvice('Run the container without --security-opt label=disable or label=type:spc_t.'),
    compose:
      "Remove `label:disable` (or the spc_t/unconfined_t type) from the service's `security_opt`.",
    kubernetes: 'Remove `seLinuxOptions.type` or set it to `container_t`.',
    'oci-runtime':
      'Set `process.selinuxLabel` to a confined type (system_u:system_r:container_t:s0:c1,c2).',
  },
  check(spec) {
    const selinux = spec.selinux;
    if (!selinux) return [];
    const type = selinux.value.type?.trim();
    if (selinux.value.disabled === true) {
      return [
        hit(selinux.at, 'Runs with SELinux labelling disabled', {
          evidence: 'label disabled',
          patch: spec.input === 'compose' ? fix(spec, selinux.at) : undefined,
        }),
      ];
    }
    if (type === undefined || !UNCONFINED_TYPES.has(type)) return [];
    return [
      hit(selinux.at, `Runs as the unconfined SELinux type ${type}`, {
        evidence: `type ${type}`,
        patch: fix(spec, selinux.at),
      }),
    ];
  },
};
