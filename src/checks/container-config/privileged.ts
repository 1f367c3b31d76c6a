// SW-CFG-001: a privileged container (all capabilities, every device, no seccomp or AppArmor confinement).
// CIS Docker Benchmark v1.6.0 5.5; Pod Security Standards baseline "Privileged Containers".

import { dockerAdvice, hit, type Control } from './control.js';
import { fixByKey } from './patch.js';

export const PRIVILEGED: Control = {
  rule: {
    id: 'SW-CFG-001',
    kind: 'config',
    severity: 'critical',
    title: 'Privileged container',
    remediation:
      'Do not run the container privileged; add only the capabilities and devices it needs.',
    references: [
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: { 'cis-docker': ['5.5'], pss: ['baseline:privileged'] },
  },
  advice: {
    ...dockerAdvice(
      'Run the container without --privileged; add single capabilities with --cap-add.',
    ),
    compose: 'Remove `privileged: true` from the service; add single capabilities with `cap_add`.',
    kubernetes:
      'Set `securityContext.privileged: false`; add single capabilities under `capabilities.add`.',
    marathon: 'Set `container.docker.privileged` to false.',
  },
  check(spec) {
    if (spec.privileged?.value !== true) return [];
    const at = spec.privileged.at;
    return [
      hit(at, 'Runs privileged', { patch: fixByKey(spec, at, { privileged: { replace: false } }) }),
    ];
  },
};
