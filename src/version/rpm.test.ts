// Table test of rpm version ordering against rpm's rpmvercmp and its tests/rpmvercmp.at cases:
// https://rpm-software-management.github.io/rpm/manual/dependencies.html (versioning: epoch, version, release).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rpm, rpmvercmp } from './rpm.js';

type Relation = '<' | '=' | '>';
const ORDERING = { '<': -1, '=': 0, '>': 1 } as const;

// rpmvercmp alone, on single version strings (rows of rpm's tests/rpmvercmp.at).
const SEGMENT_CASES: [string, Relation, string][] = [
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
const EVR_CASES: [string, Relation, string][] = [
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

function checkLaws(versions: readonly string[]): void {
  for (const a of versions) {
    assert.equal(rpm.compare(a, a), 0, `${a} equals itself`);
    for (const b of versions) {
      assert.equal(rpm.compare(a, b), -rpm.compare(b, a) || 0, `${a} vs ${b} is antisymmetric`);
    }
  }
}

describe('rpm version ordering', () => {
  it('orders version strings as rpmvercmp does', () => {
    for (const [a, relation, b] of SEGMENT_CASES) {
      assert.equal(rpmvercmp(a, b), ORDERING[relation], `${a} ${relation} ${b}`);
      assert.equal(rpmvercmp(b, a), -ORDERING[relation] || 0, `${b} reversed against ${a}`);
    }
  });

  it('orders each pair of the table by epoch, version, then release', () => {
    for (const [a, relation, b] of ALL_CASES) {
      assert.equal(rpm.compare(a, b), ORDERING[relation], `${a} ${relation} ${b}`);
      assert.equal(rpm.compare(b, a), -ORDERING[relation] || 0, `${b} reversed against ${a}`);
    }
  });

  it('is reflexive and antisymmetric over every version of the table', () => {
    checkLaws(ALL_CASES.flatMap(([a, , b]) => [a, b]));
  });

  it('validates epoch, version and release', () => {
    const valid = [
      '1.0',
      '1:1.0-1.el8',
      '0:2.03.05-9.cm2',
      '1.0~rc1^git20240101.abc-1',
      '1.0+ds_1-2',
    ];
    const invalid = [
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
    for (const version of valid) assert.equal(rpm.isValid(version), true, version);
    for (const version of invalid) assert.equal(rpm.isValid(version), false, version);
  });
});
