// Table test of semantic version precedence against SemVer 2.0.0 section 11: https://semver.org/#spec-item-11
// Where both sides have three numbers, the answers are also those of npm's semver.compare(a, b, { loose: true }).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSemver, semver } from './semver.js';

type Relation = '<' | '=' | '>';
const ORDERING = { '<': -1, '=': 0, '>': 1 } as const;

const CASES: [string, Relation, string][] = [
  // The spec's own examples (11.2 and 11.4).
  ['1.0.0', '<', '2.0.0'],
  ['2.0.0', '<', '2.1.0'],
  ['2.1.0', '<', '2.1.1'],
  ['1.0.0-alpha', '<', '1.0.0'],
  ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
  ['1.0.0-alpha.1', '<', '1.0.0-alpha.beta'],
  ['1.0.0-alpha.beta', '<', '1.0.0-beta'],
  ['1.0.0-beta', '<', '1.0.0-beta.2'],
  ['1.0.0-beta.2', '<', '1.0.0-beta.11'],
  ['1.0.0-beta.11', '<', '1.0.0-rc.1'],
  ['1.0.0-rc.1', '<', '1.0.0'],
  // Numbers by value; identifiers with a hyphen or a letter in ASCII order.
  ['1.2.10', '>', '1.2.9'],
  ['1.0.0-rc.10', '>', '1.0.0-rc.9'],
  ['1.0.0-rc10', '<', '1.0.0-rc9'],
  ['1.0.0-1', '<', '1.0.0-a'],
  ['1.0.0-Z', '<', '1.0.0-a'],
  ['1.0.0-x-y', '>', '1.0.0-x.y'],
  ['0.0.0-0', '<', '0.0.0'],
  // OSV's introduced "0" means "from the start" to the matcher; as a version it is 0.0.0, after 0.0.0's pre-releases.
  ['0', '>', '0.0.0-20220412211240-33da011f77ad'],
  // Build metadata is ignored (11: "Build metadata does not figure into precedence").
  ['1.0.0+build.1', '=', '1.0.0+build.2'],
  ['1.0.0-rc.1+build.1', '<', '1.0.0'],
  // npm ignores a leading 'v' or '=' and surrounding spaces.
  ['v1.2.3', '=', '1.2.3'],
  ['=1.2.3', '=', '1.2.3'],
  [' v1.2.3 ', '=', '1.2.3'],
  // Loose forms seen in OSV data: missing minor or patch is 0, leading zeros are numbers.
  ['1', '=', '1.0.0'],
  ['1.2', '=', '1.2.0'],
  ['1.2-beta.1', '=', '1.2.0-beta.1'],
  ['01.02.03', '=', '1.2.3'],
  ['1.2.3beta', '=', '1.2.3-beta'],
  ['1.0.0-rc.01', '=', '1.0.0-rc.1'],
  // Numbers of any size.
  ['1.0.99999999999999999999', '<', '1.0.100000000000000000000'],
  // What is not a version sorts before every version, among itself by text.
  ['not-a-version', '<', '0.0.0-0'],
  ['1.2.3.4', '<', '1.2.3.5'],
  ['1.2.3.4', '<', '0.0.0'],
];

// Introduced and fixed versions from OSV advisories' SEMVER ranges, in precedence order.
const REAL_VERSIONS = [
  '0.0.0-20220412211240-33da011f77ad',
  '0.1.0-alpha.9',
  '0.1.6-alpha',
  '0.10.8-alpha.9',
  '0.10.8-alpha.10',
  '0.11.0-beta1',
  '0.15.0-rc.1',
  '0.15.0-rc.5',
  '0.24.2-beta.rc1',
  '1.15.0-0',
  '1.15.7',
  '1.21.0-rc.4',
];

function checkLaws(versions: readonly string[]): void {
  for (const a of versions) {
    assert.equal(semver.compare(a, a), 0, `${a} equals itself`);
    for (const b of versions) {
      assert.equal(
        semver.compare(a, b),
        -semver.compare(b, a) || 0,
        `${a} vs ${b} is antisymmetric`,
      );
    }
  }
}

describe('semver version ordering', () => {
  it('orders each pair of the table by SemVer precedence', () => {
    for (const [a, relation, b] of CASES) {
      assert.equal(semver.compare(a, b), ORDERING[relation], `${a} ${relation} ${b}`);
      assert.equal(semver.compare(b, a), -ORDERING[relation] || 0, `${b} reversed against ${a}`);
    }
  });

  it('is reflexive and antisymmetric over every version of the table', () => {
    checkLaws([...CASES.flatMap(([a, , b]) => [a, b]), ...REAL_VERSIONS]);
  });

  it('sorts real advisory versions by precedence', () => {
    const shuffled = [...REAL_VERSIONS].reverse();
    shuffled.push(...shuffled.splice(0, 6));
    assert.deepEqual(shuffled.sort(semver.compare), REAL_VERSIONS);
  });

  it('parses to the parts precedence uses', () => {
    assert.deepEqual(parseSemver('v1.2.3-rc.1+build.5'), {
      major: '1',
      minor: '2',
      patch: '3',
      prerelease: ['rc', '1'],
    });
    assert.deepEqual(parseSemver('1.2'), { major: '1', minor: '2', patch: '0', prerelease: [] });
  });

  it('validates versions, loose forms included', () => {
    const valid = ['1.2.3', 'v1.2.3', '1.2.3-rc.1+b', '1', '1.2', '0', '1.0.0-x-y.z--'];
    const invalid = [
      '',
      'v',
      '1.2.3.4',
      '1.2.3-',
      '1.2.3-a..b',
      '1.2.3+',
      '1.2.3 4',
      'a.b.c',
      '1.x',
      '^1.2.3',
    ];
    for (const version of valid) assert.equal(semver.isValid(version), true, version);
    for (const version of invalid) assert.equal(semver.isValid(version), false, version);
  });
});
