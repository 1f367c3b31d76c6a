// The rule the PSS AppArmor and Seccomp controls share for a written profile field: its `type` must be
// RuntimeDefault or Localhost (a profile without a type reads as "", as upstream reads it), and RuntimeDefault fixes it.
// https://kubernetes.io/docs/concepts/security/pod-security-standards/

import type { ManifestNode } from '../../config/kubernetes/node.js';
import type { Finding, Rule } from '../../model/finding.js';
import { pssFinding, setField, type PssPod } from './context.js';

export function allowedProfileType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/**
 * The finding for a written `profile` whose type is not allowed, or undefined. `fieldTitle` names the field in the
 * finding's title (`AppArmor profile type`), `field` in its evidence (`appArmorProfile`).
 */
export function profileTypeFinding(
  rule: Rule,
  pod: PssPod,
  profile: ManifestNode,
  who: string,
  containers: string[],
  names: { field: string; fieldTitle: string },
): Finding | undefined {
  if (profile.record() === undefined) return undefined;
  const typeField = profile.get('type');
  const type = typeField.string() ?? '';
  if (allowedProfileType(type)) return undefined;
  return pssFinding(rule, pod, typeField, {
    title: `${who} must not set ${names.fieldTitle} to ${JSON.stringify(type)}`,
    containers,
    evidence: `${names.field}.type: ${type}`,
    patch: setField(typeField, 'RuntimeDefault'),
  });
}
