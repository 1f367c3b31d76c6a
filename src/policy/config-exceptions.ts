// Exceptions to the container configuration controls (SW-CFG-nnn): which workloads or files may fail which control,
// why, who owns the decision and until when. Seawall's format, documented in docs/config-exceptions.md (YAML 1.2).

import { configResourceOf, type ConfigResource } from '../checks/container-config/resource.js';
import { InputError } from '../errors.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { compileGlob, type GlobMatcher } from './glob.js';
import {
  isMapping,
  parseExpires,
  parsePolicyYaml,
  readPolicyFile,
  unknownKey,
} from './policy-file.js';

export interface ConfigException {
  /** The exceptions file, as given; suppressions and warnings name it. */
  source: string;
  /** Position in the `exceptions` list, from 1, as messages name it. */
  entry: number;
  /** A rule id (SW-CFG-004, upper case) or `*` for every configuration control. */
  control: string;
  /** Only the workloads these name; each key present must match (`*` in a value matches any characters). */
  resource?: { kind?: string; namespace?: string; name?: string };
  /** Only findings in files this glob matches (see `compileGlob`). */
  file?: string;
  reason: string;
  owner: string;
  /** `text` as written; `endsAt` the first instant (ms) it no longer suppresses. */
  expires?: { text: string; endsAt: number };
}

/** What an exception needs to know about a finding's workload (see `configResourceOf`, the default). */
export type ResourceOf = (finding: Finding) => ConfigResource | undefined;

const TOP_LEVEL_KEYS = ['exceptions'];
const ENTRY_KEYS = ['control', 'resource', 'file', 'reason', 'owner', 'expires'];
const RESOURCE_KEYS = ['kind', 'namespace', 'name'];
const CONTROL = /^SW-CFG-\d{3}$/i;

/** Reads and validates an exceptions file; every problem is an InputError naming the file and the entry. */
export function loadConfigExceptions(path: string): ConfigException[] {
  return parseConfigExceptions(readPolicyFile(path, 'the exceptions file'), path);
}

/** Parses an exceptions file's text; `subject` names it in errors, suppressions and warnings. */
export function parseConfigExceptions(text: string, subject: string): ConfigException[] {
  const doc = parsePolicyYaml(text, subject);
  if (doc === null || doc === undefined) return []; // an empty file excepts nothing
  if (!isMapping(doc)) {
    throw new InputError(subject, 'expected a mapping with an `exceptions` list at the top level');
  }
  const unknown = unknownKey(doc, TOP_LEVEL_KEYS);
  if (unknown !== undefined) {
    throw new InputError(
      subject,
      `unknown key ${JSON.stringify(unknown)} at the top level (expected exceptions)`,
    );
  }
  const list = doc.exceptions;
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new InputError(subject, '`exceptions` must be a list');
  return list.map((item: unknown, index) => parseEntry(item, index + 1, subject));
}

function parseEntry(item: unknown, entry: number, source: string): ConfigException {
  const fail = (problem: string) => new InputError(source, `exception ${entry}: ${problem}`);
  if (!isMapping(item))
    throw fail('expected a mapping with `control`, `resource` or `file`, `reason` and `owner`');
  const unknown = unknownKey(item, ENTRY_KEYS);
  if (unknown !== undefined) {
    throw fail(`unknown key ${JSON.stringify(unknown)} (expected ${ENTRY_KEYS.join(', ')})`);
  }

  if (item.control === undefined || item.control === null) throw fail('`control` is required');
  const control = typeof item.control === 'string' ? item.control.trim() : undefined;
  if (control === undefined || (control !== '*' && !CONTROL.test(control))) {
    throw fail(
      `\`control\` must be a configuration rule id (SW-CFG-004) or "*", not ${JSON.stringify(item.control)}`,
    );
  }

  const out: ConfigException = {
    source,
    entry,
    control: control.toUpperCase(),
    reason: requiredText(item, 'reason', 'say why the workload may fail the control', fail),
    owner: requiredText(item, 'owner', 'name who answers for the exception', fail),
  };
  if (item.resource !== undefined && item.resource !== null)
    out.resource = parseResource(item.resource, fail);
  if (item.file !== undefined && item.file !== null) {
    if (typeof item.file !== 'string' || item.file.trim() === '')
      throw fail('`file` must be a non-empty glob');
    out.file = item.file.trim();
  }
  if (!out.resource && out.file === undefined) {
    throw fail(
      'needs `resource` or `file`: to silence a control everywhere, use a `findings:` entry of .seawallignore.yaml',
    );
  }
  if (item.expires !== undefined && item.expires !== null)
    out.expires = parseExpires(item.expires, fail);
  return out;
}

function requiredText(
  item: Record<string, unknown>,
  key: string,
  why: string,
  fail: (problem: string) => InputError,
): string {
  const value = item[key];
  if (value === undefined || value === null) throw fail(`\`${key}\` is required: ${why}`);
  if (typeof value !== 'string' || value.trim() === '')
    throw fail(`\`${key}\` must be non-empty text`);
  return value.trim();
}

function parseResource(
  value: unknown,
  fail: (problem: string) => InputError,
): NonNullable<ConfigException['resource']> {
  if (!isMapping(value)) throw fail('`resource` must be a mapping of kind, namespace and name');
  const unknown = unknownKey(value, RESOURCE_KEYS);
  if (unknown !== undefined) {
    throw fail(
      `unknown key ${JSON.stringify(unknown)} in \`resource\` (expected ${RESOURCE_KEYS.join(', ')})`,
    );
  }
  const resource: NonNullable<ConfigException['resource']> = {};
  for (const key of ['kind', 'namespace', 'name'] as const) {
    const text = value[key];
    if (text === undefined || text === null) continue;
    if (typeof text !== 'string' || text.trim() === '')
      throw fail(`\`resource.${key}\` must be non-empty text`);
    resource[key] = text.trim();
  }
  if (Object.keys(resource).length === 0)
    throw fail('`resource` needs at least one of kind, namespace, name');
  return resource;
}

/**
 * Marks the configuration findings an exception covers as suppressed (they stay in the report, and never fail the
 * gate); the first live exception that matches wins, and a finding already suppressed keeps its suppression. An
 * expired exception suppresses nothing and gives one warning, only when it would have matched a finding: the finding
 * counts again, and the warning says why. `resourceOf` tells the workload of a finding; by default it is read back
 * from the finding's `resource` text and location (`configResourceOf`).
 */
export function applyConfigExceptions(
  findings: readonly Finding[],
  exceptions: readonly ConfigException[],
  now: Date,
  resourceOf: ResourceOf = configResourceOf,
): { findings: Finding[]; warnings: string[] } {
  const warnings = new Set<string>();
  const compiled = exceptions.map((exception) => ({ exception, matches: matcherOf(exception) }));
  const out = findings.map((finding) => {
    if (finding.kind !== 'config') return finding;
    const resource = resourceOf(finding);
    let suppressed: Finding['suppressed'];
    // every exception is looked at, not only up to the first match, so each expired one that matches is reported
    for (const { exception, matches } of compiled) {
      if (!matches(finding, resource)) continue;
      if (exception.expires && now.getTime() >= exception.expires.endsAt) {
        warnings.add(
          `${exception.source}: exception ${exception.entry} (${describe(exception)}) expired on ${exception.expires.text} and no longer suppresses`,
        );
        continue;
      }
      if (suppressed) continue;
      suppressed = {
        kind: 'ignore-file',
        file: exception.source,
        reason: `${exception.reason} (owner ${exception.owner})`,
      };
      if (exception.expires) suppressed.expires = exception.expires.text;
    }
    return finding.suppressed || !suppressed ? finding : { ...finding, suppressed };
  });
  return { findings: out, warnings: [...warnings].sort(compareText) };
}

type Matcher = (finding: Finding, resource: ConfigResource | undefined) => boolean;

function matcherOf(exception: ConfigException): Matcher {
  const file: GlobMatcher | undefined =
    exception.file === undefined ? undefined : compileGlob(exception.file);
  const wanted = exception.resource;
  const kind = wanted?.kind === undefined ? undefined : wildcard(wanted.kind, 'i');
  const namespace = wanted?.namespace === undefined ? undefined : wildcard(wanted.namespace);
  const name = wanted?.name === undefined ? undefined : wildcard(wanted.name);
  return (finding, resource) => {
    if (exception.control !== '*' && exception.control !== finding.id.toUpperCase()) return false;
    if (file && !file(resource?.file ?? finding.location.path ?? '')) return false;
    if (!wanted) return true;
    if (!resource) return false;
    if (kind && !kind.test(resource.kind)) return false;
    if (namespace && !namespace.test(resource.namespace ?? '')) return false;
    return !name || name.test(resource.name);
  };
}

/** `web-*` as a whole-value pattern: `*` is any characters, everything else itself. Kinds compare without case. */
function wildcard(pattern: string, flags = ''): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, flags);
}

/** "SW-CFG-004, Deployment default/web, file deploy/**": the control and what the exception scopes it to. */
function describe(exception: ConfigException): string {
  const parts = [exception.control];
  const r = exception.resource;
  if (r)
    parts.push(
      `${r.kind ?? '*'} ${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name ?? '*'}`,
    );
  if (exception.file !== undefined) parts.push(`file ${exception.file}`);
  return parts.join(', ');
}
