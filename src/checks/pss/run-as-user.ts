// PSS restricted "Running as Non-root user" (v1.23+): containers must not set UID 0.
// Restricted fields: spec.securityContext.runAsUser, spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.runAsUser. Allowed values: any non-zero value, undefined/nil.
// Exempt (policy v1.35+): pods with spec.hostUsers: false.

import type { ManifestNode } from '../../config/kubernetes/node.js';
import {
  containersPhrase,
  pssFinding,
  securityField,
  type PssCheck,
  type PssPod,
} from './context.js';
import { RUN_AS_ROOT_USER } from './rules.js';

// No patch: which UID the image can run as is the author's choice.
function rootUser(pod: PssPod, field: ManifestNode, who: string, containers: string[]) {
  if (field.integer() !== 0) return [];
  return [
    pssFinding(RUN_AS_ROOT_USER, pod, field, {
      title: `${who} must not set runAsUser=0`,
      containers,
      evidence: 'runAsUser: 0',
    }),
  ];
}

export const runAsUserCheck: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  findings(pod) {
    if (pod.userNamespace) return [];
    return [
      ...rootUser(pod, pod.spec.at('securityContext', 'runAsUser'), 'pod', []),
      ...pod.containers.flatMap((c) =>
        rootUser(pod, securityField(c, 'runAsUser'), containersPhrase([c.name]), [c.name]),
      ),
    ];
  },
};
