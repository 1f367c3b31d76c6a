// PSS baseline "HostProcess": Windows HostProcess containers run with the node's privileges.
// Restricted fields: spec.securityContext.windowsOptions.hostProcess, spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.windowsOptions.hostProcess. Allowed values: undefined/nil, false.

import type { Finding } from '../../model/finding.js';
import { containersPhrase, pssFinding, securityField, setField, type PssCheck } from './context.js';
import { HOST_PROCESS } from './rules.js';

export const hostProcessCheck: PssCheck = {
  id: 'hostProcess',
  level: 'baseline',
  findings(pod) {
    const findings: Finding[] = [];
    const podField = pod.spec.at('securityContext', 'windowsOptions', 'hostProcess');
    if (podField.boolean() === true) {
      findings.push(
        pssFinding(HOST_PROCESS, pod, podField, {
          title: 'pod sets securityContext.windowsOptions.hostProcess=true',
          evidence: 'hostProcess: true',
          patch: setField(podField, false),
        }),
      );
    }
    for (const c of pod.containers) {
      const field = securityField(c, 'windowsOptions', 'hostProcess');
      if (field.boolean() !== true) continue;
      findings.push(
        pssFinding(HOST_PROCESS, pod, field, {
          title: `${containersPhrase([c.name])} sets securityContext.windowsOptions.hostProcess=true`,
          containers: [c.name],
          evidence: 'hostProcess: true',
          patch: setField(field, false),
        }),
      );
    }
    return findings;
  },
};
