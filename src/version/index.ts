// Version comparison by ecosystem: the one entry point the matcher and other callers use.
// Each ecosystem's rules live in their own module beside this one, with a table test citing the specification.

import { apk } from './apk.js';
import { cargo } from './cargo.js';
import { composer } from './composer.js';
import { deb } from './deb.js';
import { gem } from './gem.js';
import { go } from './go.js';
import { maven } from './maven.js';
import { nuget } from './nuget.js';
import { pep440 } from './pep440.js';
import { rpm } from './rpm.js';
import type { Ordering, VersionScheme } from './scheme.js';
import { semver } from './semver.js';

export type { Ordering, VersionScheme } from './scheme.js';

const SCHEMES: ReadonlyMap<string, VersionScheme> = new Map(
  [deb, apk, rpm, pep440, semver, go, maven, gem, cargo, nuget, composer].map((s) => [s.name, s]),
);

/** The ecosystem names compareVersions() accepts. */
export const VERSION_ECOSYSTEMS: readonly string[] = [...SCHEMES.keys()].sort();

/** The version module of an ecosystem, or undefined when Seawall has none. */
export function versionScheme(ecosystem: string): VersionScheme | undefined {
  return SCHEMES.get(ecosystem);
}

/** Compares two versions by the ecosystem's own rules: -1, 0 or 1. Throws on an unknown ecosystem name. */
export function compareVersions(ecosystem: string, a: string, b: string): Ordering {
  const scheme = SCHEMES.get(ecosystem);
  if (!scheme)
    throw new RangeError(`no version comparison for ecosystem ${JSON.stringify(ecosystem)}`);
  return scheme.compare(a, b);
}
