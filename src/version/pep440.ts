// Python package version ordering (PyPI): PEP 440 normalisation and ordering of epoch, release, pre, post, dev, local.
// Follows https://peps.python.org/pep-0440/ (the Appendix B pattern; legacy versions sort after all valid ones).

import { memoized } from './memo.js';
import { type Ordering, type VersionScheme, sign } from './scheme.js';

/** PEP 440 Appendix B, with whitespace trimmed first and matched case-insensitively. */
const PATTERN = new RegExp(
  '^v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  'i',
);

/** Pre-release phases in order; the spellings PEP 440 normalises map onto them. */
const PRE_PHASE: Readonly<Record<string, number>> = {
  a: 0,
  alpha: 0,
  b: 1,
  beta: 1,
  c: 2,
  rc: 2,
  pre: 2,
  preview: 2,
};

interface Pep440Version {
  epoch: string;
  /** Release numbers without leading zeros, trailing zero components removed (1.0 == 1.0.0). */
  release: string[];
  pre: { phase: number; number: string } | undefined;
  post: string | undefined;
  dev: string | undefined;
  /** Local segments, lower case, split on any of the three separators. */
  local: string[] | undefined;
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

function parseUncached(version: string): Pep440Version | undefined {
  const match = PATTERN.exec(version.trim());
  if (!match?.groups) return undefined;
  const g = match.groups;
  const release = g.release!.split('.').map(stripZeros);
  while (release.length > 1 && release[release.length - 1] === '0') release.pop();
  const postNumber = g.postN1 ?? g.postN2 ?? (g.postL !== undefined ? '0' : undefined);
  return {
    epoch: stripZeros(g.epoch ?? '0'),
    release,
    pre: g.preL
      ? { phase: PRE_PHASE[g.preL.toLowerCase()]!, number: stripZeros(g.preN ?? '0') }
      : undefined,
    post: postNumber === undefined ? undefined : stripZeros(postNumber),
    dev: g.devL ? stripZeros(g.devN ?? '0') : undefined,
    local: g.local?.toLowerCase().split(/[-_.]/),
  };
}

const parse = memoized(parseUncached);

/** Two numbers without leading zeros, by value at any length. */
function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareNumbers(a[i] ?? '0', b[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * The pre-release slot of the sort key: a dev release of a final (1.0.dev1) sorts before its alphas, a version with
 * no pre-release after all of them. Returned as [rank, phase, number].
 */
function preKey(v: Pep440Version): [number, number, string] {
  if (v.pre) return [1, v.pre.phase, v.pre.number];
  if (v.dev !== undefined && v.post === undefined) return [0, 0, '0'];
  return [2, 0, '0'];
}

function compareOptionalNumber(
  a: string | undefined,
  b: string | undefined,
  absentFirst: boolean,
): number {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    return (a === undefined) === absentFirst ? -1 : 1;
  }
  return compareNumbers(a, b);
}

/** Local segments: numbers by value, above any letters; letters as text; more segments sort after fewer. */
function compareLocal(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    let order: number;
    if (xNumeric && yNumeric) order = compareNumbers(stripZeros(x), stripZeros(y));
    else if (xNumeric !== yNumeric) order = xNumeric ? 1 : -1;
    else order = x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareParsed(a: Pep440Version, b: Pep440Version): number {
  const [rankA, phaseA, numberA] = preKey(a);
  const [rankB, phaseB, numberB] = preKey(b);
  return (
    compareNumbers(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    rankA - rankB ||
    phaseA - phaseB ||
    compareNumbers(numberA, numberB) ||
    compareOptionalNumber(a.post, b.post, true) ||
    compareOptionalNumber(a.dev, b.dev, false) ||
    compareLocal(a.local, b.local)
  );
}

export const pep440: VersionScheme = {
  name: 'pep440',
  compare(a: string, b: string): Ordering {
    const x = parse(a);
    const y = parse(b);
    if (x && y) return sign(compareParsed(x, y));
    // Legacy (non-PEP 440) versions sort after every valid one, among themselves by their text.
    if (x) return -1;
    if (y) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  },
  isValid(version: string): boolean {
    return parse(version) !== undefined;
  },
};
