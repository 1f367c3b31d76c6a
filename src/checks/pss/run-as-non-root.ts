// PSS restricted "Running as Non-root": containers must be required to run as non-root users.
// Restricted fields: spec.securityContext.runAsNonRoot, spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.runAsNonRoot. Allowed values: true at the pod level (containers then
// undefined/nil or true), or true in every container. Exempt (policy v1.35+): pods with spec.hostUsers: false.

import type { Finding } from '../../model/finding.js';
import { containersPhrase, pssFinding, securityField, setField, type PssCheck } from './context.js';
import { RUN_AS_NON_ROOT } from './rules.js';

export const runAsNonRootCheck: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  findings(pod) {
    // Root in a user namespace is an unprivileged user on the node.
    if (pod.userNamespace) return [];
    const findings: Finding[] = [];
    const podField = pod.spec.at('securityContext', 'runAsNonRoot');
    const podValue = podField.boolean();
    const inheriting: string[] = [];
    for (const c of pod.containers) {
      const field = securityField(c, 'runAsNonRoot');
      const value = field.boolean();
      if (value === undefined) {
        if (podValue !== true) inheriting.push(c.name);
      } else if (value === false) {
        findings.push(
          pssFinding(RUN_AS_NON_ROOT, pod, field, {
            title: `${containersPhrase([c.name])} must not set securityContext.runAsNonRoot=false`,
            containers: [c.name],
            evidence: 'runAsNonRoot: false',
            patch: setField(field, true),
          }),
        );
      }
    }
    // One pod-level edit fixes every container that does not say otherwise.
    if (podValue === false) {
      findings.push(
        pssFinding(RUN_AS_NON_ROOT, pod, podField, {
          title: 'pod must not set securityContext.runAsNonRoot=false',
          containers: inheriting,
          evidence: 'runAsNonRoot: false',
          patch: setField(podField, true),
        }),
      );
    } else if (inheriting.length > 0) {
      findings.push(
        pssFinding(RUN_AS_NON_ROOT, pod, podField, {
          title: `pod or ${containersPhrase(inheriting)} must set securityContext.runAsNonRoot=true`,
          containers: inheriting,
          evidence: 'runAsNonRoot not set',
          patch: setField(podField, true),
        }),
      );
    }
    return findings;
  },
};
