// SW-CFG-014: the container may gain privileges through setuid/setgid files (no_new_privs is not set).
// CIS Docker Benchmark v1.6.0 5.26; Pod Security Standards restricted "Privilege Escalation".

import type { ContainerSpec, Origin } from '../../config/container-spec.js';
import { dockerAdvice, hit, type Control } from './control.js';
import {
  addAt,
  addBelowContainer,
  fixByKey,
  parentKey,
  replacePatch,
  type JsonPatch,
} from './patch.js';

const NNP_ON = 'no-new-privileges:true';

/** The field says "allowed": Kubernetes' `allowPrivilegeEscalation: true` is the inverse of no_new_privs. */
function fixPresent(spec: ContainerSpec, at: Origin): JsonPatch | undefined {
  if (spec.input === 'compose' && parentKey(at) === 'security_opt')
    return replacePatch(spec, at, NNP_ON);
  return fixByKey(spec, at, {
    allowPrivilegeEscalation: { replace: false },
    noNewPrivileges: { replace: true },
  });
}

function fixAbsent(spec: ContainerSpec): JsonPatch | undefined {
  switch (spec.input) {
    case 'kubernetes':
      return addBelowContainer(spec, ['securityContext', 'allowPrivilegeEscalation'], false);
    case 'compose':
      return addBelowContainer(spec, ['security_opt', '-'], NNP_ON);
    case 'oci-runtime':
      return addAt(spec, ['process', 'noNewPrivileges'], true);
    default:
      return undefined;
  }
}

export const NO_NEW_PRIVILEGES: Control = {
  rule: {
    id: 'SW-CFG-014',
    kind: 'config',
    severity: 'medium',
    title: 'Privilege escalation is not prevented (no-new-privileges)',
    remediation:
      "Set no-new-privileges so that setuid and setgid programs cannot raise the privileges of the container's processes.",
    references: [
      'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
      'https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html',
    ],
    frameworks: { 'cis-docker': ['5.26'], pss: ['restricted:allowPrivilegeEscalation'] },
  },
  advice: {
    ...dockerAdvice('Run the container with --security-opt no-new-privileges:true.'),
    compose: "Add `no-new-privileges:true` to the service's `security_opt`.",
    kubernetes: 'Set `securityContext.allowPrivilegeEscalation: false`.',
    'oci-runtime': 'Set `process.noNewPrivileges: true`.',
    lxc: 'Set `lxc.no_new_privs = 1`.',
  },
  check(spec) {
    const field = spec.noNewPrivileges;
    if (field?.value === true) return [];
    if (field) {
      return [hit(field.at, 'Allows privilege escalation', { patch: fixPresent(spec, field.at) })];
    }
    return [
      hit(spec.container.at, 'Allows privilege escalation (no-new-privileges not set)', {
        patch: fixAbsent(spec),
      }),
    ];
  },
};
