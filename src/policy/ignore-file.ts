// `.seawallignore.yaml`: the user's own list of findings to suppress, each with a reason and optionally an end date.
// Seawall's format, documented in docs/suppressions.md; YAML 1.2 (https://yaml.org/spec/1.2.2/) read with `yaml`.

import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { InputError } from '../errors.js';
import { compileGlob, type GlobMatcher } from './glob.js';
import { parsePurl, purlMatches, type PurlParts } from './purl-match.js';
import {
  isMapping,
  parseExpires,
  parsePolicyYaml,
  readPolicyFile,
  unknownKey,
} from './policy-file.js';
import { findingIdKeys, idKey } from './vulnerability-id.js';

export interface IgnoreRule {
  /** Which list it is in: `vulnerabilities` (advisories) or `findings` (hardening rule ids such as SW-IMG-020). */
  scope: 'vulnerability' | 'finding';
  /** Its position in that list, from 1, as messages name it. */
  entry: number;
  /** The advisory id or any of its aliases. */
  id: string;
  /** When not empty, only packages one of these names (see `purlMatches`). */
  purls: PurlParts[];
  /** When not empty, only packages whose location one of these globs matches (see `compileGlob`). */
  paths: string[];
  /** `text` as written; `endsAt` the first instant (ms) it no longer suppresses. */
  expires?: { text: string; endsAt: number };
  /** Why the finding does not matter: required, so every suppression in a report says why. */
  statement: string;
}

const TOP_LEVEL_KEYS = ['findings', 'vulnerabilities'];
const FINDING_ENTRY_KEYS = ['id', 'paths', 'expires', 'statement'];
const ENTRY_KEYS = ['id', 'purls', 'paths', 'expires', 'statement'];

/** Reads and validates an ignore file; every problem is an InputError naming the file and the entry. */
export function loadIgnoreFile(path: string): IgnoreRule[] {
  return parseIgnoreFile(readPolicyFile(path, 'the ignore file'), path);
}

/** Parses an ignore file's text; `subject` names it in errors. */
export function parseIgnoreFile(text: string, subject: string): IgnoreRule[] {
  const doc = parsePolicyYaml(text, subject);
  if (doc === null || doc === undefined) return []; // an empty file suppresses nothing
  if (!isMapping(doc)) {
    throw new InputError(
      subject,
      'expected a mapping with a `vulnerabilities` list at the top level',
    );
  }
  const unknown = unknownKey(doc, TOP_LEVEL_KEYS);
  if (unknown !== undefined) {
    throw new InputError(
      subject,
      `unknown key ${JSON.stringify(unknown)} at the top level (expected ${TOP_LEVEL_KEYS.join(', ')})`,
    );
  }
  const rules: IgnoreRule[] = [];
  for (const [key, scope] of [
    ['vulnerabilities', 'vulnerability'],
    ['findings', 'finding'],
  ] as const) {
    const list = doc[key];
    if (list === null || list === undefined) continue;
    if (!Array.isArray(list)) throw new InputError(subject, `\`${key}\` must be a list`);
    list.forEach((item: unknown, index) => rules.push(parseEntry(item, index + 1, subject, scope)));
  }
  return rules;
}

function parseEntry(
  item: unknown,
  entry: number,
  subject: string,
  scope: IgnoreRule['scope'],
): IgnoreRule {
  const where = scope === 'finding' ? `findings entry ${entry}` : `entry ${entry}`;
  const fail = (problem: string) => new InputError(subject, `${where}: ${problem}`);
  if (!isMapping(item)) throw fail('expected a mapping with at least `id` and `statement`');
  const keys = scope === 'finding' ? FINDING_ENTRY_KEYS : ENTRY_KEYS;
  const unknown = unknownKey(item, keys);
  if (unknown !== undefined) {
    throw fail(`unknown key ${JSON.stringify(unknown)} (expected ${keys.join(', ')})`);
  }

  if (item.id === undefined || item.id === null) throw fail('`id` is required');
  if (typeof item.id !== 'string' || !/^\S+$/.test(item.id)) {
    throw fail('`id` must be an advisory id such as CVE-2024-21626 or GHSA-xr7r-f8xq-vfvv');
  }
  const id = item.id;

  if (item.statement === undefined || item.statement === null) {
    throw fail(`${id}: \`statement\` is required: say why the finding does not matter`);
  }
  if (typeof item.statement !== 'string' || item.statement.trim() === '') {
    throw fail(`${id}: \`statement\` must be non-empty text`);
  }

  const purls = stringList(item.purls, 'purls', id, fail).map((text) => {
    const parsed = parsePurl(text);
    if (!parsed) throw fail(`${id}: not a package URL in \`purls\`: ${JSON.stringify(text)}`);
    return parsed;
  });
  const paths = stringList(item.paths, 'paths', id, fail);

  const rule: IgnoreRule = { scope, entry, id, purls, paths, statement: item.statement.trim() };
  if (item.expires !== undefined && item.expires !== null) {
    rule.expires = parseExpires(item.expires, fail, `${id}: `);
  }
  return rule;
}

function stringList(
  value: unknown,
  key: string,
  id: string,
  fail: (problem: string) => InputError,
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fail(`${id}: \`${key}\` must be a list of strings`);
  return value.map((element: unknown) => {
    if (typeof element !== 'string' || element.trim() === '') {
      throw fail(`${id}: \`${key}\` must be a list of non-empty strings`);
    }
    return element.trim();
  });
}

/** Whether the rule has expired at `now`: it then suppresses nothing. */
export function ignoreRuleExpired(rule: IgnoreRule, now: Date): boolean {
  return rule.expires !== undefined && now.getTime() >= rule.expires.endsAt;
}

const globs = new Map<string, GlobMatcher>();

/**
 * Whether the rule names the finding, expired or not: its id is the advisory's or an alias, and when it lists purls
 * or paths, the package matches one purl and its location one path. `purl` is the finding's package purl, parsed.
 */
export function ignoreRuleMatches(
  rule: IgnoreRule,
  finding: VulnerabilityFinding,
  purl: PurlParts | undefined,
): boolean {
  if (rule.scope !== 'vulnerability' || !findingIdKeys(finding).has(idKey(rule.id))) return false;
  if (rule.purls.length > 0) {
    if (!purl || !rule.purls.some((pattern) => purlMatches(pattern, purl))) return false;
  }
  if (rule.paths.length > 0) {
    const location = finding.package.location;
    const matches = rule.paths.some((pattern) => {
      let matcher = globs.get(pattern);
      if (!matcher) globs.set(pattern, (matcher = compileGlob(pattern)));
      return matcher(location);
    });
    if (!matches) return false;
  }
  return true;
}
