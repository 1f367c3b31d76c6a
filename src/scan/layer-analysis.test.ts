import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analyzer } from '../analyze/analyzer.js';
import { InputError } from '../errors.js';
import type { PathEntry, SourceEntry } from '../source/entry.js';
import { analyzeLayer } from './layer-analysis.js';

const file = (path: string, content: string): PathEntry => ({
  kind: 'path',
  path,
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  size: content.length,
  read: async () => Buffer.from(content),
});
const link = (path: string, target: string): PathEntry => ({
  ...file(path, ''),
  type: 'hardlink',
  size: 0,
  linkTarget: target,
});

/** Reads any file named db* as its text, and refuses one that says "garbage". */
const textAnalyzer: Analyzer<string> = {
  name: 'text',
  version: 1,
  wants: (path) => /(^|\/)db[^/]*$/.test(path),
  parse: ({ path, content }) => {
    if (content.toString() === 'garbage') throw new InputError(path, 'not a database');
    return content.toString();
  },
  assemble: () => ({}),
};

async function analyze(entries: SourceEntry[], maxFileBytes = 1024) {
  const warnings: string[] = [];
  const result = await analyzeLayer(entries, [textAnalyzer], {
    diffId: 'sha256:x',
    subject: 'layer',
    maxFileBytes,
    warn: (m) => warnings.push(m),
  });
  return { result, warnings };
}

describe('analyzeLayer', () => {
  it('gives a hard link the facts of the file it links to', async () => {
    const { result } = await analyze([file('var/db', 'one'), link('var/db-copy', 'var/db')]);
    assert.deepEqual(result.facts.text, { 'var/db': 'one', 'var/db-copy': 'one' });
    assert.deepEqual(
      result.entries.map((e) => [e.path, e.type, e.linkTarget]),
      [
        ['var/db', 'file', undefined],
        ['var/db-copy', 'hardlink', 'var/db'],
      ],
    );
  });

  it('warns about a hard link to a file it did not read', async () => {
    const { result, warnings } = await analyze([file('other', 'x'), link('db', 'other')]);
    assert.deepEqual(result.facts.text, {});
    assert.match(warnings[0]!, /db: hard link to other, which this layer does not hold readable/);
  });

  it('gives a hard link no fact and no warning when its target was read and gave none', async () => {
    const { result, warnings } = await analyze([file('db-x', 'garbage'), link('db-y', 'db-x')]);
    assert.deepEqual(result.facts.text, {});
    assert.deepEqual(
      result.errors.map((e) => e.path),
      ['db-x'],
    );
    assert.deepEqual(warnings, []);
  });

  it('skips a wanted file over the size limit with a warning', async () => {
    const { result, warnings } = await analyze([file('db', 'x'.repeat(2000))]);
    assert.deepEqual(result.facts.text, {});
    assert.match(warnings[0]!, /skipped db: 2000 bytes is over the limit of 1024/);
  });

  it('keeps an unreadable database as an error naming the file, and the rest as facts', async () => {
    const { result } = await analyze([file('a/db', 'garbage'), file('b/db', 'fine')]);
    assert.deepEqual(result.errors, [{ path: 'a/db', message: 'layer: a/db: not a database' }]);
    assert.deepEqual(result.facts.text, { 'b/db': 'fine' });
  });

  it('records deletions apart from the entries, and a later non-file drops an earlier fact', async () => {
    const { result } = await analyze([
      { kind: 'whiteout', path: 'gone' },
      { kind: 'opaque', path: 'var' },
      file('db', 'first'),
      { ...file('db', ''), type: 'symlink', size: 0, linkTarget: 'elsewhere' },
    ]);
    assert.deepEqual(result.whiteouts, ['gone']);
    assert.deepEqual(result.opaqueDirs, ['var']);
    assert.deepEqual(result.facts.text, {});
  });
});
