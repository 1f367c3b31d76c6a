// Table test of RubyGems version ordering (Gem::Version#<=>), per https://guides.rubygems.org/patterns/#semantic-versioning
// and the Gem::Version documentation's examples, with real version strings from rubygems.org.

import { gem } from './gem.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

const rows: OrderingRow[] = [
  // Any letter makes a prerelease, below the release it leads to.
  ['1.0.a', '<', '1.0'],
  ['1.0.b1', '<', '1.0'],
  ['1.0.a.2', '<', '1.0.b1'],
  ['0.9', '<', '1.0.a.2'],
  ['2.2.0.preview.1', '<', '2.2.0.preview.2'],
  ['2.2.0.preview.2', '<', '2.2.0'],
  ['2.2.0.preview.1', '>', '2.1.0'],
  // Trailing zeros are ignored, in the release part and in the prerelease part alike.
  ['1.0', '=', '1'],
  ['1.0.0', '=', '1'],
  ['1.0.a', '=', '1.a'],
  ['1.0.a.0', '=', '1.a'],
  ['1.0.a.1', '>', '1.0.a'],
  // Letters and digits split into segments without a dot: a1 is a, 1.
  ['1.0.a1', '=', '1.0.a.1'],
  ['1.0.a2', '<', '1.0.a10'],
  ['1.0.rc1', '>', '1.0.beta2'],
  // A '-' reads as '.pre.', so the hyphenated prerelease sorts before the dotted one.
  ['1.0.0-rc1', '=', '1.0.0.pre.rc1'],
  ['1.0.0-rc1', '<', '1.0.0.rc1'],
  ['1.2.3-1', '<', '1.2.3'],
  // Numbers compare as integers; letters compare byte-wise, so upper case sorts first.
  ['1.10', '>', '1.9'],
  ['1.01', '=', '1.1'],
  ['1.0.A', '<', '1.0.a'],
  ['1.2.99999999999999999999', '<', '1.2.100000000000000000000'],
  // A blank version is 0; surrounding whitespace does not count.
  ['', '=', '0'],
  [' 1.2 ', '=', '1.2'],
  // Real gems: rails prereleases, nokogiri and rack patch releases.
  ['7.1.0.beta1', '<', '7.1.0.rc1'],
  ['7.1.0.rc1', '<', '7.1.0'],
  ['1.13.10', '>', '1.13.9'],
  ['1.16.0.rc1', '<', '1.16.0'],
  ['3.0.0.beta1', '>', '2.2.8'],
];

const ascending = [
  '0.9',
  '1.0.a',
  '1.0.a.1',
  '1.0.b1',
  '1.0.0-rc1', // 1.0.pre.rc1: 'pre' sorts between 'b' and 'rc'
  '1.0.rc1',
  '1.0',
  '1.0.1',
  '1.1',
  '1.9',
  '1.10',
  '2',
];

// What Gem::Version.correct? accepts, and what it refuses.
const VALID = ['1', '1.0.a', '1.2.3-rc.1', '7.1.0.beta1', '', '  1.2  ', '1.2.3-pre-release'];
const INVALID = ['a.1', '1..2', '1.2.', '1.2-', '1.2.3 beta', 'v1.2', '1.2_3', '-1'];

describeOrdering(gem, {
  rows,
  ascending: { 'a prerelease-to-release ladder': ascending },
  valid: VALID,
  invalid: INVALID,
});
