// Resolves rpm requirements to the installed packages that satisfy them: capabilities through provides, paths through
// provides and file lists. Dependency semantics: https://rpm-software-management.github.io/rpm/manual/dependencies.html

/** What resolution needs to know of an installed package. */
export interface RpmDependencyNode {
  name: string;
  arch?: string;
  /** Capability names (PROVIDENAME). */
  provides: readonly string[];
  /** Required capability names and absolute paths (REQUIRENAME), without versions. */
  requires: readonly string[];
  /** Absolute paths the package owns. */
  files: readonly string[];
}

/** rpm's architecture-independent packages satisfy requirements of every architecture. */
const NOARCH = 'noarch';

/**
 * For each package, the installed packages its requirements lead to. A requirement is satisfied by every package
 * that provides it (a package always provides its own name) and, for a path, by every package owning that path;
 * when several qualify, those of the requiring package's architecture or noarch are preferred, so a multilib pair
 * does not cross-link. Version constraints are not checked: an installed set already satisfied them. Self edges and
 * unsatisfied requirements are dropped.
 */
export function resolveRpmRequires<P extends RpmDependencyNode>(
  packages: readonly P[],
): Map<P, P[]> {
  const providers = new Map<string, Set<P>>();
  for (const p of packages) {
    add(providers, p.name, p);
    for (const capability of p.provides) add(providers, capability, p);
  }
  // Only the paths something requires are indexed, not every file of every package.
  const requiredPaths = new Set<string>();
  for (const p of packages) for (const r of p.requires) if (r.startsWith('/')) requiredPaths.add(r);
  const owners = new Map<string, Set<P>>();
  for (const p of packages) for (const f of p.files) if (requiredPaths.has(f)) add(owners, f, p);

  const result = new Map<P, P[]>();
  for (const p of packages) {
    const targets = new Set<P>();
    for (const requirement of p.requires) {
      const candidates = new Set([
        ...(providers.get(requirement) ?? []),
        ...(owners.get(requirement) ?? []),
      ]);
      for (const t of preferSameArch([...candidates], p.arch)) if (t !== p) targets.add(t);
    }
    result.set(p, [...targets]);
  }
  return result;
}

function preferSameArch<P extends RpmDependencyNode>(
  candidates: P[],
  arch: string | undefined,
): P[] {
  if (candidates.length < 2) return candidates;
  const matching = candidates.filter((c) => c.arch === arch || c.arch === NOARCH);
  return matching.length > 0 ? matching : candidates;
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
