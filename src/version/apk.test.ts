// Table test of apk version ordering against apk-tools' src/version.c and its test/version.data rows:
// https://gitlab.alpinelinux.org/alpine/apk-tools (grammar: digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}).

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { apk } from './apk.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

const CASES: OrderingRow[] = [
  // Rows of apk-tools' test/version.data.
  ['2.34', '>', '0.1.0_alpha'],
  ['0.1.0_alpha', '=', '0.1.0_alpha'],
  ['0.1.0_alpha2', '>', '0.1.0_alpha'],
  ['1.1', '>', '1.1_alpha1'],
  ['1.2.1', '>', '1.2'],
  ['1.3_alpha', '<', '1.3_alpha2'],
  ['0.8_beta4', '<', '4.8-r1'],
  ['2.3.0b-r1', '<', '2.3.0b-r2'],
  ['1.2.2-r1', '>', '1.2.2'],
  ['1.06-r6', '<', '006'],
  ['006', '>', '1.0.0'],
  ['1.02.07', '<', '1.02.10-r1'],
  ['3.0.20060720', '<', '20060720'],
  ['2.5.1-r8', '<', '2.5.1a-r1'],
  ['0.9.28.1', '<', '087-r1'],
  ['20040406-r1', '>', '2.12r-r4'],
  ['0.20070118', '<', '0.20070207_rc1'],
  ['4.5_p1-r1', '>', '4.5_p1'],
  ['0.9.8c-r1', '<', '0.9.8d'],
  ['2.9.11_pre20051101-r3', '>', '2.9.11_pre20051101'],
  ['1.6.8_p12-r1', '>', '1.6.8_p9-r2'],
  ['0.59s-r11', '<', '0.65'],
  ['1.7', '<', '1.7b'],
  ['7.0.17', '<', '7.0.174'],
  ['02.08.01b', '<', '4.77'],
  ['1.0_p10-r0', '>', '1.0_p9-r0'],
  ['0.1.0_alpha_pre2', '<', '0.1.0_alpha'],
  ['1.3_pre1-r1', '<', '1.3.2'],
  ['1.0.0_pre20191002222144-r0', '<', '1.0.0_pre20210530193627-r0'],
  ['8.2.0015', '<', '8.2.002'],
  // Pre-release suffixes sort below the release, post-release ones above, each in its fixed order.
  ['1.0_alpha', '<', '1.0_beta'],
  ['1.0_beta', '<', '1.0_pre'],
  ['1.0_pre', '<', '1.0_rc'],
  ['1.0_rc9', '<', '1.0'],
  ['1.0', '<', '1.0_cvs'],
  ['1.0_cvs', '<', '1.0_svn'],
  ['1.0_svn', '<', '1.0_git'],
  ['1.0_git', '<', '1.0_hg'],
  ['1.0_hg', '<', '1.0_p'],
  ['1.0_p1', '<', '1.0.1'],
  ['1.0_alpha', '<', '1.0_alpha0'],
  // A leading zero after a dot compares as text, not as a number; the first number always by value.
  ['1.0', '<', '1.00'],
  ['1.05', '<', '1.5'],
  ['1.01', '<', '1.1'],
  ['01.1', '=', '1.1'],
  // Revisions.
  ['1.0-r0', '>', '1.0'],
  ['1.0-r9', '<', '1.0-r10'],
  ['1.0-r1', '<', '1.0.1-r0'],
  // Commit hashes: between the suffixes and the revision, compared as text.
  ['1.0~abc', '<', '1.0~abd'],
  ['1.0~abc', '>', '1.0'],
  ['1.0~abc-r1', '<', '1.0~abc-r2'],
  ['1.0_git20240101~1234abcd-r0', '>', '1.0_git20240101-r0'],
  ['1.0_git20240101~1234abcd-r0', '<', '1.0_git20240102~00aa-r0'],
  // Digit runs by value, beyond 64 bits.
  ['1.99999999999999999999', '<', '1.100000000000000000000'],
];

// Fixed versions of openssl in the Alpine secdb (v3.3 to v3.11 branches), in apk's order.
const OPENSSL_FIXES = [
  '1.0.2h-r0',
  '1.0.2h-r1',
  '1.0.2k-r0',
  '1.0.2m-r0',
  '1.0.2n-r0',
  '1.0.2t-r0',
  '1.1.1a-r0',
  '1.1.1b-r1',
  '1.1.1d-r0',
  '1.1.1d-r1',
  '1.1.1d-r3',
];

// Versions the Alpine secdb really lists that apk's grammar rejects (typos in the feed).
const SECDB_INVALID = [
  '4.8.0.-r1',
  '6.6.2p1-r0',
  '2.7.16-33',
  '0.8.21.r2',
  '2.15.r-r1',
  '10.2.26.r0',
];

// What apk's grammar accepts and rejects.
const VALID = [
  '1.0',
  '1.2.3_rc1-r0',
  '1.0_alpha_pre2',
  '2.3.0b-r1',
  '1.0_git20240101~1234abcd-r0',
  '0',
];
const INVALID = [
  '',
  'v1.0', // must start with a digit
  '1.0bc', // one letter at most
  '1.0a1', // no digits after the letter
  '1.0_foo', // unknown suffix
  '1.0-1', // a revision is -rN
  '1.0-r', // with a number
  '1.0-r1_p1', // and last
  '1.0~', // a hash needs hex digits
  '1.0~xyz',
  '1.0A', // upper case
  '1.0_rc.1', // no dot after a suffix
  ...SECDB_INVALID,
];

describeOrdering(
  apk,
  {
    rows: CASES,
    ascending: { 'the real openssl fix versions': OPENSSL_FIXES },
    valid: VALID,
    invalid: INVALID,
  },
  () => {
    it('orders invalid versions where apk stops reading them, then by text', () => {
      // apk reads the initial number before it meets the unknown suffix (test/version.data: 23_foo > 4_beta).
      assert.equal(apk.compare('23_foo', '4_beta'), 1);
      assert.equal(apk.compare('1.0', '1.0bc'), -1);
      // A feed typo goes invalid after 4.8.0, which apk puts below the release and its revisions.
      assert.equal(apk.compare('4.8.0.-r1', '4.8.0'), -1);
      assert.equal(apk.compare('4.8.0.-r1', '4.8.0-r1'), -1);
      // apk itself calls these equal; the text decides so that the order stays total.
      assert.equal(apk.compare('1.0bc', '1.0bd'), -1);
      assert.equal(apk.compare('1.0-x', '1.0-y'), -1);
    });
  },
);
