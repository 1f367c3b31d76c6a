import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoredIds, inlineIgnores } from './suppression.js';
import { parseDockerfile } from './parse.js';

describe('inline ignores', () => {
  it('reads a comma-separated list of ids, upper-casing them, and ignores other comments', () => {
    assert.deepEqual(ignoredIds('seawall:ignore=SW-DF-001, sw-df-024 because batch job'), [
      'SW-DF-001',
      'SW-DF-024',
    ]);
    assert.deepEqual(ignoredIds('seawall:ignore = SW-DF-002'), ['SW-DF-002']);
    assert.deepEqual(ignoredIds('hadolint ignore=DL3008'), []);
    assert.deepEqual(ignoredIds('see seawall:ignore=SW-DF-001 below'), []);
  });

  it('applies the comments before the first instruction to the file, a block above an instruction to it', () => {
    const model = parseDockerfile(
      [
        '# seawall:ignore=SW-DF-024',
        '',
        'FROM debian:12.7-slim',
        '# seawall:ignore=SW-DF-008',
        '# why: the recommends are wanted here',
        'RUN apt-get install -y x',
        '# seawall:ignore=SW-DF-002',
        '',
        'RUN sudo true',
      ].join('\n'),
    );
    const ignores = inlineIgnores(model);
    assert.deepEqual([...ignores.file], ['SW-DF-024']);
    // A blank line separates the last comment from its RUN: it covers nothing.
    assert.deepEqual(
      [...ignores.byInstruction].map(([line, ids]) => [line, [...ids]]),
      [[6, ['SW-DF-008']]],
    );
  });
});
