// Composer (Packagist) version ordering: VersionParser::normalize, then PHP's version_compare on the results.
// Follows https://getcomposer.org/doc/articles/versions.md and https://www.php.net/manual/en/function.version-compare.php.

import { type Ordering, type VersionScheme, sign } from './scheme.js';

/** PHP's trim() characters. */
const PHP_TRIM = /^[ \t\n\r\0\v]+|[ \t\n\r\0\v]+$/g;
const ALIAS = /^([^,\s]+) +as +([^,\s]+)$/;
const STABILITY_FLAG = /@(?:stable|RC|beta|alpha|dev)$/i;
const BUILD_METADATA = /^([^,\s+]+)\+\S+$/;
/** VersionParser's $modifierRegex: a stability with an optional number, then an optional dev suffix. */
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
/** Up to four numeric parts; the major has at most five digits so that dates fall to the next pattern. */
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const DEV_SUFFIX = /^(.*?)[.-]?dev$/i;
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

const STABILITY_NAMES: ReadonlyMap<string, string> = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['p', 'patch'],
  ['pl', 'patch'],
  ['rc', 'RC'],
]);

function expandStability(stability: string): string {
  const lower = stability.toLowerCase();
  return STABILITY_NAMES.get(lower) ?? lower;
}

/** VersionParser::normalizeBranch: 2.1.x becomes 2.1.9999999.9999999-dev, other names dev-NAME. */
function normalizeBranch(name: string): string {
  const trimmed = name.replace(PHP_TRIM, '');
  const match = NUMERIC_BRANCH.exec(trimmed);
  if (!match) return `dev-${trimmed}`;
  let version = '';
  for (let i = 1; i < 5; i++) version += match[i]?.replace(/[*X]/g, 'x') ?? '.x';
  return `${version.replaceAll('x', '9999999')}-dev`;
}

/** Appends the stability (-beta2) and dev (-dev) modifiers the numbered patterns captured. */
function withModifiers(numbers: string, [stability, stabilityNumber, dev]: string[]): string {
  let version = numbers;
  if (stability) {
    if (stability === 'stable') return version;
    version += `-${expandStability(stability)}${stabilityNumber ? stabilityNumber.replace(/^[.-]+/, '') : ''}`;
  }
  if (dev) version += '-dev';
  return version;
}

/** The numbered forms: classical (1.2.3.4, padded to four parts) or a date (2010-01-02 -> 2010.01.02). */
function normalizeNumbered(version: string): string | undefined {
  const classical = CLASSICAL.exec(version);
  if (classical) {
    const [, major, minor, patch, fourth] = classical;
    return withModifiers(
      `${major}${minor || '.0'}${patch || '.0'}${fourth || '.0'}`,
      classical.slice(5),
    );
  }
  const date = DATE.exec(version);
  if (date) return withModifiers(date[1]!.replace(/\D/g, '.'), date.slice(2));
  return undefined;
}

/** VersionParser::normalize; undefined where Composer throws "Invalid version string". */
function normalize(input: string): string | undefined {
  let version = input.replace(PHP_TRIM, '');
  const alias = ALIAS.exec(version);
  if (alias) version = alias[1]!;
  const flag = STABILITY_FLAG.exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);
  if (version === 'master' || version === 'trunk' || version === 'default')
    version = `dev-${version}`;
  if (version.slice(0, 4).toLowerCase() === 'dev-') return `dev-${version.slice(4)}`;
  const build = BUILD_METADATA.exec(version);
  if (build) version = build[1]!;

  const numbered = normalizeNumbered(version);
  if (numbered !== undefined) return numbered;

  // A -dev suffix is only a version for a numeric branch (1.x-dev); feature-dev would have needed dev-feature.
  const devBranch = DEV_SUFFIX.exec(version);
  if (devBranch) {
    const branch = normalizeBranch(devBranch[1]!);
    if (!branch.includes('dev-')) return branch;
  }
  return undefined;
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isAlnum(char: string): boolean {
  return isDigit(char) || (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

/**
 * php_canonicalize_version: '-', '_' and '+' become '.', a '.' goes between digits and other characters, any other
 * non-alphanumeric character becomes '.', and dots never repeat. The first character is kept as it is.
 */
function canonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0]!;
  let previous = version[0]!;
  const isNonDigit = (c: string): boolean => !isDigit(c) && c !== '.';
  for (let i = 1; i < version.length; i++) {
    const char = version[i]!;
    const separated = out.endsWith('.');
    if (char === '-' || char === '_' || char === '+') {
      if (!separated) out += '.';
    } else if ((isNonDigit(previous) && isDigit(char)) || (isDigit(previous) && isNonDigit(char))) {
      if (!separated) out += '.';
      out += char;
    } else if (!isAlnum(char)) {
      if (!separated) out += '.';
    } else {
      out += char;
    }
    previous = char;
  }
  return out;
}

/** version_compare's special forms, matched as prefixes; '#' stands for a number and anything unknown is below dev. */
const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const NUMBER_FORM = '#N#';

function specialOrder(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

/** strtol on a part that starts with a digit, saturating at LONG_MAX as PHP's C code does. */
const LONG_MAX = 2n ** 63n - 1n;
function longValue(part: string): bigint {
  const value = BigInt(/^[0-9]+/.exec(part)![0]);
  return value > LONG_MAX ? LONG_MAX : value;
}

function compareParts(a: string, b: string): number {
  const digitA = isDigit(a[0]);
  const digitB = isDigit(b[0]);
  if (digitA && digitB) {
    const la = longValue(a);
    const lb = longValue(b);
    return la < lb ? -1 : la > lb ? 1 : 0;
  }
  return specialOrder(digitA ? NUMBER_FORM : a) - specialOrder(digitB ? NUMBER_FORM : b);
}

/**
 * PHP's php_version_compare. When one side has parts left over, a number there wins and anything else is compared
 * against '#N#' (a number) — PHP recurses for that; here the loop starts over with the new pair.
 */
function phpVersionCompare(first: string, second: string): number {
  let left = first;
  let right = second;
  for (;;) {
    if (left === '' || right === '') return left === right ? 0 : left === '' ? -1 : 1;
    let tailA = left.startsWith('#') ? left : canonicalize(left);
    let tailB = right.startsWith('#') ? right : canonicalize(right);
    let moreA = true;
    let moreB = true;
    while (tailA !== '' && tailB !== '' && moreA && moreB) {
      const dotA = tailA.indexOf('.');
      const dotB = tailB.indexOf('.');
      moreA = dotA >= 0;
      moreB = dotB >= 0;
      const result = compareParts(
        moreA ? tailA.slice(0, dotA) : tailA,
        moreB ? tailB.slice(0, dotB) : tailB,
      );
      if (result !== 0) return result;
      if (moreA) tailA = tailA.slice(dotA + 1);
      if (moreB) tailB = tailB.slice(dotB + 1);
    }
    if (moreA) {
      if (isDigit(tailA[0])) return 1;
      left = tailA;
      right = NUMBER_FORM;
    } else if (moreB) {
      if (isDigit(tailB[0])) return -1;
      left = NUMBER_FORM;
      right = tailB;
    } else {
      return 0;
    }
  }
}

/** The normalized form, or the trimmed string itself when Composer would refuse it (a stable fallback). */
function orderingKey(version: string): string {
  return normalize(version) ?? version.replace(PHP_TRIM, '');
}

export const composer: VersionScheme = {
  name: 'composer',
  compare(a: string, b: string): Ordering {
    const ka = orderingKey(a);
    const kb = orderingKey(b);
    const branchA = ka.startsWith('dev-');
    const branchB = kb.startsWith('dev-');
    // Composer orders a dev-BRANCH before every numbered version and knows two branches only as equal or not; the
    // branch names' order keeps the answer total and stable.
    if (branchA && branchB) return ka < kb ? -1 : ka > kb ? 1 : 0;
    if (branchA || branchB) return branchA ? -1 : 1;
    return sign(phpVersionCompare(ka, kb));
  },
  isValid(version: string): boolean {
    return normalize(version) !== undefined;
  },
};
