// Table test of Maven version ordering: the examples of the POM reference's version order specification
// (https://maven.apache.org/pom.html#version-order-specification) and real version strings from Maven Central.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { maven } from './maven.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

const rows: OrderingRow[] = [
  // End result examples, as the specification lists them.
  ['1', '<', '1.1'],
  ['1-snapshot', '<', '1'],
  ['1', '<', '1-sp'],
  ['1-foo2', '<', '1-foo10'],
  ['1.foo', '=', '1-foo'],
  ['1-foo', '<', '1-1'],
  ['1-1', '<', '1.1'],
  ['1.ga', '=', '1-ga'],
  ['1-ga', '=', '1-0'],
  ['1-0', '=', '1.0'],
  ['1.0', '=', '1'],
  ['1-sp', '>', '1-ga'],
  ['1-sp.1', '>', '1-ga.1'],
  ['1-sp-1', '<', '1-ga-1'],
  ['1-a1', '=', '1-alpha-1'],
  ['1.0-alpha1', '=', '1.0-ALPHA1'],
  ['1.7', '>', '1.K'],
  ['5.zebra', '>', '5.aardvark'],
  ['1.α', '>', '1.b'],
  // Trimming examples: trailing null values (0, '', final, ga, release) go, at every hyphen.
  ['1.0.0', '=', '1'],
  ['1.final', '=', '1'],
  ['1-release', '=', '1'],
  ['1.', '=', '1'],
  ['1-', '=', '1'],
  ['1.0.0-foo.0.0', '=', '1-foo'],
  ['1.0.0-0.0.0', '=', '1'],
  // The qualifier order: alpha < beta < milestone < rc = cr < snapshot < '' = ga = final = release < sp < unknown.
  ['1.0-alpha-1', '<', '1.0-beta-1'],
  ['1.0-b1', '=', '1.0-beta-1'],
  ['1.0-beta-2', '<', '1.0-milestone-1'],
  ['1.0-m1', '=', '1.0-milestone-1'],
  ['1.0-milestone-3', '<', '1.0-rc-1'],
  ['1.0-cr1', '=', '1.0-rc1'],
  ['1.0-rc1', '<', '1.0-SNAPSHOT'],
  ['1.0-SNAPSHOT', '<', '1.0'],
  ['1.0-GA', '=', '1.0'],
  ['1.0-sp1', '>', '1.0'],
  ['1.0-sp', '<', '1.0-whatever'],
  ['1.0-whatever', '<', '1.0-zzz'],
  // a, b and m are aliases only directly before a number; alone they are unknown qualifiers, after sp.
  ['1.0-a', '>', '1.0-sp'],
  ['1.0-b', '>', '1.0-alpha'],
  // Numbers compare numerically, whatever their length or leading zeros.
  ['1.10', '>', '1.9'],
  ['1.010', '=', '1.10'],
  ['2.9999999999999999999999', '<', '2.10000000000000000000000'],
  ['1.0.1', '<', '1.0.1.0.0.0.0.0.0.0.0.0.0.0.1'],
  // MNG-7644: a qualifier after a dot reads as after a hyphen.
  ['1.0.0.RC1', '<', '1.0.0-RC2'],
  ['1.0.X', '=', '1.0.0.X'],
  // Real versions from Maven Central: Spring's .RELEASE/.RC, log4j's -rc, a Spring security service release.
  ['5.3.0.RC1', '<', '5.3.0.RELEASE'],
  ['5.3.0.RELEASE', '=', '5.3.0'],
  ['2.15.0-rc1', '<', '2.15.0'],
  ['2.5.6', '<', '2.5.6.SEC03'],
  ['2.17.1', '>', '2.17.0'],
];

/** Each a strictly later version than the one before: every qualifier kind, with and without SNAPSHOT. */
const ascending = [
  '1.0a1-SNAPSHOT',
  '1.0-alpha1',
  '1.0beta1-SNAPSHOT',
  '1.0-b2',
  '1.0-beta3.SNAPSHOT',
  '1.0-beta3',
  '1.0-milestone1-SNAPSHOT',
  '1.0-m2',
  '1.0-rc1-SNAPSHOT',
  '1.0-cr1',
  '1.0-SNAPSHOT',
  '1.0',
  '1.0-sp',
  '1.0-a',
  '1.0-whatever',
  '1.0.z',
  '1.0.1',
  '1.0.1.0.0.0.0.0.0.0.0.0.0.0.1',
];

// Trusted: version strings that start with a digit and cannot be read as a range.
const VALID = ['1.0', '2.15.0-rc1', '5.3.0.RELEASE', '1.0-SNAPSHOT', '1.0.0.Final'];
const INVALID = [
  '',
  'NotAVersion',
  '[1.0,2.0)',
  '1.0,2.0',
  '1.0 beta',
  '${project.version}',
  '9'.repeat(300),
];

describeOrdering(
  maven,
  { rows, ascending: { 'the specification examples': ascending }, valid: VALID, invalid: INVALID },
  () => {
    it('still answers, by code units, for strings too long to parse', () => {
      const long = `1.${'1-'.repeat(3000)}`;
      assert.equal(maven.compare(long, `${long}1`), -1);
      assert.equal(maven.compare(long, long), 0);
    });
  },
);
