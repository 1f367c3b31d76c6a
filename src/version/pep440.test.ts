// Table test of Python version ordering against PEP 440: https://peps.python.org/pep-0440/
// Expected answers agree with the reference implementation (packaging.version, 26.x) for every valid pair.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeOrdering, type OrderingRow } from './ordering-table.js';
import { pep440 } from './pep440.js';

const CASES: OrderingRow[] = [
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

// PEP 440 versions, then legacy ones packaging.version refuses.
const VALID = ['1.0', 'v1.0', '1!2.0.post3.dev4+local.7', '1.0-1', '1.0RC1', '2012.10', '0'];
const INVALID = [
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

describeOrdering(
  pep440,
  {
    rows: CASES,
    ascending: {
      "PYSEC-2021-850's affected versions of wiki": WIKI_PYSEC_2021_850.sorted,
      "PYSEC-2017-65's affected versions of protobuf": PROTOBUF_PYSEC_2017_65.sorted,
    },
    valid: VALID,
    invalid: INVALID,
  },
  () => {
    it("sorts real advisories' affected versions as packaging.version does", () => {
      for (const { listed, sorted } of [WIKI_PYSEC_2021_850, PROTOBUF_PYSEC_2017_65]) {
        assert.deepEqual([...listed].sort(pep440.compare), sorted);
      }
    });
  },
);
