// The one record every npm-family lock file parser produces, and the collector that merges a package's copies.
// Lock formats: package-lock.json, yarn.lock (classic and berry), pnpm-lock.yaml; see the parsers beside this file.

import type { License } from '../../model/license.js';
import { compareText } from '../../model/order.js';

export interface LockedPackage {
  name: string;
  version: string;
  /** Present when the lock file marks every copy of this name and version as a development dependency. */
  dev?: true;
  licenses?: License[];
  /** Keys (lockedKey) of the locked packages this one depends on, sorted. */
  dependsOn: string[];
}

/** How lock parsers name a package and version, to resolve dependencies without purls. */
export function lockedKey(name: string, version: string): string {
  return `${name}@${version}`;
}

interface Entry {
  name: string;
  version: string;
  dev: boolean;
  licenses?: License[];
  dependsOn: Set<string>;
}

/** Collects locked packages; copies of one name and version (nested installs, peer variants) become one record. */
export class LockedPackages {
  private readonly byKey = new Map<string, Entry>();

  add(
    name: string,
    version: string,
    options: { dev?: boolean; licenses?: License[]; dependsOn?: Iterable<string> } = {},
  ): void {
    const key = lockedKey(name, version);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { name, version, dev: options.dev === true, dependsOn: new Set() };
      this.byKey.set(key, entry);
    } else if (!options.dev) {
      entry.dev = false; // needed outside development by at least one copy
    }
    if (options.licenses?.length && !entry.licenses) entry.licenses = options.licenses;
    for (const dep of options.dependsOn ?? []) if (dep !== key) entry.dependsOn.add(dep);
  }

  /** The packages sorted by key, with dependencies limited to packages of this lock file. */
  list(): LockedPackage[] {
    return [...this.byKey.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([, entry]) => {
        const locked: LockedPackage = {
          name: entry.name,
          version: entry.version,
          dependsOn: [...entry.dependsOn].filter((d) => this.byKey.has(d)).sort(compareText),
        };
        if (entry.dev) locked.dev = true;
        if (entry.licenses) locked.licenses = entry.licenses;
        return locked;
      });
  }
}

/**
 * Splits `name@spec` (`@scope/name@spec` too) at the '@' after the name; an npm alias spec (`npm:real@1.2.3`) names the
 * package that is really installed.
 */
export function splitNameAndSpec(text: string): { name: string; spec: string } | undefined {
  const at = text.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: text.slice(0, at), spec: text.slice(at + 1) };
}

/** `npm:real@range` names `real`; anything else leaves the name as it is. */
export function aliasedName(name: string, spec: string): { name: string; spec: string } {
  if (!spec.startsWith('npm:')) return { name, spec };
  const target = splitNameAndSpec(spec.slice('npm:'.length));
  return target ?? { name: spec.slice('npm:'.length), spec: '' };
}
