// Table test of Python version ordering against PEP 440: https://peps.python.org/pep-0440/
// Expected answers agree with the reference implementation (packaging.version, 26.x) for every valid pair.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pep440 } from './pep440.js';

type Relation = '<' | '=' | '>';
const ORDERING = { '<': -1, '=': 0, '>': 1 } as const;

const CASES: [string, Relation, string][] = [
  ['1.0', '<', '1.1'],
  ['1.9', '<', '1.10'],
  // Trailing zeros and leading zeros do not count.
  ['1.0', '=', '1.0.0'],
  ['1', '=', '1.0.0.0'],
  ['1.01', '=', '1.1'],
  // Normalisation: case, separators, spellings, a leading v, whitespace.
  ['1.0ALPHA1', '=', '1.0a1'],
  ['1.0-beta.2', '=', '1.0b2'],
  ['1.0c1', '=', '1.0rc1'],
  ['1.0pre1', '=', '1.0rc1'],
  ['1.0preview1', '=', '1.0rc1'],
  ['1.0-rev1', '=', '1.0.post1'],
  ['1.0r', '=', '1.0.post0'],
  ['1.0-1', '=', '1.0.post1'],
  ['1.0_dev', '=', '1.0.dev0'],
  ['1.0a', '=', '1.0a0'],
  ['v1.0', '=', '1.0'],
  ['  1.0\n', '=', '1.0'],
  ['1.0+ABC.5', '=', '1.0+abc-5'],
  // The spec's ordering of dev, pre and post releases.
  ['1.0.dev1', '<', '1.0a1.dev1'],
  ['1.0a1.dev1', '<', '1.0a1'],
  ['1.0a1', '<', '1.0a1.post1'],
  ['1.0a1.post1', '<', '1.0'],
  ['1.0', '<', '1.0.post1.dev1'],
  ['1.0.post1.dev1', '<', '1.0.post1'],
  ['1.0a2', '<', '1.0b1'],
  ['1.0b2', '<', '1.0rc1'],
  ['1.0rc1', '<', '1.0'],
  ['1.0.dev456', '<', '1.0a1'],
  ['1.0a12.dev456', '<', '1.0a12'],
  ['1.0.post456.dev34', '<', '1.0.post456'],
  ['1.0.post1', '<', '1.1.dev1'],
  // Epochs outrank the release.
  ['1!1.0', '>', '2.0'],
  ['0!2.0', '=', '2.0'],
  ['1!1.0', '<', '2!0.1'],
  // Local versions: after the public version, numbers above letters, more segments after fewer.
  ['1.0', '<', '1.0+local'],
  ['1.0+abc', '<', '1.0+abd'],
  ['1.0+abc', '<', '1.0+5'],
  ['1.0+5', '<', '1.0+10'],
  ['1.0+abc', '<', '1.0+abc.1'],
  ['1.0+ubuntu.1', '<', '1.0.post1'],
  // Numbers by value at any length.
  ['1.99999999999999999999', '<', '1.100000000000000000000'],
  // Legacy versions sort after all valid ones, among themselves by text.
  ['9999!9999', '<', 'not.a.version'],
  ['1.0-foo', '>', '2.0'],
  ['1.0-bar', '<', '1.0-foo'],
];

// Affected versions as two PyPI advisories (pypa/advisory-database) list them, by text, then in PEP 440 order.
const WIKI_PYSEC_2021_850 = {
  listed: [
    '0.0.24.4',
    '0.0.24.4.post1',
    '0.1',
    '0.1.dev20160119155955',
    '0.1b0',
    '0.2',
    '0.2b1',
    '0.3',
    '0.3b4',
    '0.3rc1',
    '0.4.1',
    '0.4a1',
    '0.4b3',
    '0.5',
    '0.5.dev20181021091629',
    '0.7.8',
  ],
  sorted: [
    '0.0.24.4',
    '0.0.24.4.post1',
    '0.1.dev20160119155955',
    '0.1b0',
    '0.1',
    '0.2b1',
    '0.2',
    '0.3b4',
    '0.3rc1',
    '0.3',
    '0.4a1',
    '0.4b3',
    '0.4.1',
    '0.5.dev20181021091629',
    '0.5',
    '0.7.8',
  ],
};
const PROTOBUF_PYSEC_2017_65 = {
  listed: [
    '2.0.0beta',
    '2.6.1',
    '3.0.0',
    '3.0.0a2',
    '3.0.0b1',
    '3.0.0b1.post1',
    '3.0.0b2',
    '3.2.0',
    '3.2.0rc1',
    '3.2.0rc1.post1',
    '3.2.0rc2',
    '3.3.0',
  ],
  sorted: [
    '2.0.0beta',
    '2.6.1',
    '3.0.0a2',
    '3.0.0b1',
    '3.0.0b1.post1',
    '3.0.0b2',
    '3.0.0',
    '3.2.0rc1',
    '3.2.0rc1.post1',
    '3.2.0rc2',
    '3.2.0',
    '3.3.0',
  ],
};
const REAL_VERSIONS = [...WIKI_PYSEC_2021_850.listed, ...PROTOBUF_PYSEC_2017_65.listed];

function checkLaws(versions: readonly string[]): void {
  for (const a of versions) {
    assert.equal(pep440.compare(a, a), 0, `${JSON.stringify(a)} equals itself`);
    for (const b of versions) {
      assert.equal(
        pep440.compare(a, b),
        -pep440.compare(b, a) || 0,
        `${a} vs ${b} is antisymmetric`,
      );
    }
  }
}

describe('pep440 version ordering', () => {
  it('orders each pair of the table as PEP 440 says', () => {
    for (const [a, relation, b] of CASES) {
      assert.equal(pep440.compare(a, b), ORDERING[relation], `${a} ${relation} ${b}`);
      assert.equal(pep440.compare(b, a), -ORDERING[relation] || 0, `${b} reversed against ${a}`);
    }
  });

  it('is reflexive and antisymmetric over every version of the table', () => {
    checkLaws([...CASES.flatMap(([a, , b]) => [a, b]), ...REAL_VERSIONS]);
  });

  it("sorts real advisories' affected versions as packaging.version does", () => {
    for (const { listed, sorted } of [WIKI_PYSEC_2021_850, PROTOBUF_PYSEC_2017_65]) {
      assert.deepEqual([...listed].sort(pep440.compare), sorted);
    }
  });

  it('validates PEP 440 versions and rejects legacy ones', () => {
    const valid = ['1.0', 'v1.0', '1!2.0.post3.dev4+local.7', '1.0-1', '1.0RC1', '2012.10', '0'];
    const invalid = [
      '',
      'not.a.version',
      '1.0-foo',
      '1.0+',
      '1.0+abc_',
      'French Toast',
      '1.0.x',
      '.1',
      '1..0',
      '1.0a1b1',
    ];
    for (const version of valid) assert.equal(pep440.isValid(version), true, version);
    for (const version of invalid) assert.equal(pep440.isValid(version), false, version);
  });
});
