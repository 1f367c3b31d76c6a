// Composer's package records: vendor/composer/installed.json (Composer 1 and 2) and composer.lock, both lists of
// composer.json-shaped package objects (https://getcomposer.org/doc/04-schema.md, https://getcomposer.org/doc/07-runtime.md).

export interface ComposerRecord {
  /** `vendor/name`, lower case as Packagist requires. */
  name: string;
  /** As Composer wrote it, a leading 'v' included (`v5.4.0`): the tag the package was installed from. */
  version: string;
  /** The `license` field: one string, or several meaning a choice between them. */
  licenses: string[];
  /** Package names from `require` (platform names such as php and ext-json included; they never resolve). */
  requires: string[];
  /** Names from `replace` and `provide`: a requirement of one of them is met by this package. */
  satisfies: string[];
  /** From composer.lock's packages-dev or installed.json's dev-package-names. */
  dev: boolean;
  description?: string;
}

/** Composer writes installed.json as a bare package list (Composer 1) or as { packages, dev, dev-package-names } (2). */
export function parseInstalledJson(
  text: string,
  warn: (message: string) => void,
): ComposerRecord[] | undefined {
  const doc = parseJson(text, warn);
  if (doc === undefined) return undefined;
  if (Array.isArray(doc)) return records(doc, 'the package list', new Set(), warn);
  if (!isObject(doc) || !Array.isArray(doc.packages)) {
    warn('neither a package list (Composer 1) nor an object with "packages" (Composer 2); skipped');
    return undefined;
  }
  const devNames = new Set(
    Array.isArray(doc['dev-package-names'])
      ? doc['dev-package-names'].filter((n): n is string => typeof n === 'string')
      : [],
  );
  return records(doc.packages, 'packages', devNames, warn);
}

/** composer.lock: runtime packages under `packages`, development-only ones under `packages-dev`. */
export function parseComposerLock(
  text: string,
  warn: (message: string) => void,
): ComposerRecord[] | undefined {
  const doc = parseJson(text, warn);
  if (doc === undefined) return undefined;
  if (!isObject(doc) || (!Array.isArray(doc.packages) && !Array.isArray(doc['packages-dev']))) {
    warn('no "packages" or "packages-dev" list: not a Composer lock file; skipped');
    return undefined;
  }
  const runtime = Array.isArray(doc.packages) ? doc.packages : [];
  const dev = Array.isArray(doc['packages-dev']) ? doc['packages-dev'] : [];
  return [
    ...records(runtime, 'packages', new Set(), warn),
    ...records(dev, 'packages-dev', undefined, warn),
  ];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string, warn: (message: string) => void): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    warn(`not valid JSON (${(err as Error).message}); skipped`);
    return undefined;
  }
}

/** `devNames` undefined: every record is a development one. Entries without a name and version are reported once. */
function records(
  list: readonly unknown[],
  where: string,
  devNames: ReadonlySet<string> | undefined,
  warn: (message: string) => void,
): ComposerRecord[] {
  const result: ComposerRecord[] = [];
  const skipped: number[] = [];
  for (const [index, entry] of list.entries()) {
    const record = isObject(entry) ? toRecord(entry, devNames) : undefined;
    if (record) result.push(record);
    else skipped.push(index);
  }
  if (skipped.length > 0) {
    const which = skipped.length === 1 ? 'entry' : 'entries';
    warn(
      `${where}: ${skipped.length} ${which} without a name and version (first [${skipped[0]}]); skipped`,
    );
  }
  return result;
}

function toRecord(
  entry: JsonObject,
  devNames: ReadonlySet<string> | undefined,
): ComposerRecord | undefined {
  const { name, version } = entry;
  if (typeof name !== 'string' || typeof version !== 'string' || name === '' || version === '')
    return undefined;
  const record: ComposerRecord = {
    name,
    version,
    licenses: stringList(entry.license),
    requires: keysOf(entry.require),
    satisfies: [...new Set([...keysOf(entry.replace), ...keysOf(entry.provide)])].sort(),
    dev: devNames === undefined || devNames.has(name),
  };
  if (typeof entry.description === 'string' && entry.description !== '')
    record.description = entry.description;
  return record;
}

function stringList(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

function keysOf(value: unknown): string[] {
  return isObject(value)
    ? Object.keys(value)
        .map((k) => k.toLowerCase())
        .sort()
    : [];
}
