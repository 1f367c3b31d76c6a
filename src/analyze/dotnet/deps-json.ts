// .NET dependency manifests (<app>.deps.json): the NuGet packages and runtime packs an application runs with, and edges.
// Format: https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md (the .deps.json part).

export interface DotnetLibrary {
  /** The NuGet id as published (Newtonsoft.Json); a runtime pack without the SDK's `runtimepack.` prefix. */
  name: string;
  version: string;
  kind: 'package' | 'runtimepack';
  /** `name/version` of the libraries it depends on (per the runtime target), lower case, sorted. */
  dependencies: string[];
  /**
   * False when the runtime target lists the library with no runtime, runtimeTargets or native assets (a meta-package,
   * or a package whose assemblies the shared framework supplies); absent when the target does not list it.
   */
  hasRuntimeAssets?: boolean;
}

type JsonObject = Record<string, unknown>;

const RUNTIME_PACK_PREFIX = 'runtimepack.';
const ASSET_SECTIONS = ['runtime', 'runtimeTargets', 'native'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Name/Version` lower-cased: NuGet ids compare case-insensitively. */
export function libraryId(name: string, version: string): string {
  return `${name}/${version}`.toLowerCase();
}

/** Splits a libraries or targets key, `Name/Version`, dropping the runtime pack prefix; undefined if malformed. */
function splitKey(key: string): { name: string; version: string } | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return undefined;
  let name = key.slice(0, slash);
  if (name.toLowerCase().startsWith(RUNTIME_PACK_PREFIX))
    name = name.slice(RUNTIME_PACK_PREFIX.length);
  return { name, version: key.slice(slash + 1) };
}

/**
 * The package and runtime-pack libraries of a .deps.json (project and reference entries are the application's own
 * code, not packages). Malformed entries are reported once through `warn` and skipped.
 */
export function parseDepsJson(
  text: string,
  warn: (message: string) => void,
): DotnetLibrary[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (err) {
    warn(`not valid JSON (${(err as Error).message}); skipped`);
    return undefined;
  }
  if (!isObject(doc) || !isObject(doc.libraries)) {
    warn('no "libraries" object: not a .deps.json dependency manifest; skipped');
    return undefined;
  }
  const target = runtimeTarget(doc);
  const libraries: DotnetLibrary[] = [];
  const malformed: string[] = [];
  for (const [key, value] of Object.entries(doc.libraries)) {
    const type =
      isObject(value) && typeof value.type === 'string' ? value.type.toLowerCase() : undefined;
    const split = splitKey(key);
    if (type === undefined || split === undefined) {
      malformed.push(key);
      continue;
    }
    if (type !== 'package' && type !== 'runtimepack') continue;
    const entry = target.get(libraryId(split.name, split.version));
    const library: DotnetLibrary = {
      name: split.name,
      version: split.version,
      kind: type,
      dependencies: entry ? dependencyIds(entry) : [],
    };
    if (entry) library.hasRuntimeAssets = ASSET_SECTIONS.some((s) => nonEmpty(entry[s]));
    libraries.push(library);
  }
  if (malformed.length > 0) {
    const count = malformed.length === 1 ? '1 entry' : `${malformed.length} entries`;
    warn(
      `libraries: ${count} not of the form "Name/Version" with a type (first ${JSON.stringify(malformed[0])}); skipped`,
    );
  }
  return libraries;
}

/**
 * The entries of the target the application runs with (runtimeTarget.name), by library id; when that target is
 * missing, every target's entries together (a later target adds what earlier ones lack).
 */
function runtimeTarget(doc: JsonObject): Map<string, JsonObject> {
  const entries = new Map<string, JsonObject>();
  if (!isObject(doc.targets)) return entries;
  const name = isObject(doc.runtimeTarget) ? doc.runtimeTarget.name : undefined;
  const chosen =
    typeof name === 'string' && isObject(doc.targets[name])
      ? [doc.targets[name]]
      : Object.values(doc.targets);
  for (const target of chosen) {
    if (!isObject(target)) continue;
    for (const [key, value] of Object.entries(target)) {
      const split = splitKey(key);
      const id = split && libraryId(split.name, split.version);
      if (id && isObject(value) && !entries.has(id)) entries.set(id, value);
    }
  }
  return entries;
}

function dependencyIds(entry: JsonObject): string[] {
  if (!isObject(entry.dependencies)) return [];
  const ids = new Set<string>();
  for (const [name, version] of Object.entries(entry.dependencies)) {
    if (typeof version !== 'string') continue;
    const split = splitKey(`${name}/${version}`);
    if (split) ids.add(libraryId(split.name, split.version));
  }
  return [...ids].sort();
}

function nonEmpty(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length > 0;
}
