// PSS restricted "Capabilities" (v1.22+; Linux only from v1.25): containers must drop ALL capabilities and may add
// back only NET_BIND_SERVICE. Restricted fields: spec.{containers,initContainers,ephemeralContainers}[*]
// .securityContext.capabilities.drop (must include ALL) and .capabilities.add (allowed: undefined/nil,
// NET_BIND_SERVICE). Exempt: pods with spec.os.name: windows.

import {
  containersPhrase,
  pointer,
  pssFinding,
  securityField,
  setField,
  type PssCheck,
} from './context.js';
import {
  addedCapabilityFinding,
  BASELINE_CAPABILITIES,
  splitAdded,
} from './capabilities-baseline.js';
import {
  CAPABILITIES_BASELINE,
  CAPABILITIES_NOT_DROPPED,
  CAPABILITIES_RESTRICTED,
} from './rules.js';

export const capabilitiesRestrictedCheck: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  overrides: ['capabilities_baseline'],
  findings(pod) {
    if (pod.windows) return [];
    return pod.containers.flatMap((c) => {
      const findings = [];
      const drop = securityField(c, 'capabilities', 'drop');
      const dropped = drop.items().map((item) => item.string());
      if (!dropped.includes('ALL')) {
        findings.push(
          pssFinding(CAPABILITIES_NOT_DROPPED, pod, drop, {
            title: `${containersPhrase([c.name])} must set securityContext.capabilities.drop=["ALL"]`,
            containers: [c.name],
            evidence: drop.present
              ? `capabilities.drop: [${dropped.join(', ')}]`
              : 'capabilities.drop not set',
            patch: drop.present
              ? [{ op: 'add', path: `${pointer(drop.path)}/-`, value: 'ALL' }]
              : setField(drop, ['ALL']),
          }),
        );
      }
      const split = splitAdded(c, (cap) => cap === 'NET_BIND_SERVICE');
      if (split.forbidden.length > 0) {
        // Beyond the baseline set it breaks both standards; within it, only restricted.
        const rule = split.forbidden.some((cap) => !BASELINE_CAPABILITIES.has(cap))
          ? CAPABILITIES_BASELINE
          : CAPABILITIES_RESTRICTED;
        findings.push(addedCapabilityFinding(rule, pod, c, split));
      }
      return findings;
    });
  },
};
