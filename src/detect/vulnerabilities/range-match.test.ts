// OSV range evaluation (https://ossf.github.io/osv-schema/#evaluation): introduced inclusive, fixed exclusive,
// last_affected inclusive, several intervals, and versions listed one by one.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionScheme } from '../../version/index.js';
import { evaluateAffected } from './range-match.js';

const pep440 = versionScheme('pep440')!;
const semver = versionScheme('semver')!;

describe('evaluateAffected', () => {
  const twoIntervals = {
    ranges: [
      ['1.0', '1.2.3', null],
      ['2.0', null, '2.4'],
    ] as [string, string | null, string | null][],
    versions: null,
  };
  const cases: [string, boolean, string | undefined][] = [
    ['0.9', false, undefined],
    ['1.0', true, '1.2.3'],
    ['1.2.2', true, '1.2.3'],
    ['1.2.3', false, undefined],
    ['1.9', false, undefined],
    ['2.0rc1', false, undefined],
    ['2.0', true, undefined],
    ['2.4', true, undefined],
    ['2.4.0', true, undefined],
    ['2.4.1', false, undefined],
  ];
  for (const [version, affected, fixed] of cases)
    it(`${version}: ${affected ? `affected${fixed ? `, fixed in ${fixed}` : ''}` : 'not affected'}`, () => {
      const verdict = evaluateAffected(pep440, version, twoIntervals);
      assert.equal(verdict.affected, affected);
      if (verdict.affected) assert.equal(verdict.fixed, fixed);
    });

  it('treats introduced "0" as every version and an open interval as unfixed', () => {
    assert.deepEqual(
      evaluateAffected(semver, '0.0.1', { ranges: [['0', null, null]], versions: null }),
      {
        affected: true,
      },
    );
  });

  it('matches versions listed one by one, by the ecosystem’s equality', () => {
    const row = { ranges: [], versions: ['1.0.0', '1.0.1'] };
    assert.equal(evaluateAffected(pep440, '1.0', row).affected, true);
    assert.equal(evaluateAffected(pep440, '1.0.2', row).affected, false);
  });
});
