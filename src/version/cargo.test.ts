// Table test of Cargo version ordering: SemVer 2.0.0 precedence (https://semver.org/spec/v2.0.0.html#spec-item-11),
// its own examples, and real version strings from crates.io.

import { cargo } from './cargo.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

const rows: OrderingRow[] = [
  // 11.2: major, minor and patch compare numerically, left to right.
  ['1.0.0', '<', '2.0.0'],
  ['2.0.0', '<', '2.1.0'],
  ['2.1.0', '<', '2.1.1'],
  ['1.10.0', '>', '1.9.0'],
  ['0.10.0', '>', '0.9.99'],
  // 11.3: a prerelease sorts below its release.
  ['1.0.0-alpha', '<', '1.0.0'],
  ['1.0.0-rc.1', '<', '1.0.0'],
  ['1.0.0-rc.1', '>', '0.9.9'],
  // 11.4: identifiers one by one; numeric ones numerically and below alphanumeric ones; more identifiers win a tie.
  ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
  ['1.0.0-alpha.1', '<', '1.0.0-alpha.beta'],
  ['1.0.0-beta.2', '<', '1.0.0-beta.11'],
  ['1.0.0-1', '<', '1.0.0-a'],
  ['1.0.0-0', '<', '1.0.0-1'],
  ['1.0.0-alpha-1', '>', '1.0.0-alpha.1'],
  // Alphanumeric identifiers compare in ASCII order: upper case first, '-' before digits.
  ['1.0.0-Alpha', '<', '1.0.0-alpha'],
  ['1.0.0-a-b', '<', '1.0.0-a1'],
  // 10: build metadata never takes part in precedence.
  ['1.0.0+20130313144700', '=', '1.0.0'],
  ['1.0.0-alpha+001', '=', '1.0.0-alpha'],
  ['1.0.0-beta+exp.sha.5114f85', '=', '1.0.0-beta+other'],
  // Numbers up to u64::MAX compare exactly.
  ['18446744073709551615.0.0', '>', '18446744073709551614.0.0'],
  // Strings the semver crate refuses still get a stable answer from what they hold.
  ['v1.2.3', '=', '1.2.3'],
  ['1.2', '=', '1.2.0'],
  ['1.2', '<', '1.2.1'],
  // Real crates: hyper's release candidates, tokio and openssl patch releases.
  ['1.0.0-rc.4', '<', '1.0.0'],
  ['1.0.0-rc.3', '<', '1.0.0-rc.4'],
  ['1.20.4', '>', '1.18.5'],
  ['0.10.55', '>', '0.10.9'],
];

/** The precedence example of SemVer 2.0.0 item 11, then its release line. */
const ascending = [
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '2.0.0',
  '2.1.0',
  '2.1.1',
];

// What the semver crate parses, and what it refuses.
const VALID = [
  '0.0.0',
  '1.0.0-0',
  '1.0.0-alpha-1',
  '1.0.0+build.01',
  '18446744073709551615.0.0',
  '1.0.0-x.7.z.92',
];
const INVALID = [
  '1.0',
  'v1.0.0',
  '01.0.0',
  '1.0.0-01',
  '1.0.0-',
  '1.0.0+',
  '1.0.0-alpha..1',
  ' 1.0.0',
  '18446744073709551616.0.0',
  '1.0.0-alpha_1',
];

describeOrdering(cargo, {
  rows,
  ascending: { 'the SemVer precedence example and its release line': ascending },
  valid: VALID,
  invalid: INVALID,
});
