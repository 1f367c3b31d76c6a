// Maven version ordering, as org.apache.maven.artifact.versioning.ComparableVersion (Maven 3.9) answers.
// Follows the POM reference's version order specification (https://maven.apache.org/pom.html#version-order-specification).

import { type Ordering, type VersionScheme, sign } from './scheme.js';

/**
 * One token of a parsed version. A number keeps its decimal digits without leading zeros, so any length compares
 * exactly; a qualifier is stored after aliasing (a1 -> alpha, cr -> rc, ga/final/release -> ''); a list is what
 * follows a hyphen or a digit/letter transition.
 */
type Item =
  | { readonly kind: 'number'; readonly digits: string }
  | { readonly kind: 'qualifier'; readonly value: string }
  | { readonly kind: 'list'; readonly items: Item[] };

/** The known qualifiers in their order; the release ('') sits between snapshot and sp. */
const KNOWN_QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['cr', 'rc'],
  ['ga', ''],
  ['final', ''],
  ['release', ''],
]);
/** 'a', 'b' and 'm' are short for alpha, beta and milestone only when a number follows directly (1.0a1). */
const SHORT_BEFORE_DIGIT: ReadonlyMap<string, string> = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['m', 'milestone'],
]);

/** Recent Maven (apache/maven#12942) refuses longer strings; nesting grows with length, so huge ones are not parsed. */
const MAX_VALID_LENGTH = 256;
const MAX_PARSED_LENGTH = 4096;
/** Characters that would make the string a range or a list, not a version. */
const NOT_IN_VERSION = /[\s,[\]()/\\:]/;

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function numberItem(digits: string): Item {
  return { kind: 'number', digits: digits.replace(/^0+(?=.)/, '') };
}

function qualifierItem(text: string, followedByDigit: boolean): Item {
  const expanded = (followedByDigit && SHORT_BEFORE_DIGIT.get(text)) || text;
  return { kind: 'qualifier', value: ALIASES.get(expanded) ?? expanded };
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'number':
      return item.digits === '0';
    case 'qualifier':
      return item.value === '';
    case 'list':
      return item.items.length === 0;
  }
}

/**
 * Drops trailing null items (0, '', empty lists), looking past sub-lists, innermost lists first, so 1.0.0-0.0 and
 * 1-ga both come down to [1].
 */
function normalize(items: Item[]): void {
  for (const item of items) if (item.kind === 'list') normalize(item.items);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (isNull(item)) items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

function parse(version: string): Item[] {
  const text = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const startSubList = (): void => {
    const items: Item[] = [];
    list.push({ kind: 'list', items });
    list = items;
  };
  let inDigits = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '.' || char === '-') {
      if (i === start) list.push(numberItem('0'));
      else if (inDigits) list.push(numberItem(text.slice(start, i)));
      else list.push(qualifierItem(text.slice(start, i), false));
      start = i + 1;
      if (char === '-') startSubList();
    } else if (isDigit(char)) {
      if (!inDigits && i > start) {
        // Maven 3.9 (MNG-7644) reads '.rc1' as '-rc1', so 1.0.0.RC1 sorts before 1.0.0-RC2.
        if (list.length > 0) startSubList();
        list.push(qualifierItem(text.slice(start, i), true));
        start = i;
        startSubList();
      }
      inDigits = true;
    } else {
      if (inDigits && i > start) {
        list.push(numberItem(text.slice(start, i)));
        start = i;
        startSubList();
      }
      inDigits = false;
    }
  }
  if (text.length > start) {
    if (inDigits) list.push(numberItem(text.slice(start)));
    else {
      // The same MNG-7644 rule for a qualifier that ends the version: 1.0.X == 1-X == 1.0.0.X.
      if (list.length > 0) startSubList();
      list.push(qualifierItem(text.slice(start), false));
    }
  }
  normalize(root);
  return root;
}

function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Known qualifiers by their rank; unknown ones after all of them, in String.compareTo (UTF-16) order. */
function compareQualifiers(a: string, b: string): number {
  const rankA = KNOWN_QUALIFIERS.indexOf(a);
  const rankB = KNOWN_QUALIFIERS.indexOf(b);
  if (rankA >= 0 || rankB >= 0) {
    return (
      (rankA < 0 ? KNOWN_QUALIFIERS.length : rankA) - (rankB < 0 ? KNOWN_QUALIFIERS.length : rankB)
    );
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An item against the padding of a shorter version (undefined): 0, '' or an empty list. */
function compareWithPadding(item: Item): number {
  switch (item.kind) {
    case 'number':
      return item.digits === '0' ? 0 : 1;
    case 'qualifier':
      return compareQualifiers(item.value, '');
    case 'list':
      for (const inner of item.items) {
        const result = compareWithPadding(inner);
        if (result !== 0) return result;
      }
      return 0;
  }
}

/** Kinds differ: a number beats a sub-list (1.1 > 1-1), and a sub-list beats a qualifier (1-1 > 1-sp). */
const KIND_ORDER = { qualifier: 0, list: 1, number: 2 } as const;

function compareItems(a: Item, b: Item): number {
  if (a.kind === 'number' && b.kind === 'number') return compareNumbers(a.digits, b.digits);
  if (a.kind === 'qualifier' && b.kind === 'qualifier') return compareQualifiers(a.value, b.value);
  if (a.kind === 'list' && b.kind === 'list') return compareLists(a.items, b.items);
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

function compareLists(a: readonly Item[], b: readonly Item[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i];
    const right = b[i];
    const result =
      left === undefined
        ? -compareWithPadding(right!)
        : right === undefined
          ? compareWithPadding(left)
          : compareItems(left, right);
    if (result !== 0) return result;
  }
  return 0;
}

export const maven: VersionScheme = {
  name: 'maven',
  compare(a: string, b: string): Ordering {
    if (a.length > MAX_PARSED_LENGTH || b.length > MAX_PARSED_LENGTH) {
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return sign(compareLists(parse(a), parse(b)));
  },
  /** Maven orders any string; the specification expects a digit first, and nothing that reads as a range. */
  isValid(version: string): boolean {
    return (
      version.length > 0 &&
      version.length <= MAX_VALID_LENGTH &&
      /^[0-9]/.test(version) &&
      !NOT_IN_VERSION.test(version)
    );
  },
};
