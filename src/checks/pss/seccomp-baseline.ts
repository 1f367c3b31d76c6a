// PSS baseline "Seccomp": the Unconfined profile must not be set explicitly.
// Restricted fields: spec.securityContext.seccompProfile.type, spec.{containers,initContainers,
// ephemeralContainers}[*].securityContext.seccompProfile.type. Allowed values: undefined/nil, RuntimeDefault, Localhost.
// (The seccomp.security.alpha.kubernetes.io annotations only count for policy versions before v1.19.)

import type { ManifestNode } from '../../config/kubernetes/node.js';
import type { Finding } from '../../model/finding.js';
import {
  containersPhrase,
  pssFinding,
  securityField,
  setField,
  type PssCheck,
  type PssPod,
} from './context.js';
import { SECCOMP_UNCONFINED } from './rules.js';

export function allowedSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** A written seccompProfile whose type is not allowed (a profile without a type reads as ""). */
export function explicitSeccompFinding(
  pod: PssPod,
  profile: ManifestNode,
  who: string,
  containers: string[],
): Finding | undefined {
  if (profile.record() === undefined) return undefined;
  const typeField = profile.get('type');
  const type = typeField.string() ?? '';
  if (allowedSeccompType(type)) return undefined;
  return pssFinding(SECCOMP_UNCONFINED, pod, typeField, {
    title: `${who} must not set securityContext.seccompProfile.type to ${JSON.stringify(type)}`,
    containers,
    evidence: `seccompProfile.type: ${type}`,
    patch: setField(typeField, 'RuntimeDefault'),
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
