// Table test of dpkg version ordering against deb-version(7): https://manpages.debian.org/deb-version.7
// Every expected answer below is what `dpkg --compare-versions` (dpkg 1.21) says for the same pair.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { deb } from './deb.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

const CASES: OrderingRow[] = [
  ['1.0', '<', '1.1'],
  ['1.2', '<', '1.10'],
  ['1.0', '=', '1.00'],
  ['1.001', '=', '1.1'],
  // An absent revision is the empty string, which verrevcmp orders equal to "0".
  ['1.0', '=', '1.0-0'],
  ['1.0', '<', '1.0-1'],
  ['1.0-0', '<', '1.0-0.1'],
  ['1.0-1', '<', '1.0-1.1'],
  // Tilde sorts before everything, even the end of the string (deb-version(7)'s own example).
  ['1.0~~', '<', '1.0~~a'],
  ['1.0~~a', '<', '1.0~'],
  ['1.0~', '<', '1.0'],
  ['1.0', '<', '1.0a'],
  ['1.0~rc1', '<', '1.0'],
  ['1.0~rc1', '<', '1.0~rc2'],
  ['1.0~rc2', '>', '1.0~beta3'],
  // Letters sort before non-letters; among non-letters ASCII order decides ('+' < '.').
  ['1.0a', '<', '1.0+'],
  ['1.0+dfsg', '>', '1.0'],
  ['1.0.1', '>', '1.0+dfsg'],
  ['1.0A', '<', '1.0a'],
  // Epochs: absent is 0, and any epoch outranks the upstream version.
  ['0:1.0', '=', '1.0'],
  ['1:1.0', '>', '2.0'],
  ['1:0.9', '<', '2:0.1'],
  ['2:1.0~rc1', '>', '1:9'],
  ['00:1.0', '=', '1.0'],
  // Security and backport revisions.
  ['1.2.3-1~deb12u1', '<', '1.2.3-1'],
  ['1.2.3-1+deb12u1', '>', '1.2.3-1'],
  ['2.36-9+deb12u3', '<', '2.36-9+deb12u14'],
  ['7.88.1-10+deb12u5', '>', '7.88.1-10'],
  ['0.9.8o-4squeeze2', '<', '0.9.8o-4squeeze11'],
  // Only the last hyphen starts the revision; colons after the epoch belong to the upstream version.
  ['1.0-beta-1', '>', '1.0-1'],
  ['1:1.0:2-1', '>', '1:1.0-1'],
  ['0.0~git20150813.0.1b506fc-2+deb9u1', '<', '0.0~git20180212.15.e6afb9c-1+deb10u1'],
  ['0.2.7386~beta20.3-3+deb9u4', '<', '0.2.7386-1'],
  // Digit runs compare by value whatever their length.
  ['1.99999999999999999999', '<', '1.100000000000000000000'],
  ['10:1', '>', '9:2'],
];

// Fixed versions of openssl from the Debian security tracker's DSA and DLA lists, in dpkg's order.
const OPENSSL_FIXES = [
  '0.9.6c-2.woody.1',
  '0.9.6c-2.woody.8',
  '0.9.7e-3sarge1',
  '0.9.7e-3sarge5',
  '0.9.8c-4etch1',
  '0.9.8c-4etch9',
  '0.9.8g-15+lenny1',
  '0.9.8g-15+lenny5',
  '0.9.8g-15+lenny16',
  '0.9.8o-4squeeze1',
  '0.9.8o-4squeeze2',
  '0.9.8o-4squeeze23',
  '1.0.1e-2+deb7u1',
  '1.0.1e-2+deb7u3',
  '1.0.1e-2+deb7u21',
  '1.0.1k-3+deb8u1',
  '1.0.1t-1+deb7u1',
  '1.0.1t-1+deb7u4',
];

// What dpkg's parseversion accepts, warnings included, and what it refuses.
const VALID = [
  '1.0',
  '1:1.0-1',
  '0:1.0~rc1+dfsg-1.1~deb12u1',
  '1.0-beta-1',
  '1:1.0:2-1',
  '2.36-9+deb12u14',
];
const INVALID = [
  '',
  '1.0-', // empty revision
  ':1.0', // empty epoch
  'a:1.0', // epoch not a number
  '1:', // nothing after the colon
  '-1', // empty upstream version
  'a1.0', // upstream not starting with a digit
  '1.0 1', // embedded space
  '1.0_1', // '_' is no version character
  '1.0-1:2', // a colon after something that is not an epoch
  '1.0-1-', // the last hyphen leaves an empty revision
  '4294967296:1.0', // epoch above INT_MAX
];

describeOrdering(
  deb,
  {
    rows: CASES,
    ascending: { 'the real openssl fix versions': OPENSSL_FIXES },
    valid: VALID,
    invalid: INVALID,
  },
  () => {
    it('still orders what it cannot validate, the same way each time', () => {
      assert.equal(deb.compare('a:1.0', 'b:1.0'), -1);
      assert.equal(deb.compare('', '0'), 0);
      assert.equal(deb.compare('1.0-', '1.0'), 0);
      // dpkg refuses epochs above INT_MAX; they still order by value here.
      assert.equal(deb.compare('99999999999999999999:1', '99999999999999999998:2'), 1);
    });
  },
);
