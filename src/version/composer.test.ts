// Table test of Composer version ordering (VersionParser::normalize, then PHP's version_compare), per
// https://getcomposer.org/doc/articles/versions.md and https://www.php.net/manual/en/function.version-compare.php.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { composer } from './composer.js';
import { describeOrdering, type OrderingRow } from './ordering-table.js';

const rows: OrderingRow[] = [
  // Normalisation: a 'v' prefix, up to four numeric parts padded with zeros.
  ['1.0', '=', '1.0.0'],
  ['v1.0.0', '=', '1.0.0.0'],
  ['1', '=', '1.0.0.0'],
  ['1.2.3.4', '>', '1.2.3'],
  ['1.10.0', '>', '1.9.0'],
  // Stability suffixes: dev < alpha < beta < RC < stable < patch, with their short forms.
  ['1.0.0-dev', '<', '1.0.0-alpha1'],
  ['1.0.0-alpha1', '=', '1.0.0-a1'],
  ['1.0.0-alpha2', '<', '1.0.0-beta1'],
  ['1.0.0-b2', '=', '1.0.0-beta2'],
  ['1.0.0-beta2', '<', '1.0.0-RC1'],
  ['1.0.0-rc1', '=', '1.0.0-RC1'],
  ['1.0.0-RC2', '<', '1.0.0'],
  ['1.0.0-stable', '=', '1.0.0'],
  ['1.0.0', '<', '1.0.0-patch1'],
  ['1.0.0-pl1', '=', '1.0.0-p1'],
  ['1.0.0-patch1', '<', '1.0.1'],
  // The stability's number may follow a dot or hyphen; a -dev suffix sorts before its stability.
  ['1.0.0-beta.2', '=', '1.0.0-beta2'],
  ['1.0.0.RC1', '=', '1.0.0-RC1'],
  ['1.0.0-beta1-dev', '<', '1.0.0-beta1'],
  ['1.0.0-beta1-dev', '>', '1.0.0-alpha3'],
  ['1.0.0-beta10', '>', '1.0.0-beta9'],
  // Build metadata, stability flags and inline aliases are stripped before comparing.
  ['1.0.0+sha.5114f85', '=', '1.0.0'],
  ['1.0.0@dev', '=', '1.0.0'],
  ['1.0.0 as 2.0.0', '=', '1.0.0'],
  // Numeric -dev branches stand for the branch tip: 1.0.x-dev is 1.0.9999999.9999999-dev.
  ['1.0.x-dev', '>', '1.0.99'],
  ['1.0.x-dev', '<', '1.1.0'],
  ['1.x-dev', '>', '1.99.99'],
  // dev-BRANCH versions come before all numbered ones; master, trunk and default are such branches.
  ['dev-master', '<', '0.0.1'],
  ['dev-main', '<', '1.0.0-dev'],
  ['master', '=', 'dev-master'],
  ['dev-feature', '<', 'dev-master'],
  // Date versions normalise to dots; a dotted date is a classical version instead, padded to 2010.01.02.0.
  ['2010-01-02', '<', '2010-01-03'],
  ['2010-01-02-10-20', '>', '2010-01-02'],
  ['2010-01-02', '<', '2010.01.02'],
  // Real packages: symfony's BETA/RC tags, laravel and guzzle patch releases.
  ['v6.4.0-BETA1', '<', 'v6.4.0-RC1'],
  ['v6.4.0-RC1', '<', 'v6.4.0'],
  ['v10.48.29', '>', 'v10.48.4'],
  ['7.4.5', '>', '7.4.4'],
];

const ascending = [
  'dev-feature',
  'dev-master',
  '1.0.0-dev',
  '1.0.0-alpha1',
  '1.0.0-alpha2',
  '1.0.0-beta1-dev',
  '1.0.0-beta1',
  '1.0.0-RC1',
  '1.0.0',
  '1.0.0-patch1',
  '1.0.0.1',
  '1.0.1',
  '1.0.x-dev',
  '1.1.0',
  '2.0.0',
];

// What VersionParser::normalize accepts, and what it refuses.
const VALID = [
  '1.0',
  'v2.1.0',
  '1.0.0-beta.2',
  'dev-master',
  'master',
  '1.x-dev',
  '2010-01-02',
  '1.0.0+sha',
  '1.0@beta',
];
const INVALID = ['', 'v', 'foo', 'feature-dev', '1.0.0-gamma', '1.0.0.0.0', '1.0.0 beta'];

describeOrdering(
  composer,
  { rows, ascending: { 'a dev-to-patch ladder': ascending }, valid: VALID, invalid: INVALID },
  () => {
    it('falls back to version_compare for strings Composer refuses', () => {
      // PHP's version_compare ranks an unknown word below dev, and a number above both.
      assert.equal(composer.compare('feature-dev', '1.0'), -1);
      assert.equal(composer.compare('1.0.0-gamma', '1.0.0-dev'), -1);
    });
  },
);
