// Packages from a pnpm-lock.yaml, lockfile formats 5.x (`/name/1.0.0_peer`), 6.x (`/name@1.0.0(peer@2)`) and 9.x
// (`name@1.0.0` in packages, peer variants in snapshots). Format: https://github.com/pnpm/spec/tree/master/lockfile

import { yamlModule } from '../../util/lazy-module.js';
import { messageOf } from '../../errors.js';
import { LockedPackages, lockedKey, type LockedPackage } from './locked-package.js';
import { isObject, nonEmptyString } from './package-json.js';

type Format = 5 | 6 | 9;
type Mapping = Record<string, unknown>;

const DEPENDENCY_SECTIONS = ['dependencies', 'optionalDependencies'] as const;

export function parsePnpmLock(text: string, warn: (message: string) => void): LockedPackage[] {
  const doc = lockDocument(text, warn);
  if (!doc) return [];
  const major = Number.parseFloat(nonEmptyString(doc.lockfileVersion) ?? '');
  if (!Number.isFinite(major)) {
    warn('no lockfileVersion');
    return [];
  }
  const format: Format = major < 6 ? 5 : major < 9 ? 6 : 9;
  const packages = isObject(doc.packages) ? doc.packages : {};

  // Every key a dependency can name (raw package keys, and v9 snapshot keys) -> the package's name@version.
  const keyOf = new Map<string, string>();
  const identities = new Map<string, { name: string; version: string }>();
  let unreadable = 0;
  for (const [raw, entry] of Object.entries(packages)) {
    const identity = isObject(entry) ? identityOf(raw, entry, format) : undefined;
    if (!identity) {
      if (!isLocalKey(raw)) unreadable++;
      continue;
    }
    const key = lockedKey(identity.name, identity.version);
    keyOf.set(raw, key);
    identities.set(key, identity);
  }
  if (unreadable > 0) warn(`${unreadable} packages without a readable name and version`);

  const collected = new LockedPackages();
  if (format === 9) {
    const snapshots = isObject(doc.snapshots) ? doc.snapshots : {};
    const dev = developmentOnly(doc, snapshots, keyOf);
    const added = new Set<string>();
    for (const [snapshotKey, snapshot] of Object.entries(snapshots)) {
      const key = keyOf.get(withoutPeers(snapshotKey));
      if (!key) continue;
      const { name, version } = identities.get(key)!;
      const dependsOn = dependencyRefs(snapshot)
        .map(([dep, ref]) => keyOf.get(withoutPeers(snapshotRef(dep, ref))))
        .filter((k): k is string => k !== undefined);
      collected.add(name, version, { dev: dev.has(key), dependsOn });
      added.add(key);
    }
    // a packages entry without a snapshot still names a locked package
    for (const [key, { name, version }] of identities)
      if (!added.has(key)) collected.add(name, version, { dev: dev.has(key) });
    return collected.list();
  }
  for (const [raw, entry] of Object.entries(packages)) {
    const key = keyOf.get(raw);
    if (!key || !isObject(entry)) continue;
    const { name, version } = identities.get(key)!;
    const dependsOn = dependencyRefs(entry)
      .map(([dep, ref]) => keyOf.get(ref.startsWith('/') ? ref : rawKey(format, dep, ref)))
      .filter((k): k is string => k !== undefined);
    collected.add(name, version, { dev: entry.dev === 'true', dependsOn });
  }
  return collected.list();
}

/** pnpm 9.7+ may put a document of configuration dependencies before the lock itself: take the one with packages. */
function lockDocument(text: string, warn: (message: string) => void): Mapping | undefined {
  let chosen: Mapping | undefined;
  try {
    // failsafe: every scalar stays text, so `version: 1.10` is not read as the number 1.1
    for (const document of yamlModule().parseAllDocuments(text, { schema: 'failsafe' })) {
      if (!('errors' in document)) continue;
      if (document.errors.length > 0) {
        warn(`not valid YAML: ${document.errors[0]!.message}`);
        return undefined;
      }
      const json: unknown = document.toJS({ maxAliasCount: 100 });
      if (isObject(json) && (chosen === undefined || 'packages' in json || 'importers' in json))
        chosen = json;
    }
  } catch (err) {
    warn(`not valid YAML: ${messageOf(err)}`);
    return undefined;
  }
  if (!chosen) warn('not a YAML mapping');
  return chosen;
}

function identityOf(
  raw: string,
  entry: Mapping,
  format: Format,
): { name: string; version: string } | undefined {
  const parsed = parseKey(raw, format);
  const name = nonEmptyString(entry.name) ?? parsed?.name;
  const version = nonEmptyString(entry.version) ?? parsed?.version;
  if (!name || !version || version.includes(':')) return undefined; // a local folder (file:, link:) has no version
  return { name, version };
}

/** The name and version a package key spells, peer suffixes removed. */
function parseKey(raw: string, format: Format): { name: string; version: string } | undefined {
  if (format === 5) {
    if (!raw.startsWith('/')) return undefined; // tarball and git keys carry name and version fields
    const parts = raw.slice(1).split('/');
    const nameParts = parts[0]?.startsWith('@') ? 2 : 1;
    if (parts.length !== nameParts + 1) return undefined;
    return { name: parts.slice(0, nameParts).join('/'), version: parts[nameParts]!.split('_')[0]! };
  }
  const key = withoutPeers(format === 6 && raw.startsWith('/') ? raw.slice(1) : raw);
  const at = key.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: key.slice(0, at), version: key.slice(at + 1) };
}

/** How a v5/v6 dependency reference (`1.0.0`, `1.0.0_peer`, `1.0.0(peer@2)`) names its package key. */
function rawKey(format: Format, name: string, ref: string): string {
  return format === 5 ? `/${name}/${ref}` : `/${name}@${ref}`;
}

/** A v9 reference is a version (with peers) of the named package, or `alias-target@version` for an alias. */
function snapshotRef(name: string, ref: string): string {
  return withoutPeers(ref).indexOf('@', 1) > 0 ? ref : `${name}@${ref}`;
}

function withoutPeers(key: string): string {
  const paren = key.indexOf('(');
  return paren < 0 ? key : key.slice(0, paren);
}

function isLocalKey(raw: string): boolean {
  return raw.includes('@file:') || raw.includes('@link:') || raw.startsWith('file:');
}

function dependencyRefs(entry: unknown): [string, string][] {
  const refs: [string, string][] = [];
  if (!isObject(entry)) return refs;
  for (const section of DEPENDENCY_SECTIONS) {
    const deps = entry[section];
    if (!isObject(deps)) continue;
    for (const [name, ref] of Object.entries(deps)) {
      const text = nonEmptyString(ref);
      if (text && !text.startsWith('link:')) refs.push([name, text]);
    }
  }
  return refs;
}

/**
 * v9 lock files dropped the per-package `dev` flag: a package is a development dependency when it is reachable from
 * some importer's devDependencies and from no importer's dependencies or optionalDependencies.
 */
function developmentOnly(
  doc: Mapping,
  snapshots: Mapping,
  keyOf: Map<string, string>,
): Set<string> {
  const importers = isObject(doc.importers) ? Object.values(doc.importers) : [];
  const roots = (sections: readonly string[]) => {
    const found: string[] = [];
    for (const importer of importers) {
      if (!isObject(importer)) continue;
      for (const section of sections) {
        const deps = importer[section];
        if (!isObject(deps)) continue;
        for (const [name, spec] of Object.entries(deps)) {
          const version = isObject(spec) ? nonEmptyString(spec.version) : nonEmptyString(spec);
          if (version && !version.startsWith('link:')) found.push(snapshotRef(name, version));
        }
      }
    }
    return found;
  };
  const reach = (start: string[]) => {
    const seen = new Set<string>();
    const pending = [...start];
    while (pending.length > 0) {
      const snapshotKey = pending.pop()!;
      if (seen.has(snapshotKey)) continue;
      seen.add(snapshotKey);
      for (const [dep, ref] of dependencyRefs(snapshots[snapshotKey]))
        pending.push(snapshotRef(dep, ref));
    }
    const keys = new Set<string>();
    for (const snapshotKey of seen) {
      const key = keyOf.get(withoutPeers(snapshotKey));
      if (key) keys.add(key);
    }
    return keys;
  };
  const production = reach(roots(['dependencies', 'optionalDependencies']));
  const development = reach(roots(['devDependencies']));
  return new Set([...development].filter((key) => !production.has(key)));
}
