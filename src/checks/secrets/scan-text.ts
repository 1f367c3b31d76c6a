// Finds the secrets of rules.ts in one file's bytes, fast: binaries turned away by a NUL byte, one pass of a keyword
// automaton (Aho-Corasick, https://doi.org/10.1145/360825.360855), and each rule's pattern tried only where its keywords are.
//
// Choices:
// - A file with a NUL byte in its first 8 KiB is binary and not read further (as git and grep decide); UTF-16 text is
//   therefore skipped too. Files over `maxFileBytes` (10 MiB unless told) are skipped: they are data, not config.
// - The prefilter is a case-folding automaton over the bytes rather than one combined case-insensitive regular
//   expression: on the Debian minbase tree's text the automaton alone runs at ~400 MB/s where the regular expression
//   ran at 110-200 MB/s, and it costs the same however many keywords; a whole scan of that text runs at 220-300 MB/s.
//   Only a file with a keyword is turned into a string (latin1: one character per byte, so offsets stay byte offsets).
// - A value is reported masked: up to 4 characters kept at each end (fewer below 16 characters, none below 4), the
//   middle replaced by '*', at most 32 of them, so a long key's evidence stays one line. A secret is never returned whole.
// - Where two rules match overlapping values, the earlier rule in SECRET_RULES wins (a service-account file's key is
//   one finding, `token=ghp_…` is a GitHub token).
// - AWS's documented example key id AKIAIOSFODNN7EXAMPLE (and secret …EXAMPLEKEY) are reported like any key: an image
//   carrying them was built from a copied example, and Trivy reports them too. Allow-list the value's path if wanted.
// - Default allow-list (DEFAULT_ALLOWED_PATHS): paths whose files are public by construction: distribution
//   documentation, manuals, headers and locales; Debian's own language library trees (Python, Ruby, Node.js, PHP,
//   Perl, Go), which only dpkg writes and whose docstrings are full of example passwords; and the test suites inside
//   toolchains and third-party package trees (node_modules, site-packages), which carry throw-away keys on purpose.
//   An application's own test/ or fixtures/ directories are NOT allowed by default: a key there is still in the
//   image. Certificates need no allow-list: only private keys match.

import { compileGlob, type GlobMatcher } from '../../policy/glob.js';
import { SECRET_RULES, type SecretCheck, type SecretRule } from './rules.js';

/** One secret found in a file. */
export interface SecretMatch {
  /** The rule's id (SW-SEC-nnn). */
  rule: string;
  /** 1-based line where the match starts. */
  line: number;
  /** The value with its middle masked. */
  masked: string;
}

export interface SecretAllowList {
  /** Path globs (src/policy/glob.ts syntax, relative to the root) whose files are not scanned. */
  paths?: string[];
  /** Rule ids that are not reported. */
  rules?: string[];
}

export interface SecretOptions {
  /** Larger files are skipped; default 10 MiB. */
  maxFileBytes?: number;
  allowList?: SecretAllowList;
  /** Whether DEFAULT_ALLOWED_PATHS apply as well (default true). */
  defaultAllowList?: boolean;
}

export const DEFAULT_MAX_SECRET_FILE_BYTES = 10 * 1024 * 1024;

/** Bytes looked at for a NUL to call a file binary. */
export const BINARY_PROBE_BYTES = 8192;

/** Paths whose contents are public by construction (see the header). */
export const DEFAULT_ALLOWED_PATHS: readonly string[] = [
  // Documentation, manuals, headers and locales.
  'usr/share/doc/**',
  'usr/share/man/**',
  'usr/share/info/**',
  'usr/share/locale/**',
  'usr/share/i18n/**',
  'usr/share/common-licenses/**',
  'usr/include/**',
  // Debian's own language library trees: only dpkg writes here (pip, gem, npm and cpan install under usr/local,
  // var/lib/gems or the application), and their docstrings and tests are full of example credentials.
  'usr/lib/python3*/**',
  'usr/lib/ruby/**',
  'usr/share/rubygems-integration/**',
  'usr/share/nodejs/**',
  'usr/lib/nodejs/**',
  'usr/share/php/**',
  'usr/share/perl/**',
  'usr/share/perl5/**',
  'usr/lib/*/perl/**',
  'usr/lib/*/perl5/**',
  'usr/lib/*/perl-base/**',
  'usr/lib/go-*/**',
  'usr/share/go-*/**',
  // Test data inside toolchains and third-party package trees.
  'usr/local/lib/python3*/test/**',
  'usr/local/go/src/**/testdata/**',
  '**/go/pkg/mod/**/testdata/**',
  '**/node_modules/**/test/**',
  '**/node_modules/**/tests/**',
  '**/node_modules/**/__tests__/**',
  '**/node_modules/**/fixtures/**',
  '**/site-packages/**/tests/**',
  '**/site-packages/**/test/**',
  '**/dist-packages/**/tests/**',
  '**/dist-packages/**/test/**',
];

/** The scanner for one set of options: its path allow-list compiled once. */
export interface SecretScanner {
  /** Whether files at `path` are left unscanned (allow-listed). */
  skipsPath(path: string): boolean;
  scan(content: Buffer, path: string): SecretMatch[];
  /** The options as text, for cache keys. */
  readonly settings: string;
  readonly maxFileBytes: number;
}

export function compileSecretScanner(options: SecretOptions = {}): SecretScanner {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_SECRET_FILE_BYTES;
  const userPaths = [...(options.allowList?.paths ?? [])].sort();
  const allowedRules = new Set(options.allowList?.rules ?? []);
  const useDefaults = options.defaultAllowList ?? true;
  const globs = [...(useDefaults ? DEFAULT_ALLOWED_PATHS : []), ...userPaths].map(quickGlob);
  const skipsPath = (path: string) => globs.some((matches) => matches(path));
  const enabled = new Set(SECRET_RULES.filter((rule) => !allowedRules.has(rule.id)));
  return {
    skipsPath,
    maxFileBytes,
    settings: JSON.stringify({
      maxFileBytes,
      paths: userPaths,
      rules: [...allowedRules].sort(),
      defaults: useDefaults,
    }),
    scan(content, path) {
      if (content.length > maxFileBytes || skipsPath(path) || isBinary(content)) return [];
      return findSecrets(content, enabled);
    },
  };
}

/**
 * compileGlob's matcher behind a cheap test: a path can match only if it contains every wildcard-free segment of the
 * pattern, and most paths of an image contain none of them (the full match costs a few allocations per path).
 */
function quickGlob(pattern: string): GlobMatcher {
  const matches = compileGlob(pattern);
  const literals = pattern
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && !/[*?]/.test(segment));
  return (path) => literals.every((literal) => path.includes(literal)) && matches(path);
}

const defaultScanner = compileSecretScanner();
const scanners = new WeakMap<SecretOptions, SecretScanner>();

/** The secrets in one file's content (`path` is relative to the root, for the allow-list); sorted by line. */
export function scanForSecrets(
  content: Buffer,
  path: string,
  options?: SecretOptions,
): SecretMatch[] {
  if (options === undefined) return defaultScanner.scan(content, path);
  let scanner = scanners.get(options);
  if (!scanner) scanners.set(options, (scanner = compileSecretScanner(options)));
  return scanner.scan(content, path);
}

/** A NUL byte in the first 8 KiB. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, BINARY_PROBE_BYTES).indexOf(0) !== -1;
}

/** `AKIAIOSFODNN7EXAMPLE` -> `AKIA************MPLE`: see the header. */
export function maskSecretValue(value: string): string {
  const n = value.length;
  const keep = n >= 16 ? 4 : n >= 8 ? 2 : n >= 4 ? 1 : 0;
  const hidden = Math.min(n - 2 * keep, MAX_MASK_STARS);
  return value.slice(0, keep) + '*'.repeat(hidden) + value.slice(n - keep);
}

const MAX_MASK_STARS = 32;

/** Shannon entropy of the characters of `value`, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// ---- the keyword automaton ----

interface Automaton {
  /** state * 256 + byte -> next state; upper-case ASCII folded to lower case. */
  next: Uint16Array;
  /** state -> 1 when some keyword ends there. */
  accepting: Uint8Array;
  /** state -> the keywords (indexes into the keyword list) that end there. */
  outputs: (readonly number[] | undefined)[];
}

/** Builds the Aho-Corasick automaton of `keywords` (lower case) as a full transition table. */
function buildAutomaton(keywords: readonly string[]): Automaton {
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const byte = keyword.charCodeAt(i);
      let child = children[state]!.get(byte);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ends.push([]);
        children[state]!.set(byte, child);
      }
      state = child;
    }
    ends[state]!.push(index);
  });
  const states = children.length;
  if (states > 0xffff) throw new Error('too many secret keywords');
  const next = new Uint16Array(states * 256);
  const fail = new Array<number>(states).fill(0);
  const outputs: (number[] | undefined)[] = new Array(states);
  const queue: number[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const child = children[0]!.get(byte);
    if (child !== undefined) {
      next[byte] = child;
      queue.push(child);
    }
  }
  // Breadth first, so a state's failure link (a shorter suffix) is complete before the state itself.
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const own = ends[state]!;
    const inherited = outputs[fail[state]!] ?? [];
    outputs[state] = own.length + inherited.length > 0 ? [...own, ...inherited] : undefined;
    for (let byte = 0; byte < 256; byte++) {
      const child = children[state]!.get(byte);
      if (child === undefined) next[state * 256 + byte] = next[fail[state]! * 256 + byte]!;
      else {
        fail[child] = next[fail[state]! * 256 + byte]!;
        next[state * 256 + byte] = child;
        queue.push(child);
      }
    }
  }
  for (let state = 0; state < states; state++) {
    for (let upper = 0x41; upper <= 0x5a; upper++)
      next[state * 256 + upper] = next[state * 256 + upper + 0x20]!;
  }
  const accepting = new Uint8Array(states);
  for (let state = 0; state < states; state++) if (outputs[state]) accepting[state] = 1;
  return { next, accepting, outputs };
}

const KEYWORDS = [...new Set(SECRET_RULES.flatMap((rule) => rule.keywords))];
const AUTOMATON = buildAutomaton(KEYWORDS);

/** For each keyword, the rules (in priority order) whose patterns start with it, with their anchored patterns. */
const RULES_BY_KEYWORD: readonly { rule: SecretRule; priority: number; sticky: RegExp }[][] =
  KEYWORDS.map((keyword) =>
    SECRET_RULES.flatMap((rule, priority) =>
      rule.keywords.includes(keyword)
        ? [{ rule, priority, sticky: new RegExp(rule.pattern.source, `${rule.pattern.flags}yd`) }]
        : [],
    ),
  );

/** Keyword occurrences: start offsets and keyword indexes, in order of their end. */
function findKeywords(content: Buffer): { starts: number[]; keywords: number[] } {
  const { next, accepting, outputs } = AUTOMATON;
  const starts: number[] = [];
  const keywords: number[] = [];
  let state = 0;
  const n = content.length;
  for (let i = 0; i < n; i++) {
    state = next[(state << 8) | content[i]!]!;
    if (accepting[state] === 0) continue;
    for (const k of outputs[state]!) {
      starts.push(i + 1 - KEYWORDS[k]!.length);
      keywords.push(k);
    }
  }
  return { starts, keywords };
}

interface Candidate {
  rule: SecretRule;
  priority: number;
  /** Where the match starts (for its line). */
  at: number;
  /** The value's span in the text. */
  start: number;
  end: number;
  value: string;
}

function findSecrets(content: Buffer, enabled: ReadonlySet<SecretRule>): SecretMatch[] {
  const hits = findKeywords(content);
  if (hits.starts.length === 0) return [];
  const file: FileText = { text: content.toString('latin1') };
  const text = file.text;
  const candidates: Candidate[] = [];
  for (let h = 0; h < hits.starts.length; h++) {
    const at = hits.starts[h]!;
    for (const { rule, priority, sticky } of RULES_BY_KEYWORD[hits.keywords[h]!]!) {
      if (!enabled.has(rule)) continue;
      sticky.lastIndex = at;
      const match = sticky.exec(text);
      if (!match) continue;
      const span = secretSpan(match);
      if (!span) continue;
      const value = valueOf(rule, text.slice(span[0], span[1]));
      if (value === undefined || !accepts(rule, value, match[0], file)) continue;
      candidates.push({ rule, priority, at, start: span[0], end: span[1], value });
    }
  }
  return withLines(text, resolveOverlaps(candidates));
}

/** Where the first `secret…` group that took part lies in the text (the `d` flag's indices). */
function secretSpan(match: RegExpExecArray): readonly [number, number] | undefined {
  for (const [name, span] of Object.entries(match.indices?.groups ?? {})) {
    if (name.startsWith('secret') && span !== undefined) return span;
  }
  return undefined;
}

/** The value as masked and measured: PEM bodies as their bare base64, everything else as matched. */
function valueOf(rule: SecretRule, raw: string): string | undefined {
  switch (rule.check) {
    case 'pem':
    case 'pem-encrypted':
    case 'openssh':
    case 'service-account':
      return pemBase64(raw);
    default:
      return raw;
  }
}

/** The file being scanned, with what is learnt of it as a whole kept for the next candidate. */
interface FileText {
  text: string;
  serviceAccount?: boolean;
}

/** Whether the rule takes `value`, given the whole match and the file. */
function accepts(rule: SecretRule, value: string, whole: string, file: FileText): boolean {
  if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) return false;
  return rule.check === undefined || CHECKS[rule.check](value, whole, file);
}

const CHECKS: Record<SecretCheck, (value: string, whole: string, file: FileText) => boolean> = {
  pem: (_value, whole) => !pemEncrypted(whole),
  'pem-encrypted': (value, whole) => pemEncrypted(whole) || opensshEncrypted(value) === true,
  openssh: (value) => opensshEncrypted(value) === false,
  'service-account': (_value, whole, file) =>
    !pemEncrypted(whole) &&
    (file.serviceAccount ??= /"type"\s{0,16}:\s{0,16}"service_account"/.test(file.text)),
  jwt: (value) => isJwt(value),
  credential: (value) => isCredentialValue(value),
};

/**
 * The base64 of a PEM body (header lines such as Proc-Type dropped, whitespace and JSON `\n` escapes removed), or
 * undefined when what is left is not base64 of at least 64 characters (the smallest key, Ed25519 in PKCS#8, has 64).
 */
function pemBase64(raw: string): string | undefined {
  const body = raw
    .replace(/^-----BEGIN [A-Z ]+-----/, '')
    .replace(/-----END [A-Z ]+-----[\s\S]*$/, '')
    .replace(/\\[nr]/g, '\n')
    .replace(/^[A-Za-z-]+:.*$/gm, '')
    .replace(/\s+/g, '');
  return body.length >= 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? body : undefined;
}

/** RFC 1421 encapsulation as OpenSSL writes legacy encrypted keys, or PKCS#8's ENCRYPTED PRIVATE KEY. */
function pemEncrypted(raw: string): boolean {
  return /Proc-Type:\s*4,ENCRYPTED/.test(raw) || raw.includes('ENCRYPTED PRIVATE KEY');
}

const OPENSSH_MAGIC = 'openssh-key-v1\0';

/**
 * For an openssh-key-v1 blob (PROTOCOL.key: magic, then the cipher name as a string), whether its cipher is not
 * `none`; undefined when the base64 is not such a blob.
 */
function opensshEncrypted(base64: string): boolean | undefined {
  const blob = Buffer.from(base64.slice(0, 128), 'base64');
  if (blob.subarray(0, OPENSSH_MAGIC.length).toString('latin1') !== OPENSSH_MAGIC) return undefined;
  const at = OPENSSH_MAGIC.length;
  if (blob.length < at + 4) return undefined;
  const length = blob.readUInt32BE(at);
  if (length === 0 || blob.length < at + 4 + length) return undefined;
  return blob.subarray(at + 4, at + 4 + length).toString('latin1') !== 'none';
}

function isJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  const decoded = (part: string | undefined): unknown => {
    try {
      return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  };
  const head = decoded(header);
  const claims = decoded(payload);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  return isObject(head) && typeof head.alg === 'string' && isObject(claims);
}

/** Words in a value that make it an example, not a credential. */
const PLACEHOLDER_WORDS =
  /changeme|change_me|change-me|example|placeholder|redacted|dummy|sample|your[_-]|yourpass|xxx|\*\*\*|\.\.\.|passw|secret|token|fixme|todo|foobar|lorem|insert|replace|default|test|fake|invalid|none|null|undefined/i;

/**
 * Whether a generic assignment's value reads as a credential rather than a placeholder (`changeme`, `${VAR}`,
 * `<password>`, `xxxxx`), a reference (`$VAR`, `a${b}`, `#{x}`, `%(x)s`, `{{ x }}`, `.$concat`), a path or URL, an identifier,
 * member chain or constant name (`self.token`, `Gem::Util.escape`, `ACCESS_TOKEN_V2`, `_gets`) or a plain word. Values of letters alone need 12 characters and no word-like
 * camel case; all need 8 characters and the rule's entropy.
 */
function isCredentialValue(raw: string): boolean {
  if (raw.length < 8) return false;
  // Escapes are the file format's, not the value's (roff's `x\-oauth\-basic` is the word x-oauth-basic).
  const value = raw.replace(/\\(?=[^A-Za-z0-9])/g, '');
  // A reference or template where the value starts, or an interpolation anywhere; a lone `$` inside is a character.
  if (/^[$%&@{<[*#!?\\.]/.test(value) || /\$\{|\$\(|#\{|\{\{|\}\}|<|>|%\(/.test(value))
    return false;
  if (PLACEHOLDER_WORDS.test(value)) return false;
  if (/^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return false;
  if (/^[A-Za-z_][\w$]*(?:(?:\.|::|->)[A-Za-z_][\w$]*)+$/.test(value)) return false; // a.b, A::B.c
  if (/^[A-Z0-9]+(?:_[A-Z0-9]+)+$/.test(value) || /^[a-z0-9]+(?:[_-][a-z0-9]+)+$/.test(value))
    return false; // CONSTANT_NAME, snake_name, kebab-name
  if (/^_\w*$/.test(value)) return false; // _private_name
  if (/^[A-Za-z]+$/.test(value)) {
    if (value.length < 12) return false;
    if (/^(?:[A-Z]?[a-z]{2,}|[A-Z]{2,})+$/.test(value)) return false; // CamelCaseWords
  }
  if (/^(.)\1*$/.test(value)) return false;
  return true;
}

/**
 * Drops each candidate whose value overlaps the value of a higher-priority rule's candidate (or an equal one found
 * first). Candidates are swept in clusters of overlapping spans, so the work stays near-linear.
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || a.priority - b.priority);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  const settle = () => {
    cluster.sort((a, b) => a.priority - b.priority || a.start - b.start);
    const chosen: Candidate[] = [];
    for (const c of cluster) {
      if (!chosen.some((k) => c.start < k.end && k.start < c.end)) chosen.push(c);
    }
    kept.push(...chosen);
  };
  for (const c of candidates) {
    if (c.start >= clusterEnd && cluster.length > 0) {
      settle();
      cluster = [];
    }
    cluster.push(c);
    clusterEnd = Math.max(clusterEnd, c.end);
  }
  if (cluster.length > 0) settle();
  return kept;
}

/** Matches with their 1-based lines and masked values, in text order. */
function withLines(text: string, candidates: Candidate[]): SecretMatch[] {
  candidates.sort((a, b) => a.at - b.at || a.priority - b.priority);
  const matches: SecretMatch[] = [];
  let line = 1;
  let counted = 0;
  for (const c of candidates) {
    for (
      let nl = text.indexOf('\n', counted);
      nl !== -1 && nl < c.at;
      nl = text.indexOf('\n', nl + 1)
    )
      line++;
    counted = Math.max(counted, c.at);
    matches.push({ rule: c.rule.id, line, masked: maskSecretValue(c.value) });
  }
  return matches;
}
