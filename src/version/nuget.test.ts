// Table test of NuGet version ordering, per https://learn.microsoft.com/en-us/nuget/concepts/package-versioning
// (pre-release versions, normalized version numbers), with real version strings from nuget.org.

import { describeOrdering, type OrderingRow } from './ordering-table.js';
import { nuget } from './nuget.js';

const rows: OrderingRow[] = [
  // Normalized version numbers: missing parts are 0, leading zeros go, a zero fourth part is omitted.
  ['1.0', '=', '1.0.0'],
  ['1.0.0', '=', '1.0.0.0'],
  ['1', '=', '1.0.0'],
  ['1.00', '=', '1.0'],
  ['1.01.1', '=', '1.1.1'],
  ['1.00.0.1', '=', '1.0.0.1'],
  ['1.0.01.0', '=', '1.0.1'],
  // The fourth (revision) part orders after patch.
  ['1.0.0.1', '>', '1.0.0'],
  ['1.0.0.1', '<', '1.0.1'],
  ['4.0.0.2', '<', '4.0.0.10'],
  // Build metadata is removed.
  ['1.0.7+r3456', '=', '1.0.7'],
  ['1.0.0-beta+sha.1', '=', '1.0.0-beta+sha.2'],
  // A pre-release sorts below its release; labels compare case-insensitively, numeric ones numerically and first.
  ['1.0.0-alpha', '<', '1.0.0'],
  ['1.0.0-ALPHA', '=', '1.0.0-alpha'],
  ['1.0.0-RC.1', '=', '1.0.0-rc.1'],
  ['1.0.0-alpha.2', '<', '1.0.0-alpha.10'],
  ['1.0.0-alpha.10', '<', '1.0.0-alpha.beta'],
  ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
  ['1.0.0-1', '<', '1.0.0-a'],
  // Without a dot, a label is one alphanumeric string: rc10 < rc9, which is why SemVer 2.0 uses rc.10.
  ['1.0.0-rc10', '<', '1.0.0-rc9'],
  ['1.0.0-rc.10', '>', '1.0.0-rc.9'],
  // Labels are plain strings to NuGet, with no meaning of their own: alpha < build.
  ['1.0.1-alpha', '<', '1.0.1-build23'],
  ['1.0.1-beta', '<', '1.0.1'],
  // Whitespace around the version is trimmed, as NuGetVersion.TryParse does.
  [' 2.1.0 ', '=', '2.1.0'],
  // Real packages: Newtonsoft.Json, System.Text.Json previews, EF Core release candidates.
  ['13.0.1', '<', '13.0.3'],
  ['12.0.3', '<', '13.0.1'],
  ['8.0.0-preview.1.23110.8', '<', '8.0.0-rc.1.23419.4'],
  ['8.0.0-rc.2.23480.1', '<', '8.0.0'],
  ['4.7.2', '>', '4.7.1'],
];

const ascending = [
  '1.0.0-1',
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-rc.1',
  '1.0.0',
  '1.0.0.1',
  '1.0.1',
  '1.1',
  '2.0.0.0',
  '10.0',
];

// What NuGetVersion.TryParse accepts, and what it refuses.
const VALID = [
  '1',
  '1.0',
  '1.0.0.0',
  '01.1.1',
  '1.0.0-beta-1',
  '1.0.0-rc.1+build.01',
  '2147483647.0',
];
const INVALID = [
  '',
  'a.b',
  '1.0.0.0.0',
  '1.0.0-',
  '1.0.0-01',
  '1.0.0-beta..1',
  '1.0.0+',
  '2147483648.0',
  'v1.0',
];

describeOrdering(nuget, {
  rows,
  ascending: { 'a pre-release-to-release ladder': ascending },
  valid: VALID,
  invalid: INVALID,
});
