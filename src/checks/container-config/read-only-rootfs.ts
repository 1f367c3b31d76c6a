// SW-CFG-015: the container's root filesystem is writable, so whoever gets in can change its programs.
// CIS Docker Benchmark v1.6.0 5.13.

import type { ContainerSpec } from '../../config/container-spec.js';
import { dockerAdvice, hit, type Control } from './control.js';
import { addAt, addBelowContainer, fixByKey, type JsonPatch } from './patch.js';

function fixAbsent(spec: ContainerSpec): JsonPatch | undefined {
  switch (spec.input) {
    case 'kubernetes':
      return addBelowContainer(spec, ['securityContext', 'readOnlyRootFilesystem'], true);
    case 'compose':
      return addBelowContainer(spec, ['read_only'], true);
    case 'oci-runtime':
      return addAt(spec, ['root', 'readonly'], true);
    default:
      return undefined;
  }
}

export const WRITABLE_ROOTFS: Control = {
  rule: {
    id: 'SW-CFG-015',
    kind: 'config',
    severity: 'low',
    title: 'The root filesystem is writable',
    remediation:
      'Mount the root filesystem read-only and give the process writable volumes (or tmpfs) only where it writes.',
    references: [
      'https://docs.docker.com/reference/cli/docker/container/run/#read-only',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    frameworks: { 'cis-docker': ['5.13'] },
  },
  advice: {
    ...dockerAdvice('Run the container with --read-only (and --tmpfs for the paths it writes).'),
    compose: 'Set `read_only: true` on the service (and `tmpfs` for the paths it writes).',
    kubernetes:
      'Set `securityContext.readOnlyRootFilesystem: true` (and emptyDir volumes where it writes).',
    'oci-runtime': 'Set `root.readonly: true`.',
  },
  check(spec) {
    const field = spec.readOnlyRootfs;
    if (field?.value === true) return [];
    if (field) {
      return [
        hit(field.at, 'Has a writable root filesystem', {
          patch: fixByKey(spec, field.at, {
            readOnlyRootFilesystem: { replace: true },
            read_only: { replace: true },
            readonly: { replace: true },
          }),
        }),
      ];
    }
    return [
      hit(spec.container.at, 'Has a writable root filesystem (read-only not set)', {
        patch: fixAbsent(spec),
      }),
    ];
  },
};
