// Table test of rpm version ordering against rpm's rpmvercmp and its tests/rpmvercmp.at cases:
// https://rpm-software-management.github.io/rpm/manual/dependencies.html (versioning: epoch, version, release).

import { rpm, rpmvercmp } from './rpm.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

// rpmvercmp alone, on single version strings (rows of rpm's tests/rpmvercmp.at).
const SEGMENT_CASES: OrderingRow[] = [
  ['1.0', '<', '2.0'],
  ['2.0', '<', '2.0.1'],
  ['2.0.1a', '>', '2.0.1'],
  ['5.5p1', '<', '5.5p10'],
  ['10xyz', '<', '10.1xyz'],
  ['xyz.4', '<', '8'],
  ['xyz.4', '<', '2'],
  ['6.0.rc1', '>', '6.0'],
  ['10b2', '>', '10a1'],
  ['1.0a', '<', '1.0aa'],
  ['10.0001', '=', '10.1'],
  ['10.0001', '<', '10.0039'],
  ['4.999.9', '<', '5.0'],
  ['2.0', '=', '2_0'],
  ['a+', '=', 'a_'],
  ['_+', '=', '_'],
  // Tilde: before everything, the end of the string included.
  ['1.0~rc1', '<', '1.0'],
  ['1.0~rc1', '<', '1.0~rc2'],
  ['1.0~rc1~git123', '<', '1.0~rc1'],
  // Caret: after the end of the string, before any other segment.
  ['1.0^', '>', '1.0'],
  ['1.0^git1', '>', '1.0'],
  ['1.0^git1', '<', '1.0^git2'],
  ['1.0^git1', '<', '1.01'],
  ['1.0^20160101', '<', '1.0.1'],
  ['1.0^20160102', '>', '1.0^20160101^git1'],
  ['1.0~rc1^git1', '>', '1.0~rc1'],
  ['1.0^git1~pre', '<', '1.0^git1'],
  // Numeric segments by value at any length; numbers newer than letters.
  ['1.99999999999999999999', '<', '1.100000000000000000000'],
  ['1.a', '<', '1.1'],
];

// Whole [epoch:]version[-release] strings.
const EVR_CASES: OrderingRow[] = [
  ['1.0-1', '<', '1.0-2'],
  ['1.0-10', '>', '1.0-9'],
  ['1.0-1', '<', '1.1-1'],
  ['1:1.0-1', '>', '2.0-1'],
  ['0:1.0-1', '=', '1.0-1'],
  ['1:1.0', '<', '2:0.1'],
  // A missing release matches every release of the version, as in a dependency range.
  ['1.0', '=', '1.0-5'],
  ['1.0-5', '=', '1.0'],
  ['1.1', '>', '1.0-5'],
  ['2.28-189.el8', '<', '2.28-189.el8_6.1'],
  ['2.28-189.el8_6.1', '<', '2.28-189.1.el8'],
  ['1.1.1k-7.el8_6', '<', '1:1.1.1k-1.el8'],
  // Real EVRs from a CBL-Mariner 2.0 rpmdb and the release that would fix them.
  ['0:7.76.0-6.cm2', '<', '7.76.0-7.cm2'],
  ['1:2.0.0-1.cm2', '>', '3.0.6-1.cm2'],
  ['0:2.03.05-9.cm2', '<', '0:2.3.5-10.cm2'],
  // Only the last hyphen starts the release.
  ['1.0-rc1-2', '>', '1.0-2'],
  ['1.0~rc1-5', '<', '1.0-1'],
  ['1.0^git1-1', '>', '1.0-9'],
];

const ALL_CASES = [...SEGMENT_CASES, ...EVR_CASES];

// What rpm accepts as [epoch:]version[-release], and what it refuses.
const VALID = ['1.0', '1:1.0-1.el8', '0:2.03.05-9.cm2', '1.0~rc1^git20240101.abc-1', '1.0+ds_1-2'];
const INVALID = [
  '',
  '1.0-', // empty release
  '-1', // empty version
  ':1.0', // empty epoch
  'a:1.0', // ':' is no version character
  '1.0 1', // no spaces
  '1.0-1-', // the last hyphen leaves an empty release
  '~', // no alphanumeric segment
  '1.0/2', // no such character in rpm's tags
];

describeOrdering({ name: 'rpmvercmp', compare: rpmvercmp }, { rows: SEGMENT_CASES });

describeOrdering(rpm, { rows: ALL_CASES, valid: VALID, invalid: INVALID });
