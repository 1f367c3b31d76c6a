// What the policy files (.seawallignore.yaml, configuration exceptions) share: reading the YAML with clear errors,
// shape checks, and the `expires` field (a date lasts to the end of that day, UTC; a date-time needs a time zone).

import { readFileSync } from 'node:fs';
import { InputError, messageOf } from '../errors.js';
import { yamlModule } from '../util/lazy-module.js';
import { parseIsoDate, parseRfc3339 } from './timestamp.js';

const DAY_MS = 86_400_000;

/** The file's text; `what` names the kind of file in the error ("the ignore file"). */
export function readPolicyFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read ${what}: ${messageOf(err)}`);
  }
}

/** The YAML document's value (core schema: YAML 1.2 scalars, so `expires: 2027-01-31` stays text). */
export function parsePolicyYaml(text: string, subject: string): unknown {
  try {
    return yamlModule().parse(text, { schema: 'core', maxAliasCount: 100 });
  } catch (err) {
    throw new InputError(subject, `not valid YAML: ${firstLine(messageOf(err))}`);
  }
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key (in sorted order) that is not one of `known`. */
export function unknownKey(
  mapping: Record<string, unknown>,
  known: readonly string[],
): string | undefined {
  return Object.keys(mapping)
    .sort()
    .find((key) => !known.includes(key));
}

/** `expires` as written, and the first instant (ms) it no longer holds; `fail` makes the error naming the entry. */
export function parseExpires(
  value: unknown,
  fail: (problem: string) => InputError,
  prefix = '',
): { text: string; endsAt: number } {
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text !== undefined) {
    const day = parseIsoDate(text);
    if (day !== undefined) return { text, endsAt: day + DAY_MS };
    const instant = parseRfc3339(text);
    if (instant !== undefined) return { text, endsAt: instant };
  }
  throw fail(
    `${prefix}\`expires\` must be a date (2027-01-31) or a date-time with a time zone ` +
      `(2027-01-31T18:00:00Z), not ${JSON.stringify(value)}`,
  );
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/:$/, '');
}
