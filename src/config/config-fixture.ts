// Test support for the configuration readers: a fixture under test/fixtures/config/, parsed, and the lines of its text,
// found by plain search so the readers' line numbers are checked against the file rather than against themselves.

import { readFileSync } from 'node:fs';
import { fixturePath } from '../testing/fixtures.js';
import type { Origin } from './container-spec.js';
import { parseDocuments, type LocatedDocument } from './documents.js';

export interface ConfigFixture {
  file: string;
  text: string;
  docs: () => LocatedDocument[];
  /** The 1-based line holding `needle`: its only occurrence, or the `nth` (0-based) when it occurs more than once. */
  line: (needle: string, nth?: number) => number;
  /** The line of the `{` that opens the object holding `needle` (a list item's own line in JSON). */
  objectLine: (needle: string, nth?: number) => number;
  /** An Origin in this file: a line found by `needle`, or a line number. */
  at: (line: number | undefined, jsonPath: string) => Origin;
}

export function configFixture(kind: string, name: string): ConfigFixture {
  const file = fixturePath('config', kind, name);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const line = (needle: string, nth?: number): number => {
    const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
    if (nth === undefined && hits.length !== 1)
      throw new Error(`${name}: "${needle}" occurs ${hits.length} times; say which`);
    const hit = hits[nth ?? 0];
    if (hit === undefined) throw new Error(`${name}: no occurrence ${nth} of "${needle}"`);
    return hit;
  };
  return {
    file,
    text,
    docs: () => parseDocuments(text, file),
    line,
    objectLine: (needle, nth) => {
      for (let i = line(needle, nth); i >= 1; i--)
        if (lines[i - 1]!.trim().startsWith('{')) return i;
      throw new Error(`${name}: no object around "${needle}"`);
    },
    at: (at, jsonPath) => (at === undefined ? { file, jsonPath } : { file, line: at, jsonPath }),
  };
}
