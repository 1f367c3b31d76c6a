// Debian package version ordering, as dpkg --compare-versions answers: [epoch:]upstream[-revision].
// Follows deb-version(7) (https://manpages.debian.org/deb-version.7) and dpkg's parseversion/verrevcmp rules.

import { memoized } from './memo.js';
import { type Ordering, type VersionScheme, sign } from './scheme.js';

interface DebVersion {
  /** Decimal digits without leading zeros ('' is epoch 0), so any length compares exactly. */
  epoch: string;
  upstream: string;
  /** '' when absent, which verrevcmp orders the same as '0'. */
  revision: string;
}

const MAX_EPOCH = 2 ** 31 - 1; // dpkg stores the epoch in an int and refuses larger ones.
const UPSTREAM_CHARS = /^[0-9A-Za-z.+~:-]*$/;
const REVISION_CHARS = /^[0-9A-Za-z.+~]*$/;

/**
 * Splits as dpkg does: the first colon ends a numeric epoch, the last hyphen starts the revision. A prefix before a
 * colon that is not a number stays part of the upstream version, so compare() still orders such strings.
 */
function splitVersionUncached(version: string): DebVersion {
  let rest = version.trim();
  let epoch = '';
  const colon = rest.indexOf(':');
  if (colon > 0 && /^\d+$/.test(rest.slice(0, colon))) {
    epoch = rest.slice(0, colon).replace(/^0+/, '');
    rest = rest.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, upstream: rest, revision: '' };
  return { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
}

const splitVersion = memoized(splitVersionUncached);

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** A character's weight in a non-digit run: '~' lowest (below the end), then the end, letters, then all others. */
function weight(code: number): number {
  if (Number.isNaN(code) || isDigit(code)) return 0;
  if (isLetter(code)) return code;
  if (code === 0x7e) return -1;
  return code + 256;
}

/** dpkg's verrevcmp: alternating non-digit runs (by weight) and digit runs (by numeric value). */
function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isDigit(a.charCodeAt(i))) ||
      (j < b.length && !isDigit(b.charCodeAt(j)))
    ) {
      const wa = weight(a.charCodeAt(i));
      const wb = weight(b.charCodeAt(j));
      if (wa !== wb) return wa - wb;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 0x30) i++;
    while (b.charCodeAt(j) === 0x30) j++;
    const startA = i;
    const startB = j;
    while (isDigit(a.charCodeAt(i))) i++;
    while (isDigit(b.charCodeAt(j))) j++;
    // Without leading zeros, the longer digit run is the larger number; equal lengths compare digit by digit.
    const lengths = i - startA - (j - startB);
    if (lengths !== 0) return lengths;
    const digitsA = a.slice(startA, i);
    const digitsB = b.slice(startB, j);
    if (digitsA !== digitsB) return digitsA < digitsB ? -1 : 1;
  }
  return 0;
}

function compareEpochs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What dpkg's parseversion accepts without an error or a warning. */
function isValidDeb(version: string): boolean {
  const trimmed = version.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return false;
  const colon = trimmed.indexOf(':');
  let rest = trimmed;
  if (colon >= 0) {
    const epoch = trimmed.slice(0, colon);
    if (!/^\d+$/.test(epoch) || Number(epoch) > MAX_EPOCH) return false;
    rest = trimmed.slice(colon + 1);
    if (rest === '') return false;
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen < 0 ? rest : rest.slice(0, hyphen);
  const revision = hyphen < 0 ? '' : rest.slice(hyphen + 1);
  if (hyphen >= 0 && revision === '') return false;
  if (upstream === '' || !isDigit(upstream.charCodeAt(0))) return false;
  return UPSTREAM_CHARS.test(upstream) && REVISION_CHARS.test(revision);
}

export const deb: VersionScheme = {
  name: 'deb',
  compare(a: string, b: string): Ordering {
    const va = splitVersion(a);
    const vb = splitVersion(b);
    return sign(
      compareEpochs(va.epoch, vb.epoch) ||
        compareFragment(va.upstream, vb.upstream) ||
        compareFragment(va.revision, vb.revision),
    );
  },
  isValid: isValidDeb,
};
