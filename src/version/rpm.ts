// RPM package version ordering: rpmvercmp over epoch, version and release of [epoch:]version[-release].
// Follows rpm's rpmio/rpmvercmp.c and rpmdsCompareEVR (https://rpm-software-management.github.io/rpm/manual/dependencies.html).

import { memoized } from './memo.js';
import { type Ordering, type VersionScheme, sign } from './scheme.js';

interface Evr {
  /** Decimal digits without leading zeros ('' is epoch 0). */
  epoch: string;
  version: string;
  release: string | undefined;
}

/** Characters rpmbuild accepts in a Version or Release tag (rpmCharCheck), minus macro syntax. */
const EVR_PART = /^[0-9A-Za-z._+~^]*[0-9A-Za-z][0-9A-Za-z._+~^]*$/;

/** Splits as rpm's parseEVR does: leading digits then ':' are the epoch, the last hyphen starts the release. */
function splitEvrUncached(evr: string): Evr {
  const text = evr.trim();
  const epochMatch = /^(\d*):/.exec(text);
  const rest = epochMatch ? text.slice(epochMatch[0].length) : text;
  const epoch = epochMatch ? epochMatch[1]!.replace(/^0+/, '') : '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, version: rest, release: undefined };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

const splitEvr = memoized(splitEvrUncached);

function isAlnum(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isAlpha(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * rpmvercmp: segments of digits or letters, separators only split; a numeric segment is newer than an alphabetic
 * one, '~' sorts before everything (the end included) and '^' after the end but before any other segment.
 */
export function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isAlnum(a[i]!) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]!) && b[j] !== '~' && b[j] !== '^') j++;
    const ca = a[i] ?? '';
    const cb = b[j] ?? '';
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (ca === '') return -1;
      if (cb === '') return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '' || cb === '') break;

    const numeric = isDigit(ca);
    const inSegment = numeric ? isDigit : isAlpha;
    const startA = i;
    const startB = j;
    while (i < a.length && inSegment(a[i]!)) i++;
    while (j < b.length && inSegment(b[j]!)) j++;
    // b has a segment of the other kind here: numbers are newer than letters.
    if (j === startB) return numeric ? 1 : -1;
    let segA = a.slice(startA, i);
    let segB = b.slice(startB, j);
    if (numeric) {
      segA = segA.replace(/^0+/, '');
      segB = segB.replace(/^0+/, '');
      if (segA.length !== segB.length) return segA.length > segB.length ? 1 : -1;
    }
    const order = compareBytes(segA, segB);
    if (order !== 0) return sign(order);
  }
  // Whichever still has characters left is newer, even if they are only separators.
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

function compareEpochs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return compareBytes(a, b);
}

function isValidRpm(evr: string): boolean {
  if (/\s/.test(evr)) return false;
  const epochMatch = /^(\d*):/.exec(evr);
  if (epochMatch && epochMatch[1] === '') return false;
  const { version, release } = splitEvr(evr);
  return EVR_PART.test(version) && (release === undefined || EVR_PART.test(release));
}

export const rpm: VersionScheme = {
  name: 'rpm',
  compare(a: string, b: string): Ordering {
    const x = splitEvr(a);
    const y = splitEvr(b);
    const byEpoch = compareEpochs(x.epoch, y.epoch);
    if (byEpoch !== 0) return sign(byEpoch);
    const byVersion = rpmvercmp(x.version, y.version);
    // As rpm matches a dependency range: a side without a release matches every release of its version.
    if (byVersion !== 0 || x.release === undefined || y.release === undefined) return byVersion;
    return rpmvercmp(x.release, y.release);
  },
  isValid: isValidRpm,
};
