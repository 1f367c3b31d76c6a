// Reads the packages of a Pipfile.lock: `default` and `develop` (marked dev), each pinned as "==VERSION".
// Format: https://github.com/pypa/pipfile#pipfilelock and https://pipenv.pypa.io/en/latest/pipfile.html

import type { LockEntry } from './lock-entry.js';
import { normalizeName } from './names.js';

const PINNED = /^===?\s*([^\s,;*]+)$/;

/**
 * The pinned packages, default first; a name in both sections counts once, as a default dependency. Entries without a
 * version (editable paths, VCS checkouts) name nothing installable and are skipped.
 */
export function parsePipfileLock(
  content: Buffer,
  warn: (message: string) => void,
): LockEntry[] | undefined {
  let document: unknown;
  try {
    document = JSON.parse(content.toString('utf8'));
  } catch (error) {
    warn(`not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  if (!isObject(document)) {
    warn(`not a Pipfile.lock (the top level is not an object)`);
    return undefined;
  }
  const entries = new Map<string, LockEntry>();
  for (const section of ['default', 'develop'] as const) {
    const packages = document[section];
    if (packages === undefined) continue;
    if (!isObject(packages)) {
      warn(`'${section}' is not an object; skipped`);
      continue;
    }
    for (const [rawName, spec] of Object.entries(packages)) {
      if (!isObject(spec) || typeof spec['version'] !== 'string') continue;
      const pin = PINNED.exec(spec['version'].trim());
      if (!pin) continue;
      const name = normalizeName(rawName);
      if (entries.has(name)) continue;
      const entry: LockEntry = { name, version: pin[1]! };
      if (section === 'develop') entry.dev = true;
      if (typeof spec['markers'] === 'string' && spec['markers'].trim())
        entry.marker = spec['markers'].trim();
      entries.set(name, entry);
    }
  }
  return [...entries.values()];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
