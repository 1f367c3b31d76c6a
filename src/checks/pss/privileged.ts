// PSS baseline "Privileged Containers": privileged pods disable most security mechanisms.
// Restricted fields: spec.{containers,initContainers,ephemeralContainers}[*].securityContext.privileged.
// Allowed values: undefined/nil, false.

import { containersPhrase, pssFinding, securityField, setField, type PssCheck } from './context.js';
import { PRIVILEGED } from './rules.js';

export const privilegedCheck: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  findings(pod) {
    return pod.containers.flatMap((c) => {
      const field = securityField(c, 'privileged');
      if (field.boolean() !== true) return [];
      return [
        pssFinding(PRIVILEGED, pod, field, {
          title: `${containersPhrase([c.name])} sets securityContext.privileged=true`,
          containers: [c.name],
          evidence: 'privileged: true',
          patch: setField(field, false),
        }),
      ];
    });
  },
};
