// PSS baseline "Capabilities": adding capabilities beyond the container runtime's default set must be disallowed.
// Restricted fields: spec.{containers,initContainers,ephemeralContainers}[*].securityContext.capabilities.add.
// Allowed values: undefined/nil, AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE,
// SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT (compared as written: CAP_CHOWN or chown is not CHOWN).

import type { ManifestNode } from '../../config/kubernetes/node.js';
import type { PodContainer } from '../../config/kubernetes/pod.js';
import type { Rule } from '../../model/finding.js';
import {
  containersPhrase,
  pssFinding,
  quoted,
  removeField,
  securityField,
  setField,
  type JsonPatch,
  type PssCheck,
  type PssPod,
} from './context.js';
import { CAPABILITIES_BASELINE } from './rules.js';

export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The container's capabilities.add, split into those `allowed` keeps and the rest (first seen order, once each). */
export function splitAdded(
  c: PodContainer,
  allowed: (capability: string) => boolean,
): { field: ManifestNode; kept: string[]; forbidden: string[] } {
  const field = securityField(c, 'capabilities', 'add');
  const kept: string[] = [];
  const forbidden: string[] = [];
  for (const item of field.items()) {
    const capability = item.string();
    if (capability === undefined) continue;
    const list = allowed(capability) ? kept : forbidden;
    if (!list.includes(capability)) list.push(capability);
  }
  return { field, kept, forbidden };
}

/** The capabilities.add list without the forbidden ones: replaced by what remains, or removed when nothing does. */
export function keepOnlyPatch(field: ManifestNode, kept: string[]): JsonPatch {
  return kept.length === 0 ? removeField(field) : setField(field, kept);
}

export function addedCapabilityFinding(
  rule: Rule,
  pod: PssPod,
  c: PodContainer,
  split: ReturnType<typeof splitAdded>,
): ReturnType<typeof pssFinding> {
  return pssFinding(rule, pod, split.field, {
    title: `${containersPhrase([c.name])} must not include ${quoted(split.forbidden)} in securityContext.capabilities.add`,
    containers: [c.name],
    evidence: `capabilities.add: [${split.forbidden.join(', ')}]`,
    patch: keepOnlyPatch(split.field, split.kept),
  });
}

export const capabilitiesBaselineCheck: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  findings(pod) {
    return pod.containers.flatMap((c) => {
      const split = splitAdded(c, (cap) => BASELINE_CAPABILITIES.has(cap));
      return split.forbidden.length === 0
        ? []
        : [addedCapabilityFinding(CAPABILITIES_BASELINE, pod, c, split)];
    });
  },
};
