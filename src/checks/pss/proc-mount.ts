// PSS baseline "/proc Mount Type": the default /proc masks reduce the attack surface and are required, except in a pod
// with its own user namespace (policy v1.35+). Restricted fields: spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.procMount. Allowed values: undefined/nil, Default; any value when
// spec.hostUsers is false. Restricted (v1.35+) takes that exception back: Default or undefined, always.

import {
  containersPhrase,
  pssFinding,
  securityField,
  setField,
  type PssCheck,
  type PssPod,
} from './context.js';
import { PROC_MOUNT, PROC_MOUNT_USER_NAMESPACE } from './rules.js';

function procMountFindings(pod: PssPod): ReturnType<typeof pssFinding>[] {
  // In a user-namespace pod only restricted forbids it: the finding says which standard is broken.
  const rule = pod.userNamespace ? PROC_MOUNT_USER_NAMESPACE : PROC_MOUNT;
  return pod.containers.flatMap((c) => {
    const field = securityField(c, 'procMount');
    const type = field.string();
    if (type === undefined || type === 'Default') return [];
    return [
      pssFinding(rule, pod, field, {
        title: `${containersPhrase([c.name])} must not set securityContext.procMount to ${JSON.stringify(type)}`,
        containers: [c.name],
        evidence: `procMount: ${type}`,
        patch: setField(field, 'Default'),
      }),
    ];
  });
}

export const procMountBaselineCheck: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  findings: (pod) => (pod.userNamespace ? [] : procMountFindings(pod)),
};

export const procMountRestrictedCheck: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  overrides: ['procMount'],
  findings: procMountFindings,
};
