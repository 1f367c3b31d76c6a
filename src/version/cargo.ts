// Cargo (crates.io) version ordering: SemVer 2.0.0 precedence, as the semver crate Cargo uses parses and orders.
// Follows https://semver.org/spec/v2.0.0.html#spec-item-11 and https://doc.rust-lang.org/cargo/reference/semver.html.

import { type Ordering, type VersionScheme, sign } from './scheme.js';

interface SemVer {
  /** major, minor and patch as decimal digits without leading zeros. */
  readonly release: readonly [string, string, string];
  /** Dot-separated prerelease identifiers; empty for a release. */
  readonly prerelease: readonly string[];
}

const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const NUMBER = '(0|[1-9][0-9]*)';
const STRICT = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENTIFIERS}))?(?:\\+${IDENTIFIERS})?$`,
);
/** The semver crate keeps major, minor and patch in a u64. */
const U64_MAX = 2n ** 64n - 1n;

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=.)/, '');
}

function parseStrict(version: string): SemVer | undefined {
  const match = STRICT.exec(version);
  if (!match) return undefined;
  const release: [string, string, string] = [match[1]!, match[2]!, match[3]!];
  if (release.some((part) => BigInt(part) > U64_MAX)) return undefined;
  const prerelease = match[4] === undefined ? [] : match[4].split('.');
  // SemVer item 9: numeric identifiers must not include leading zeros.
  if (prerelease.some((id) => /^0[0-9]+$/.test(id))) return undefined;
  return { release, prerelease };
}

/**
 * For strings the semver crate refuses (a 'v' prefix, missing parts, leading zeros): read what is there, so compare()
 * still gives a stable answer.
 */
function parseLenient(version: string): SemVer {
  const text = version.trim().replace(/^[v=]+/i, '');
  const withoutBuild = text.split('+', 1)[0]!;
  const hyphen = withoutBuild.indexOf('-');
  const core = hyphen < 0 ? withoutBuild : withoutBuild.slice(0, hyphen);
  const parts = core.split('.').map((part) => stripZeros(/^[0-9]*/.exec(part)![0] || '0'));
  const prerelease = hyphen < 0 ? [] : withoutBuild.slice(hyphen + 1).split('.');
  return { release: [parts[0] ?? '0', parts[1] ?? '0', parts[2] ?? '0'], prerelease };
}

function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const ALL_DIGITS = /^[0-9]+$/;

/** SemVer item 11.4: numeric identifiers numerically and below alphanumeric ones, which compare in ASCII order. */
function compareIdentifiers(a: string, b: string): number {
  const numericA = ALL_DIGITS.test(a);
  const numericB = ALL_DIGITS.test(b);
  if (numericA && numericB) return compareDigits(stripZeros(a), stripZeros(b));
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrereleases(a: readonly string[], b: readonly string[]): number {
  // A release sorts after all of its prereleases (1.0.0-alpha < 1.0.0).
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = compareIdentifiers(a[i]!, b[i]!);
    if (result !== 0) return result;
  }
  return a.length - b.length;
}

export const cargo: VersionScheme = {
  name: 'cargo',
  /** Build metadata (+...) never takes part: 1.0.0+a and 1.0.0+b are the same version for precedence. */
  compare(a: string, b: string): Ordering {
    const va = parseStrict(a) ?? parseLenient(a);
    const vb = parseStrict(b) ?? parseLenient(b);
    for (let i = 0; i < 3; i++) {
      const result = compareDigits(va.release[i]!, vb.release[i]!);
      if (result !== 0) return sign(result);
    }
    return sign(comparePrereleases(va.prerelease, vb.prerelease));
  },
  isValid(version: string): boolean {
    return parseStrict(version) !== undefined;
  },
};
