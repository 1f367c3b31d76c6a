// PSS restricted "Privilege Escalation" (v1.8+; Linux only from v1.25): setuid and setgid binaries, file
// capabilities and the like must not raise a process's privileges. Restricted fields: spec.{containers,
// initContainers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation. Allowed values: false.
// Exempt: pods with spec.os.name: windows.

import { containersPhrase, pssFinding, securityField, setField, type PssCheck } from './context.js';
import { PRIVILEGE_ESCALATION } from './rules.js';

export const privilegeEscalationCheck: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  findings(pod) {
    if (pod.windows) return [];
    return pod.containers.flatMap((c) => {
      const field = securityField(c, 'allowPrivilegeEscalation');
      const value = field.boolean();
      if (value === false) return [];
      return [
        pssFinding(PRIVILEGE_ESCALATION, pod, field, {
          title: `${containersPhrase([c.name])} must set securityContext.allowPrivilegeEscalation=false`,
          containers: [c.name],
          evidence:
            value === undefined
              ? 'allowPrivilegeEscalation not set (defaults to true)'
              : 'allowPrivilegeEscalation: true',
          patch: setField(field, false),
        }),
      ];
    });
  },
};
