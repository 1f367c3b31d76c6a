// Go module and Go toolchain version ordering, for Go advisories (module paths and the stdlib/toolchain).
// Follows https://go.dev/ref/mod#versions (semver with a 'v', pseudo-versions, +incompatible) and golang.org/x/mod/semver.

import { memoized } from './memo.js';
import { type Ordering, type VersionScheme } from './scheme.js';
import { compareParsedOrText, type SemverParts } from './semver.js';

/** x/mod/semver's grammar: no leading zeros, "v1" and "v1.2" only as shorthand without pre-release or build. */
const NUMBER = '(0|[1-9]\\d*)';
const IDENTIFIER = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const MODULE_VERSION = new RegExp(
  `^${NUMBER}(?:\\.${NUMBER}(?:\\.${NUMBER}` +
    `(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?$`,
);
/** Go release tags as the stdlib advisories name them: go1.21, go1.21.3, go1.22rc1, go1.9beta2. */
const TOOLCHAIN_VERSION = new RegExp(
  `^go${NUMBER}(?:\\.${NUMBER})?(?:\\.${NUMBER})?(?:(beta|rc)${NUMBER})?$`,
);

/**
 * Pseudo-versions need no rule of their own: v1.2.4-0.20191109021931-daa7c04131f5 is a pre-release of v1.2.4 above
 * v1.2.3, and their fixed-width timestamps make text order time order.
 */
function parseGoVersionUncached(version: string): SemverParts | undefined {
  const text = version.trim();
  const toolchain = TOOLCHAIN_VERSION.exec(text);
  if (toolchain) {
    // go1.21 is the release 1.21.0 (as the Go vulnerability database writes it); go1.22rc1 is 1.22.0-rc.1.
    return {
      major: toolchain[1]!,
      minor: toolchain[2] ?? '0',
      patch: toolchain[3] ?? '0',
      prerelease: toolchain[4] ? [toolchain[4], toolchain[5]!] : [],
    };
  }
  // The 'v' is required in go.mod, but OSV's Go ranges leave it out.
  const match = MODULE_VERSION.exec(text.startsWith('v') ? text.slice(1) : text);
  if (!match) return undefined;
  return {
    major: match[1]!,
    minor: match[2] ?? '0',
    patch: match[3] ?? '0',
    // Build metadata, +incompatible included, does not take part in ordering.
    prerelease: match[4]?.split('.') ?? [],
  };
}

export const parseGoVersion = memoized(parseGoVersionUncached);

export const go: VersionScheme = {
  name: 'go',
  compare(a: string, b: string): Ordering {
    // Like x/mod/semver.Compare, what is not a version sorts before every version.
    return compareParsedOrText(a, parseGoVersion(a), b, parseGoVersion(b));
  },
  isValid(version: string): boolean {
    return parseGoVersion(version) !== undefined;
  },
};
