// dpkg package relationships: parsing Depends/Pre-Depends/Provides, and resolving them to the installed packages.
// Syntax: https://www.debian.org/doc/debian-policy/ch-relationships.html; arch qualifiers: https://wiki.debian.org/Multiarch/Implementation

/** One alternative of a relationship, with its version constraint dropped (edges only need the target). */
export interface Relation {
  name: string;
  /** `any`, `native`, or an architecture name, from `name:arch`. */
  archQualifier?: string;
}

/** `a | b`: satisfied by the first alternative that is installed. */
export type AlternativeGroup = Relation[];

/** Parses a relationship field ("libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0, perl:any") into groups. */
export function parseRelations(field: string | undefined): AlternativeGroup[] {
  if (!field) return [];
  const groups: AlternativeGroup[] = [];
  for (const groupText of field.split(',')) {
    const group: Relation[] = [];
    for (const altText of groupText.split('|')) {
      const relation = parseRelation(altText);
      if (relation) group.push(relation);
    }
    if (group.length > 0) groups.push(group);
  }
  return groups;
}

function parseRelation(text: string): Relation | undefined {
  // Drop "(>= 1.0)", "[amd64 i386]" and "<!nocheck>" restrictions: none of them changes which package is the target.
  const bare = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .trim();
  const m = /^([a-z0-9][a-z0-9.+-]*)(?::([a-z0-9-]+))?$/i.exec(bare);
  if (!m) return undefined;
  const relation: Relation = { name: m[1]!.toLowerCase() };
  if (m[2]) relation.archQualifier = m[2].toLowerCase();
  return relation;
}

/** What resolution needs to know of an installed package. */
export interface InstalledPackage {
  name: string;
  arch?: string;
  /** Names of the virtual packages it provides. */
  provides: string[];
  depends: AlternativeGroup[];
}

/**
 * For each installed package, the installed packages its relationships lead to: per group, the first alternative that
 * an installed package satisfies, either by name (respecting `:arch` qualifiers) or through Provides. Packages of the
 * depending package's own architecture are preferred, then `all`, then any other (a Multi-Arch: foreign package
 * satisfies every architecture). A virtual name satisfied by several providers leads to all of them. Self edges dropped.
 */
export function resolveRelations<P extends InstalledPackage>(packages: readonly P[]): Map<P, P[]> {
  const byName = new Map<string, P[]>();
  const providers = new Map<string, P[]>();
  for (const p of packages) {
    push(byName, p.name, p);
    for (const v of p.provides) push(providers, v, p);
  }
  const result = new Map<P, P[]>();
  for (const p of packages) {
    const targets = new Set<P>();
    for (const group of p.depends) {
      for (const relation of group) {
        const found = satisfy(relation, p, byName, providers);
        if (found.length === 0) continue;
        for (const t of found) if (t !== p) targets.add(t);
        break;
      }
    }
    result.set(p, [...targets]);
  }
  return result;
}

function satisfy<P extends InstalledPackage>(
  relation: Relation,
  from: P,
  byName: Map<string, P[]>,
  providers: Map<string, P[]>,
): P[] {
  const real = (byName.get(relation.name) ?? []).filter((c) => archMatches(relation, c, from));
  if (real.length > 0) return [preferArch(real, from.arch)];
  return providers.get(relation.name) ?? [];
}

function archMatches(
  relation: Relation,
  candidate: InstalledPackage,
  from: InstalledPackage,
): boolean {
  const q = relation.archQualifier;
  if (q === undefined || q === 'any') return true;
  if (q === 'native') return candidate.arch === from.arch || candidate.arch === 'all';
  return candidate.arch === q || candidate.arch === 'all';
}

function preferArch<P extends InstalledPackage>(candidates: P[], arch: string | undefined): P {
  return (
    candidates.find((c) => c.arch === arch) ??
    candidates.find((c) => c.arch === 'all') ??
    candidates[0]!
  );
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
