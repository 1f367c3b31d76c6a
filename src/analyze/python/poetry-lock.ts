// Reads the packages of a Poetry lock file: name, version, dev-only or not, and the dependencies it names.
// Format (no formal spec): https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock ; TOML via smol-toml.

import { tomlModule } from '../../util/lazy-module.js';
import type { LockEntry } from './lock-entry.js';
import { normalizeName } from './names.js';

/**
 * The locked packages, or undefined (with a warning) when the file is not TOML. Lock format 1.x marks
 * development packages with `category = "dev"`; 2.x lists each package's dependency groups in `groups`.
 */
export function parsePoetryLock(
  content: Buffer,
  warn: (message: string) => void,
): LockEntry[] | undefined {
  let document: Record<string, unknown>;
  try {
    document = tomlModule().parse(content.toString('utf8'));
  } catch (error) {
    const reason =
      error instanceof tomlModule().TomlError ? error.message.split('\n')[0] : String(error);
    warn(`not a valid poetry.lock (${reason})`);
    return undefined;
  }
  const packages = document['package'];
  if (packages === undefined) return [];
  if (!Array.isArray(packages)) {
    warn(`'package' is not an array of tables; no packages read`);
    return undefined;
  }
  const entries: LockEntry[] = [];
  let skipped = 0;
  for (const item of packages as unknown[]) {
    const entry = lockEntry(item);
    if (entry) entries.push(entry);
    else skipped++;
  }
  if (skipped > 0) warn(`${skipped} [[package]] entries without a name and version skipped`);
  return entries;
}

function lockEntry(item: unknown): LockEntry | undefined {
  if (!isTable(item)) return undefined;
  const { name, version, category, groups, dependencies, markers } = item;
  if (typeof name !== 'string' || typeof version !== 'string' || !name || !version)
    return undefined;
  const entry: LockEntry = { name: normalizeName(name), version };
  const dev = Array.isArray(groups) ? !groups.includes('main') : category === 'dev';
  if (dev) entry.dev = true;
  if (typeof markers === 'string' && markers.trim()) entry.marker = markers.trim();
  if (isTable(dependencies)) {
    const names = Object.keys(dependencies).map(normalizeName);
    if (names.length > 0) entry.dependencies = [...new Set(names)].sort();
  }
  return entry;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
