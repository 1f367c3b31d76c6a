// Table test of Go version ordering against https://go.dev/ref/mod#versions (semver, pseudo-versions,
// +incompatible) and Go release tags as the Go vulnerability database maps them (go1.22rc1 is 1.22.0-rc.1).

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { go, parseGoVersion } from './go.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

const CASES: OrderingRow[] = [
  ['v1.2.3', '<', 'v1.2.4'],
  ['v1.10.0', '>', 'v1.9.0'],
  ['v1.2.3-rc.1', '<', 'v1.2.3'],
  // The 'v' is optional here (OSV leaves it out); "v1" and "v1.2" are shorthand.
  ['1.2.3', '=', 'v1.2.3'],
  ['v1', '=', 'v1.0.0'],
  ['v1.2', '=', 'v1.2.0'],
  // +incompatible (and any build metadata) does not take part in ordering.
  ['v2.0.0+incompatible', '=', 'v2.0.0'],
  ['v2.0.0+incompatible', '>', 'v1.9.9'],
  ['25.0.5+incompatible', '<', '26.0.0-rc1+incompatible'],
  // Pseudo-versions, all three forms.
  ['v0.0.0-20191109021931-daa7c04131f5', '<', 'v0.0.0-20200101000000-aaaaaaaaaaaa'],
  ['v0.0.0-20191109021931-daa7c04131f5', '<', 'v0.0.1'],
  ['v1.2.4-0.20191109021931-daa7c04131f5', '>', 'v1.2.3'],
  ['v1.2.4-0.20191109021931-daa7c04131f5', '<', 'v1.2.4'],
  ['v1.2.4-0.20191109021931-daa7c04131f5', '>', 'v1.2.4-0.20181109021931-aaaaaaaaaaaa'],
  ['v1.2.3-pre.0.20191109021931-daa7c04131f5', '>', 'v1.2.3-pre'],
  ['v1.2.3-pre.0.20191109021931-daa7c04131f5', '<', 'v1.2.3-pre.1'],
  ['v1.2.3-pre.0.20191109021931-daa7c04131f5', '<', 'v1.2.3'],
  ['3.0.1-0.20180525145409-4c9aadca8f89+incompatible', '>', '3.0.0+incompatible'],
  // Go release tags: a 'go' prefix like 'v', go1.21 is 1.21.0, rc and beta are pre-releases.
  ['go1.21.3', '=', '1.21.3'],
  ['go1.21', '=', '1.21.0'],
  ['go1', '=', 'v1.0.0'],
  ['go1.22rc1', '=', '1.22.0-rc.1'],
  ['go1.22rc1', '<', 'go1.22'],
  ['go1.22rc1', '<', 'go1.22rc2'],
  ['go1.9beta2', '<', 'go1.9rc1'],
  ['go1.20.10', '<', 'go1.21rc1'],
  ['go1.21rc3', '<', '1.21.0-rc.4'],
  ['go1.21.0', '>', '1.21.0-rc.4'],
  ['1.16.0-0', '<', 'go1.16beta1'],
  // Not Go versions (leading zeros, a pre-release on shorthand): before every version, by text among themselves.
  ['v01.2.3', '<', 'v0.0.0'],
  ['v1.2.3-01', '<', 'v0.0.0'],
  ['v1.2-pre', '<', 'v1.2.3-pre'],
  ['v01.2.3', '<', 'v02.0.0'],
];

// Range events of real Go advisories (golang/vulndb, OSV), each range listed in ascending order.
const ADVISORY_EVENTS: Record<string, string[]> = {
  'GO-2021-0076 github.com/evanphx/json-patch': [
    '0.5.2',
    '3.0.0+incompatible',
    '3.0.1-0.20180525145409-4c9aadca8f89+incompatible',
  ],
  'GO-2023-1987 stdlib': ['1.19.12', '1.20.0-0', '1.20.7', '1.21.0-0', '1.21.0-rc.4'],
  'GO-2024-2659 github.com/docker/docker': [
    '25.0.0+incompatible',
    '25.0.5+incompatible',
    '26.0.0-rc1+incompatible',
    '26.0.0-rc3+incompatible',
  ],
  'GO-2024-2748 k8s.io/apimachinery': ['0.16.13', '0.17.0', '0.17.9', '0.18.0', '0.18.7-rc.0'],
  'GO-2024-2795 github.com/mattermost/mattermost-server': [
    '8.1.0+incompatible',
    '8.1.12+incompatible',
    '9.4.0+incompatible',
    '9.4.5+incompatible',
    '9.5.0+incompatible',
    '9.5.3+incompatible',
    '9.6.0-rc1+incompatible',
    '9.6.1+incompatible',
  ],
};

// As golang.org/x/mod/semver validates, with the v optional and Go release tags.
const VALID = [
  'v1.2.3',
  '1.2.3',
  'v1',
  'v1.2',
  'v2.0.0+incompatible',
  'go1.21.3',
  'go1.22rc1',
  'v0.0.0-0',
];
const INVALID = [
  '',
  'v',
  'v01.2.3',
  'v1.02.3',
  'v1.2.3-01',
  'v1.2-pre',
  'v1.2+meta',
  'v1.2.3.4',
  'go1.22rc',
  'go',
];

describeOrdering(
  go,
  { rows: CASES, ascending: ADVISORY_EVENTS, valid: VALID, invalid: INVALID },
  () => {
    it('places Go release tags inside the stdlib ranges of GO-2023-1987', () => {
      // Fixed in 1.20.7 and in 1.21.0-rc.4: go1.20.6 and go1.21rc3 are affected, go1.20.7 and go1.21rc4 are not.
      assert.equal(go.compare('go1.20.6', '1.20.7'), -1);
      assert.equal(go.compare('go1.20.7', '1.20.7'), 0);
      assert.equal(go.compare('go1.21rc3', '1.21.0-rc.4'), -1);
      assert.equal(go.compare('go1.21rc4', '1.21.0-rc.4'), 0);
    });

    it('parses to the parts precedence uses', () => {
      assert.deepEqual(parseGoVersion('v1.2.4-0.20191109021931-daa7c04131f5'), {
        major: '1',
        minor: '2',
        patch: '4',
        prerelease: ['0', '20191109021931-daa7c04131f5'],
      });
      assert.deepEqual(parseGoVersion('go1.22rc1'), {
        major: '1',
        minor: '22',
        patch: '0',
        prerelease: ['rc', '1'],
      });
    });
  },
);
