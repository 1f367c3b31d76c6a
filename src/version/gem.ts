// RubyGems version ordering, as Gem::Version#<=> answers: numeric and letter segments, letters mean a prerelease.
// Follows https://guides.rubygems.org/patterns/#semantic-versioning and Gem::Version's own rules (its <=>).

import { type Ordering, type VersionScheme, sign } from './scheme.js';

/** A segment: decimal digits without leading zeros (Ruby's to_i), or a run of letters kept as written. */
type Segment =
  | { readonly numeric: true; readonly digits: string }
  | { readonly numeric: false; readonly text: string };

/** Ruby's strip and \s: NUL, tab, line feed, vertical tab, form feed, carriage return and space. */
const SPACE = '[\\0\\t\\n\\v\\f\\r ]';
const EDGE_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');
/** Gem::Version::ANCHORED_VERSION_PATTERN; a blank string is version 0. */
const VALID =
  /^[\t\n\v\f\r ]*(?:[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?[\t\n\v\f\r ]*$/;
const ZERO: Segment = { numeric: true, digits: '0' };

function isZero(segment: Segment): boolean {
  return segment.numeric && segment.digits === '0';
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && isZero(segments[end - 1]!)) end--;
  return segments.slice(0, end);
}

/**
 * Gem::Version#canonical_segments: '-' reads as '.pre.', the version splits into digit and letter runs, and trailing
 * zeros go from the release part and from the prerelease part alike, so 1.0.a.0 == 1.a.
 */
function canonicalSegments(version: string): Segment[] {
  const text = version.replace(EDGE_SPACE, '').replaceAll('-', '.pre.');
  const segments: Segment[] = [];
  for (const [run] of text.matchAll(/[0-9]+|[a-z]+/gi)) {
    segments.push(
      /^[0-9]/.test(run)
        ? { numeric: true, digits: run.replace(/^0+(?=.)/, '') }
        : { numeric: false, text: run },
    );
  }
  const firstLetters = segments.findIndex((s) => !s.numeric);
  if (firstLetters < 0) return dropTrailingZeros(segments);
  return [
    ...dropTrailingZeros(segments.slice(0, firstLetters)),
    ...dropTrailingZeros(segments.slice(firstLetters)),
  ];
}

function compareSegments(a: Segment, b: Segment): number {
  if (a.numeric && b.numeric) {
    if (a.digits.length !== b.digits.length) return a.digits.length - b.digits.length;
    return a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  }
  // A letter segment is a prerelease marker: it sorts below any number, the padding 0 included (1.0.a < 1.0).
  if (!a.numeric && !b.numeric) return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  return a.numeric ? 1 : -1;
}

export const gem: VersionScheme = {
  name: 'gem',
  compare(a: string, b: string): Ordering {
    const left = canonicalSegments(a);
    const right = canonicalSegments(b);
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length; i++) {
      const result = compareSegments(left[i] ?? ZERO, right[i] ?? ZERO);
      if (result !== 0) return sign(result);
    }
    return 0;
  },
  isValid(version: string): boolean {
    return VALID.test(version);
  },
};
