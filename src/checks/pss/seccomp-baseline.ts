// PSS baseline "Seccomp": the Unconfined profile must not be set explicitly.
// Restricted fields: spec.securityContext.seccompProfile.type, spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.seccompProfile.type. Allowed values: undefined/nil, RuntimeDefault, Localhost.
// (The seccomp.security.alpha.kubernetes.io annotations only count for policy versions before v1.19.)

import type { ManifestNode } from '../../config/kubernetes/node.js';
import type { Finding } from '../../model/finding.js';
import { containersPhrase, securityField, type PssCheck, type PssPod } from './context.js';
import { profileTypeFinding } from './profile-type.js';
import { SECCOMP_UNCONFINED } from './rules.js';

/** A written seccompProfile whose type is not allowed. */
export function explicitSeccompFinding(
  pod: PssPod,
  profile: ManifestNode,
  who: string,
  containers: string[],
): Finding | undefined {
  return profileTypeFinding(SECCOMP_UNCONFINED, pod, profile, who, containers, {
    field: 'seccompProfile',
    fieldTitle: 'securityContext.seccompProfile.type',
  });
}

export function podSeccompProfile(pod: PssPod): ManifestNode {
  return pod.spec.at('securityContext', 'seccompProfile');
}

export const seccompBaselineCheck: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  findings(pod) {
    return [
      explicitSeccompFinding(pod, podSeccompProfile(pod), 'pod', []),
      ...pod.containers.map((c) =>
        explicitSeccompFinding(
          pod,
          securityField(c, 'seccompProfile'),
          containersPhrase([c.name]),
          [c.name],
        ),
      ),
    ].filter((f): f is Finding => f !== undefined);
  },
};
