// JSON Patch (RFC 6902, https://www.rfc-editor.org/rfc/rfc6902) operations that fix one field of the document a
// configuration finding points into, built from the Origins the readers recorded.

import type { ContainerSpec, Located, Origin } from '../../config/container-spec.js';
import { jsonPath } from '../../config/documents.js';
import type { Finding } from '../../model/finding.js';
import { RUNTIME_DEFAULTS } from './defaults.js';
import { jsonPathSegments, jsonPathToPointer } from './json-pointer.js';

export type JsonPatch = NonNullable<Finding['patch']>;

/** What to do with a field, by its key: write another value, or remove it (the runtime's safe default then applies). */
export type FieldFix = { replace: unknown } | 'remove';

/** The last key or index of an Origin's JSON path. */
export function lastSegment(at: Origin): string | number | undefined {
  return jsonPathSegments(at.jsonPath)?.at(-1);
}

/** The key holding the Origin's value (`security_opt` for `$.services.web.security_opt[1]`). */
export function parentKey(at: Origin): string | number | undefined {
  return jsonPathSegments(at.jsonPath)?.at(-2);
}

/** Whether patches make sense for this input (documents one edits, not `inspect` output). */
export function patchable(spec: ContainerSpec): boolean {
  return RUNTIME_DEFAULTS[spec.input].patchable;
}

export function replacePatch(
  spec: ContainerSpec,
  at: Origin,
  value: unknown,
): JsonPatch | undefined {
  const path = patchable(spec) ? jsonPathToPointer(at.jsonPath) : undefined;
  return path === undefined || path === '' ? undefined : [{ op: 'replace', path, value }];
}

export function removePatch(spec: ContainerSpec, at: Origin): JsonPatch | undefined {
  const path = patchable(spec) ? jsonPathToPointer(at.jsonPath) : undefined;
  return path === undefined || path === '' ? undefined : [{ op: 'remove', path }];
}

/** The fix for the field at `at` when its key is one `fixes` knows (`{ privileged: { replace: false } }`). */
export function fixByKey(
  spec: ContainerSpec,
  at: Origin,
  fixes: Readonly<Record<string, FieldFix>>,
): JsonPatch | undefined {
  const key = lastSegment(at);
  if (typeof key !== 'string' || !Object.hasOwn(fixes, key)) return undefined;
  const fix = fixes[key]!;
  return fix === 'remove' ? removePatch(spec, at) : replacePatch(spec, at, fix.replace);
}

/**
 * Removes array elements (capabilities of one `add` list, entries of `volumes`), highest index first so that each
 * removal leaves the later ones pointing where they did. Undefined unless every Origin is an element of one array.
 */
export function removeElementsPatch(
  spec: ContainerSpec,
  ats: readonly Origin[],
): JsonPatch | undefined {
  if (!patchable(spec) || ats.length === 0) return undefined;
  const elements = ats.map((at) => jsonPathSegments(at.jsonPath));
  const parents = new Set<string>();
  const indexes: number[] = [];
  for (const segments of elements) {
    const index = segments?.at(-1);
    if (!segments || typeof index !== 'number') return undefined;
    parents.add(jsonPathToPointer(jsonPath(segments.slice(0, -1)))!);
    indexes.push(index);
  }
  if (parents.size !== 1) return undefined;
  const [parent] = parents;
  return [...new Set(indexes)]
    .sort((a, b) => b - a)
    .map((index) => ({ op: 'remove' as const, path: `${parent}/${index}` }));
}

/**
 * Adds a missing field below the container's declaration (`['securityContext', 'readOnlyRootFilesystem']`). JSON
 * Patch `add` needs the parent to exist, and adding the parent whole would overwrite fields the spec does not model,
 * so the patch is given only when the parent is the container itself or some field was read from inside it.
 */
export function addBelowContainer(
  spec: ContainerSpec,
  relative: readonly (string | number)[],
  value: unknown,
): JsonPatch | undefined {
  const container = jsonPathSegments(spec.container.at.jsonPath);
  return container ? addAt(spec, [...container, ...relative], value) : undefined;
}

/** Adds a missing field at `segments` from the document root, on the same terms as `addBelowContainer`. */
export function addAt(
  spec: ContainerSpec,
  segments: readonly (string | number)[],
  value: unknown,
): JsonPatch | undefined {
  if (!patchable(spec) || segments.length === 0) return undefined;
  const parent = segments.slice(0, -1);
  if (parent.length > 0 && !knownToExist(spec, jsonPath(parent))) return undefined;
  const path = jsonPathToPointer(jsonPath(segments));
  return path === undefined ? undefined : [{ op: 'add', path, value }];
}

/** Whether the reader saw something at `path` or inside it. */
export function knownToExist(spec: ContainerSpec, path: string): boolean {
  return originsOf(spec).some(
    (at) =>
      at.jsonPath === path ||
      at.jsonPath.startsWith(`${path}.`) ||
      at.jsonPath.startsWith(`${path}[`),
  );
}

function originsOf(spec: ContainerSpec): Origin[] {
  const out: Origin[] = [spec.container.at];
  for (const value of Object.values(spec) as unknown[]) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isLocated(item)) out.push(item.at);
    }
  }
  return out;
}

function isLocated(value: unknown): value is Located<unknown> {
  if (typeof value !== 'object' || value === null || !('at' in value) || !('value' in value))
    return false;
  const at = (value as { at: unknown }).at;
  return typeof at === 'object' && at !== null && typeof (at as Origin).jsonPath === 'string';
}

/**
 * Replaces `member` of the object under `objectKey` (`seccompProfile.type`), whether the reader's Origin points at
 * the object or at the member itself.
 */
export function replaceMember(
  spec: ContainerSpec,
  at: Origin,
  objectKey: string,
  member: string,
  value: unknown,
): JsonPatch | undefined {
  const segments = jsonPathSegments(at.jsonPath);
  if (!segments) return undefined;
  if (segments.at(-1) === objectKey) {
    return replacePatch(spec, { ...at, jsonPath: jsonPath([...segments, member]) }, value);
  }
  if (segments.at(-2) === objectKey && segments.at(-1) === member)
    return replacePatch(spec, at, value);
  return undefined;
}

/**
 * The fix for an unconfined seccomp or AppArmor profile: drop the Compose `security_opt` entry, or in Kubernetes set
 * the legacy annotation (matched by `annotation`) to `runtime/default`, or the `member` field's type to RuntimeDefault.
 */
export function unconfinedProfileFix(
  annotation: RegExp,
  member: string,
): (spec: ContainerSpec, at: Origin) => JsonPatch | undefined {
  return (spec, at) => {
    if (spec.input === 'compose' && parentKey(at) === 'security_opt') return removePatch(spec, at);
    if (spec.input !== 'kubernetes') return undefined;
    const key = lastSegment(at);
    if (typeof key === 'string' && annotation.test(key))
      return replacePatch(spec, at, 'runtime/default');
    return replaceMember(spec, at, member, 'type', 'RuntimeDefault');
  };
}
