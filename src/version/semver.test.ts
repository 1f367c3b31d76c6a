// Table test of semantic version precedence against SemVer 2.0.0 section 11: https://semver.org/#spec-item-11
// Where both sides have three numbers, the answers are also those of npm's semver.compare(a, b, { loose: true }).

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeOrdering, type OrderingRow } from './ordering-table.js';
import { parseSemver, semver } from './semver.js';

const CASES: OrderingRow[] = [
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

// Versions, loose forms included, and what is none.
const VALID = ['1.2.3', 'v1.2.3', '1.2.3-rc.1+b', '1', '1.2', '0', '1.0.0-x-y.z--'];
const INVALID = [
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

describeOrdering(
  semver,
  {
    rows: CASES,
    ascending: { 'real advisory versions': REAL_VERSIONS },
    valid: VALID,
    invalid: INVALID,
  },
  () => {
    it('parses to the parts precedence uses', () => {
      assert.deepEqual(parseSemver('v1.2.3-rc.1+build.5'), {
        major: '1',
        minor: '2',
        patch: '3',
        prerelease: ['rc', '1'],
      });
      assert.deepEqual(parseSemver('1.2'), { major: '1', minor: '2', patch: '0', prerelease: [] });
    });
  },
);
