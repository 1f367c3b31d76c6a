// PSS baseline "Host Namespaces": sharing the node's network, PID or IPC namespace must be disallowed.
// Restricted fields: spec.hostNetwork, spec.hostPID, spec.hostIPC. Allowed values: undefined/nil, false.

import type { PssCheck } from './context.js';
import { pssFinding, setField } from './context.js';
import { HOST_NAMESPACES } from './rules.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespacesCheck: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  findings(pod) {
    return FIELDS.flatMap((key) => {
      const field = pod.spec.get(key);
      if (field.boolean() !== true) return [];
      return [
        pssFinding(HOST_NAMESPACES, pod, field, {
          title: `pod sets ${key}=true`,
          evidence: `${key}: true`,
          patch: setField(field, false),
        }),
      ];
    });
  },
};
