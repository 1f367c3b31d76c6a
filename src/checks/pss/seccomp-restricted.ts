// PSS restricted "Seccomp" (v1.19+; Linux only from v1.25): a seccomp profile must be set explicitly.
// Restricted fields: spec.securityContext.seccompProfile.type, spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.seccompProfile.type. Allowed values: RuntimeDefault or Localhost at the pod
// level (containers then undefined/nil or either), or in every container. Exempt: pods with spec.os.name: windows.

import type { Finding } from '../../model/finding.js';
import { containersPhrase, pssFinding, securityField, setField, type PssCheck } from './context.js';
import { allowedProfileType } from './profile-type.js';
import { SECCOMP_MISSING } from './rules.js';
import { explicitSeccompFinding, podSeccompProfile } from './seccomp-baseline.js';

export const seccompRestrictedCheck: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  overrides: ['seccompProfile_baseline'],
  findings(pod) {
    if (pod.windows) return [];
    const podProfile = podSeccompProfile(pod);
    const podWritten = podProfile.record() !== undefined;
    const podAllowed = podWritten && allowedProfileType(podProfile.get('type').string() ?? '');
    const findings: (Finding | undefined)[] = [explicitSeccompFinding(pod, podProfile, 'pod', [])];
    const unset: string[] = [];
    for (const c of pod.containers) {
      const profile = securityField(c, 'seccompProfile');
      if (profile.record() === undefined) {
        if (!podAllowed) unset.push(c.name);
        continue;
      }
      findings.push(explicitSeccompFinding(pod, profile, containersPhrase([c.name]), [c.name]));
    }
    // A pod-level Unconfined is already reported, and fixing it covers the containers that inherit it.
    if (unset.length > 0 && !podWritten) {
      findings.push(
        pssFinding(SECCOMP_MISSING, pod, podProfile, {
          title: `pod or ${containersPhrase(unset)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
          containers: unset,
          evidence: 'seccompProfile not set',
          patch: setField(podProfile, { type: 'RuntimeDefault' }),
        }),
      );
    }
    return findings.filter((f): f is Finding => f !== undefined);
  },
};
