// Alpine package version ordering, as apk version -t answers: digit{.digit}...{letter}{_suffix{N}}...{~hash}{-rN}.
// Follows apk-tools' apk_version_compare (https://gitlab.alpinelinux.org/alpine/apk-tools, src/version.c).

import { type Ordering, type VersionScheme, sign } from './scheme.js';

// Token kinds in the order the grammar allows them; at the first difference in kind, the order decides.
const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NUMBER = 4;
const COMMIT_HASH = 5;
const REVISION = 6;
const END = 7;
const INVALID = 8;

/** Suffix ranks: below NO_SUFFIX are pre-releases, above are post-releases. */
const SUFFIX_RANK: ReadonlyMap<string, number> = new Map([
  ['alpha', 1],
  ['beta', 2],
  ['pre', 3],
  ['rc', 4],
  ['cvs', 6],
  ['svn', 7],
  ['git', 8],
  ['hg', 9],
  ['p', 10],
]);
const NO_SUFFIX = 5;

interface Token {
  kind: number;
  /** The token's text: the digits, the letter, the suffix name or the hash. */
  text: string;
  /** The suffix rank for SUFFIX tokens. */
  rank: number;
}

/** Reads one version string token by token, each kind checked against the one before it as apk does. */
class Tokenizer {
  private pos = 0;
  private kind = INITIAL_DIGIT;

  constructor(private readonly version: string) {}

  first(): Token {
    return this.digits(INITIAL_DIGIT);
  }

  next(): Token {
    const s = this.version;
    if (this.pos >= s.length) return this.token(END, '');
    const c = s[this.pos]!;
    if (c >= 'a' && c <= 'z') {
      if (this.kind > DIGIT) return this.invalid();
      this.pos++;
      return this.token(LETTER, c);
    }
    if (c === '.' || (c >= '0' && c <= '9')) {
      if (c === '.') {
        if (this.kind > DIGIT) return this.invalid();
        this.pos++;
      }
      if (this.kind === INITIAL_DIGIT || this.kind === DIGIT) return this.digits(DIGIT);
      if (this.kind === SUFFIX) return this.digits(SUFFIX_NUMBER);
      return this.invalid();
    }
    if (c === '_') {
      if (this.kind > SUFFIX_NUMBER) return this.invalid();
      this.pos++;
      const name = this.span(/[a-z]/);
      const rank = SUFFIX_RANK.get(name);
      if (rank === undefined) return this.invalid();
      return { ...this.token(SUFFIX, name), rank };
    }
    if (c === '~') {
      if (this.kind >= COMMIT_HASH) return this.invalid();
      this.pos++;
      const hash = this.span(/[0-9a-fA-F]/);
      return hash === '' ? this.invalid() : this.token(COMMIT_HASH, hash);
    }
    if (c === '-') {
      if (this.kind >= REVISION || s[this.pos + 1] !== 'r') return this.invalid();
      this.pos += 2;
      return this.digits(REVISION);
    }
    return this.invalid();
  }

  private digits(kind: number): Token {
    const text = this.span(/[0-9]/);
    return text === '' ? this.invalid() : this.token(kind, text);
  }

  private span(allowed: RegExp): string {
    const start = this.pos;
    while (this.pos < this.version.length && allowed.test(this.version[this.pos]!)) this.pos++;
    return this.version.slice(start, this.pos);
  }

  private token(kind: number, text: string): Token {
    this.kind = kind;
    return { kind, text, rank: NO_SUFFIX };
  }

  private invalid(): Token {
    return this.token(INVALID, '');
  }
}

/** Digit runs by value, whatever their length (apk reads them as 64-bit numbers). */
function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return compareBytes(x, y);
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTokens(a: Token, b: Token): number {
  switch (a.kind) {
    case DIGIT:
      // A leading zero after a dot makes the part a decimal fraction in Gentoo's sense: compare as text.
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareBytes(a.text, b.text);
      return compareNumbers(a.text, b.text);
    case INITIAL_DIGIT:
    case SUFFIX_NUMBER:
    case REVISION:
      return compareNumbers(a.text, b.text);
    case SUFFIX:
      return a.rank - b.rank;
    default:
      return compareBytes(a.text, b.text);
  }
}

/** apk's own answer; two strings that go invalid at the same point are equal to it. */
function apkCompare(a: string, b: string): number {
  const ta = new Tokenizer(a);
  const tb = new Tokenizer(b);
  let x = ta.first();
  let y = tb.first();
  while (x.kind === y.kind && x.kind < END) {
    const order = compareTokens(x, y);
    if (order !== 0) return order;
    x = ta.next();
    y = tb.next();
  }
  if (x.kind === y.kind) return 0;
  // Same so far: the longer version is the newer one, unless what it goes on with is a pre-release suffix.
  if (x.kind === SUFFIX && x.rank < NO_SUFFIX) return -1;
  if (y.kind === SUFFIX && y.rank < NO_SUFFIX) return 1;
  return y.kind - x.kind;
}

function isValidApk(version: string): boolean {
  const tokens = new Tokenizer(version);
  let token = tokens.first();
  while (token.kind < END) token = tokens.next();
  return token.kind === END;
}

export const apk: VersionScheme = {
  name: 'apk',
  compare(a: string, b: string): Ordering {
    const order = apkCompare(a, b);
    if (order !== 0 || a === b) return sign(order);
    // apk calls two invalid strings equal when they break at the same token; their text keeps the order total.
    if (isValidApk(a) && isValidApk(b)) return 0;
    return sign(compareBytes(a, b));
  },
  isValid: isValidApk,
};
