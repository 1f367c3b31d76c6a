// What every Pod Security Standards control reads (one pod spec as written, its containers, its metadata) and how it
// answers: a Finding at the field to change, naming the containers, with a JSON Patch (RFC 6902) when one edit fixes it.

import type { PodRef } from '../../config/reader.js';
import type { ManifestNode } from '../../config/kubernetes/node.js';
import {
  hasUserNamespace,
  isWindowsPod,
  podContainers,
  podMetadataNode,
  podSpecNode,
  resourceLabel,
  type PodContainer,
} from '../../config/kubernetes/pod.js';
import { findingOf, type Finding, type Rule } from '../../model/finding.js';

export type PssLevel = 'baseline' | 'restricted';

export interface PssPod {
  ref: PodRef;
  spec: ManifestNode;
  metadata: ManifestNode;
  containers: PodContainer[];
  /** `spec.os.name: windows`: exempt from the Linux-only restricted controls since policy v1.25. */
  windows: boolean;
  /** `spec.hostUsers: false`: the relaxations of policy v1.35 apply. */
  userNamespace: boolean;
}

/**
 * One control at one level, like a check of the upstream pod-security-admission policy package: restricted controls
 * may replace (`overrides`) a baseline control whose place they take at the restricted level.
 */
export interface PssCheck {
  id: string;
  level: PssLevel;
  overrides?: string[];
  findings(pod: PssPod): Finding[];
}

export type JsonPatch = NonNullable<Finding['patch']>;

export function pssPod(ref: PodRef): PssPod {
  const spec = podSpecNode(ref);
  return {
    ref,
    spec,
    metadata: podMetadataNode(ref),
    containers: podContainers(spec),
    windows: isWindowsPod(spec),
    userNamespace: hasUserNamespace(spec),
  };
}

/** `"app"`, `"app", "sidecar"`: how upstream names containers in its messages. */
export function quoted(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/** `container "app"` or `containers "app", "sidecar"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${names.length === 1 ? 'container' : 'containers'} ${quoted(names)}`;
}

/** A JSON Pointer (RFC 6901) to a path of the document. */
export function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Set `node` (present or not) to `value`: replace it when written, else add it under its nearest written ancestor,
 * creating the maps in between (`securityContext: {capabilities: {drop: [ALL]}}`).
 */
export function setField(node: ManifestNode, value: unknown): JsonPatch {
  if (node.present) return [{ op: 'replace', path: pointer(node.path), value }];
  const path = node.path;
  let depth = path.length - 1;
  const document = node.source.document.value;
  while (depth > 0 && !isPresent(valueAt(document, path.slice(0, depth)))) depth--;
  let wrapped = value;
  for (let i = path.length - 1; i > depth; i--) wrapped = { [String(path[i])]: wrapped };
  return [{ op: 'add', path: pointer(path.slice(0, depth + 1)), value: wrapped }];
}

export function removeField(node: ManifestNode): JsonPatch {
  return [{ op: 'remove', path: pointer(node.path) }];
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A finding of `rule` at `field` of the pod, naming the containers it is about. */
export function pssFinding(
  rule: Rule,
  pod: PssPod,
  field: ManifestNode,
  details: { title: string; containers?: readonly string[]; evidence?: string; patch?: JsonPatch },
): Finding {
  const location: Finding['location'] = { path: pod.ref.file, jsonPath: field.jsonPath };
  const line = field.line;
  if (line !== undefined) location.line = line;
  const finding = findingOf(rule, location, { title: `${rule.title}: ${details.title}` });
  if (details.evidence !== undefined) finding.evidence = details.evidence;
  const names = details.containers ?? [];
  const who =
    names.length === 0
      ? ''
      : `, ${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}`;
  finding.resource = `${resourceLabel(pod.ref.resource)}${who}`;
  if (details.patch) finding.patch = details.patch;
  return finding;
}

/** The container's securityContext field `key` (a node, written or not). */
export function securityField(
  container: PodContainer | ManifestNode,
  ...keys: string[]
): ManifestNode {
  const node = 'node' in container ? container.node : container;
  return node.at('securityContext', ...keys);
}
