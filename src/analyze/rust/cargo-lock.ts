// Parses Cargo.lock, lock file versions 1 to 4: the resolved packages and the edges between them.
// Format: Cargo's src/cargo/core/resolver/encode.rs (https://github.com/rust-lang/cargo); TOML read with smol-toml.

import { tomlModule } from '../../util/lazy-module.js';
import { messageOf } from '../../errors.js';

export interface CargoLockPackage {
  name: string;
  version: string;
  /** `registry+URL`, `sparse+URL`, `git+URL?ref#commit`; absent for path packages (workspace members). */
  source?: string;
  /** Indices into the lock's package list. */
  dependencies: number[];
}

/**
 * The packages of a Cargo.lock, or undefined when it is not TOML. Version 1 writes every dependency as
 * `NAME VERSION (SOURCE)` and may keep the root package in a `[root]` table; versions 2 and later write only as much
 * as needed to be unique (`NAME`, `NAME VERSION`, or all three), so references are resolved against the package list.
 */
export function parseCargoLock(
  text: string,
  warn: (message: string) => void,
): CargoLockPackage[] | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = tomlModule().parse(text);
  } catch (err) {
    const where = err instanceof tomlModule().TomlError ? ` at line ${err.line}` : '';
    warn(`not valid TOML${where}: ${messageOf(err).split('\n')[0]}`);
    return undefined;
  }
  const entries: unknown[] = [];
  if (isRecord(doc.root)) entries.push(doc.root);
  if (Array.isArray(doc.package)) entries.push(...(doc.package as unknown[]));
  else if (doc.package !== undefined) warn('`package` is not an array of tables');

  const packages: CargoLockPackage[] = [];
  const references: string[][] = [];
  let malformed = 0;
  for (const entry of entries) {
    if (!isRecord(entry) || !isText(entry.name) || !isText(entry.version)) {
      malformed++;
      continue;
    }
    const pkg: CargoLockPackage = { name: entry.name, version: entry.version, dependencies: [] };
    if (isText(entry.source)) pkg.source = entry.source;
    packages.push(pkg);
    const deps = Array.isArray(entry.dependencies) ? entry.dependencies : [];
    references.push(deps.filter(isText));
  }
  if (malformed > 0) warn(`skipped ${malformed} package entries without a name and version`);

  const resolve = referenceResolver(packages);
  let unresolved = 0;
  packages.forEach((pkg, i) => {
    const indices = new Set<number>();
    for (const reference of references[i]!) {
      const target = resolve(reference);
      if (target === undefined) unresolved++;
      else if (target !== i) indices.add(target);
    }
    pkg.dependencies = [...indices].sort((a, b) => a - b);
  });
  if (unresolved > 0) warn(`${unresolved} dependency references name no package in the lock`);
  return packages;
}

/** Finds the package a dependency string names; the first of several equal candidates, as the lock lists them. */
function referenceResolver(
  packages: CargoLockPackage[],
): (reference: string) => number | undefined {
  const byName = new Map<string, number[]>();
  packages.forEach((p, i) => {
    const list = byName.get(p.name);
    if (list) list.push(i);
    else byName.set(p.name, [i]);
  });
  return (reference) => {
    const [name, version, source] = splitReference(reference);
    const candidates = (byName.get(name) ?? []).filter((i) => {
      const p = packages[i]!;
      if (version !== undefined && p.version !== version) return false;
      return source === undefined || sourceId(p.source) === sourceId(source);
    });
    return candidates[0];
  };
}

/** `NAME [VERSION [(SOURCE)]]`. */
function splitReference(reference: string): [string, string | undefined, string | undefined] {
  const [name = '', version, ...rest] = reference.trim().split(' ');
  const source = rest.join(' ');
  const bare = source.startsWith('(') && source.endsWith(')') ? source.slice(1, -1) : undefined;
  return [name, version, bare];
}

/** A reference names a git source without the locked commit (`#sha`) that the package's own source line carries. */
function sourceId(source: string | undefined): string {
  if (source === undefined) return '';
  const hash = source.indexOf('#');
  return hash < 0 ? source : source.slice(0, hash);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
