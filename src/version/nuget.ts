// NuGet version ordering, as NuGet.Versioning's default VersionComparer answers: SemVer 2.0 with a fourth part.
// Follows https://learn.microsoft.com/en-us/nuget/concepts/package-versioning (pre-release, normalized version numbers).

import { type Ordering, type VersionScheme, sign } from './scheme.js';

interface NuGetVersion {
  /** major, minor, patch, revision; absent parts are 0, so 1.0 == 1.0.0 == 1.0.0.0. */
  readonly numbers: readonly [number, number, number, number];
  /** Release labels; empty for a stable version. Metadata (+...) is dropped: it never takes part in ordering. */
  readonly labels: readonly string[];
}

const INT32_MAX = 2 ** 31 - 1;
const LABELS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
/** One to four numeric parts (NuGet appends '.0' to a lone major), labels after '-', metadata after '+'. */
const VALID = new RegExp(`^([0-9]+(?:\\.[0-9]+){0,3})(?:-(${LABELS}))?(?:\\+${LABELS})?$`);

/** NuGet keeps each part in an int; leading zeros are ignored (1.01 == 1.1). */
function partValue(digits: string): number {
  return Number(digits.replace(/^0+(?=.)/, ''));
}

function toVersion(core: string, labels: string | undefined): NuGetVersion {
  const parts = core.split('.').map((part) => (/^[0-9]+$/.test(part) ? partValue(part) : 0));
  return {
    numbers: [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0],
    labels: labels === undefined || labels === '' ? [] : labels.split('.'),
  };
}

/** What NuGetVersion.TryParse accepts: parts within an int, no empty label, no leading zero in a numeric label. */
function parseStrict(version: string): NuGetVersion | undefined {
  const match = VALID.exec(version.trim());
  if (!match) return undefined;
  const parsed = toVersion(match[1]!, match[2]);
  if (parsed.numbers.some((n) => n > INT32_MAX)) return undefined;
  if (parsed.labels.some((label) => /^0[0-9]+$/.test(label))) return undefined;
  return parsed;
}

/** For strings NuGet refuses: the first '+' starts metadata and the first '-' the labels, as NuGet splits them. */
function parseLenient(version: string): NuGetVersion {
  const text = version.trim().split('+', 1)[0]!;
  const hyphen = text.indexOf('-');
  return hyphen < 0
    ? toVersion(text, undefined)
    : toVersion(text.slice(0, hyphen), text.slice(hyphen + 1));
}

/** A label is numeric when .NET's int.TryParse reads it; numeric labels sort before alphanumeric ones. */
function numericLabel(label: string): number | undefined {
  if (!/^-?[0-9]+$/.test(label)) return undefined;
  const value = Number(label);
  return value >= -INT32_MAX - 1 && value <= INT32_MAX ? value : undefined;
}

function compareLabel(a: string, b: string): number {
  const na = numericLabel(a);
  const nb = numericLabel(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (na !== undefined || nb !== undefined) return na !== undefined ? -1 : 1;
  // StringComparer.OrdinalIgnoreCase: code units after upper-casing, so RC1 == rc1.
  const ua = a.toUpperCase();
  const ub = b.toUpperCase();
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function compareLabels(a: readonly string[], b: readonly string[]): number {
  // A stable version sorts after all of its pre-releases.
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = compareLabel(a[i]!, b[i]!);
    if (result !== 0) return result;
  }
  return a.length - b.length;
}

export const nuget: VersionScheme = {
  name: 'nuget',
  compare(a: string, b: string): Ordering {
    const va = parseStrict(a) ?? parseLenient(a);
    const vb = parseStrict(b) ?? parseLenient(b);
    for (let i = 0; i < 4; i++) {
      const result = va.numbers[i]! - vb.numbers[i]!;
      if (result !== 0) return sign(result);
    }
    return sign(compareLabels(va.labels, vb.labels));
  },
  isValid(version: string): boolean {
    return parseStrict(version) !== undefined;
  },
};
