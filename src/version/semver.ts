// Semantic version ordering as npm applies it, for npm packages and OSV SEMVER ranges (crates.io and others).
// Follows SemVer 2.0.0 precedence (https://semver.org/#spec-item-11), with npm's loose prefixes and short forms.

import { memoized } from './memo.js';
import { type Ordering, type VersionScheme, sign } from './scheme.js';

/** A parsed version as precedence sees it: build metadata is gone, numbers have no leading zeros. */
export interface SemverParts {
  major: string;
  minor: string;
  patch: string;
  /** Dot-separated pre-release identifiers; empty for a release. */
  prerelease: string[];
}

const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
/**
 * npm's loose form: any run of 'v', '=' and spaces first, minor and patch optional (OSV data has "1" and "1.2"),
 * leading zeros allowed, and a pre-release that starts with a letter may omit its hyphen ("1.2.3beta.1").
 */
const LOOSE = new RegExp(
  '^[v=\\s]*(\\d+)(?:\\.(\\d+)(?:\\.(\\d+))?)?' +
    `(?:-(${IDENTIFIERS})|([A-Za-z][0-9A-Za-z-]*(?:\\.[0-9A-Za-z-]+)*))?` +
    `(?:\\+${IDENTIFIERS})?$`,
);
const NUMERIC = /^\d+$/;

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Parses npm's loose form; undefined when the string is no semantic version. */
function parseSemverUncached(version: string): SemverParts | undefined {
  const match = LOOSE.exec(version.trim());
  if (!match) return undefined;
  const prerelease = match[4] ?? match[5];
  return {
    major: stripZeros(match[1]!),
    minor: stripZeros(match[2] ?? '0'),
    patch: stripZeros(match[3] ?? '0'),
    prerelease: prerelease === undefined ? [] : prerelease.split('.'),
  };
}

export const parseSemver = memoized(parseSemverUncached);

/** Two numbers by value, however many digits they have. */
function compareNumbers(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** SemVer 11.4: numeric identifiers by value and below alphanumeric ones, those in ASCII order. */
function compareIdentifiers(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) return compareNumbers(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SemVer 11.2-11.4: major, minor, patch, then a release above its pre-releases, which compare field by field. */
export function compareSemver(a: SemverParts, b: SemverParts): Ordering {
  const core =
    compareNumbers(a.major, b.major) ||
    compareNumbers(a.minor, b.minor) ||
    compareNumbers(a.patch, b.patch);
  if (core !== 0) return sign(core);
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return sign(b.prerelease.length - a.prerelease.length);
  }
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (order !== 0) return sign(order);
  }
  return sign(a.prerelease.length - b.prerelease.length);
}

/** Orders parsed versions by precedence, and what failed to parse before them, by its text. */
export function compareParsedOrText(
  a: string,
  x: SemverParts | undefined,
  b: string,
  y: SemverParts | undefined,
): Ordering {
  if (x && y) return compareSemver(x, y);
  if (x) return 1;
  if (y) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const semver: VersionScheme = {
  name: 'semver',
  compare(a: string, b: string): Ordering {
    return compareParsedOrText(a, parseSemver(a), b, parseSemver(b));
  },
  isValid(version: string): boolean {
    return parseSemver(version) !== undefined;
  },
};
