// Imports the Debian security tracker's JSON export: every CVE of every source package, release by release.
// Format: https://security-tracker.debian.org/tracker/data/json ({ SOURCE: { CVE: { description, releases } } }).
//
// How a release's entry becomes an `AffectedPackage` (ecosystem 'Debian', release by number, scheme 'deb'):
//   status 'resolved', fixed_version '0'      -> none: the release was never affected
//   status 'resolved', fixed_version V        -> range { introduced '0', fixed V }
//   status 'open' or 'undetermined'           -> range { introduced '0' } (no fix yet), and unfixedStatus:
//     urgency 'end-of-life'                   -> 'end_of_life' (security support for the package ended)
//     nodsa_reason 'ignored'                  -> 'will_not_fix'
//     nodsa_reason 'postponed' or no reason   -> left out: 'affected', a fix may still come in a point release
//   urgency 'unimportant' -> severity 'negligible'; 'low', 'medium', 'high' (trailing '*' marks stripped) -> the
//   same; 'not yet assigned', 'end-of-life' -> none.
//   Code names without a number ('sid', the unstable distribution) are skipped.
// Urgency is per release, so it goes on each affected entry and the record itself carries none. A (package, CVE)
// pair that leaves no affected entry (not affected anywhere, or only in sid) emits no record. TEMP- ids name
// issues that have no CVE yet: they are skipped and counted in one warning.

import type {
  AdvisoryRecord,
  AffectedPackage,
  AffectedRange,
  AffectedStatus,
  ImportSink,
  Severity,
} from '../advisory.js';
import { InputError } from '../../errors.js';
import { debianReleaseNumber } from '../debian-releases.js';
import { FeedWarnings } from './feed-warnings.js';
import { jsonObject, jsonText, streamJsonValues } from './json-values.js';

const TRACKER_URL = 'https://security-tracker.debian.org/tracker/';
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
/** The tracker's code name for unstable: never a release. */
const UNSTABLE = 'sid';

export async function importDebianTrackerJson(path: string, sink: ImportSink): Promise<number> {
  const warnings = new FeedWarnings(sink, path);
  let records = 0;
  let temporary = 0;
  const unnumbered = new Set<string>();
  const topLevel = await streamJsonValues(
    path,
    // Object keys only: an array in place of a package is not the tracker's shape, and holds no records.
    (at) => at.length === 2 && typeof at[0] === 'string' && typeof at[1] === 'string',
    (at, value) => {
      const pkg = String(at[0]);
      const id = String(at[1]);
      if (id.startsWith('TEMP-')) {
        temporary++;
        return;
      }
      const record = trackerRecord(pkg, id, value, warnings, unnumbered);
      if (record) {
        sink.advisory(record);
        records++;
      }
    },
  );
  if (topLevel !== 'object') {
    throw new InputError(
      path,
      'not a Debian security tracker export (expected an object of source packages)',
    );
  }
  if (temporary > 0) warnings.general(`${temporary} TEMP- issues skipped: they have no CVE id yet`);
  if (unnumbered.size > 0) {
    warnings.general(
      `releases without a known number skipped: ${[...unnumbered].sort().join(', ')}`,
    );
  }
  warnings.finish();
  return records;
}

function trackerRecord(
  pkg: string,
  id: string,
  value: unknown,
  warnings: FeedWarnings,
  unnumbered: Set<string>,
): AdvisoryRecord | undefined {
  const where = `${id} (${pkg})`;
  if (!CVE_ID.test(id)) {
    warnings.record(where, 'not a CVE id: skipped');
    return undefined;
  }
  const entry = jsonObject(value);
  const releases = jsonObject(entry?.releases);
  if (!entry || !releases) {
    warnings.record(where, 'no "releases" object: skipped');
    return undefined;
  }
  const affected: AffectedPackage[] = [];
  for (const [codename, releaseValue] of Object.entries(releases)) {
    const release = debianReleaseNumber(codename);
    if (release === undefined) {
      if (codename !== UNSTABLE) unnumbered.add(codename);
      continue;
    }
    const state = jsonObject(releaseValue);
    if (!state) {
      warnings.record(where, `release ${codename} is not an object: skipped`);
      continue;
    }
    const problem = releaseEntry(pkg, release, state, affected);
    if (problem) warnings.record(where, `release ${codename}: ${problem}: skipped`);
  }
  if (affected.length === 0) return undefined;
  affected.sort((a, b) => Number(a.release) - Number(b.release));

  const references = [TRACKER_URL + id];
  const bug = entry.debianbug;
  if (typeof bug === 'number' && Number.isInteger(bug) && bug > 0) {
    references.push(`https://bugs.debian.org/${bug}`);
  }
  const record: AdvisoryRecord = {
    id,
    source: 'debian-tracker',
    aliases: [],
    cvss: [],
    references: references.sort(),
    affected,
  };
  const description = jsonText(entry.description);
  if (description !== undefined) record.summary = description;
  return record;
}

/** Adds the entry of one numbered release to `affected`; returns a problem when the entry cannot be read. */
function releaseEntry(
  pkg: string,
  release: string,
  state: Record<string, unknown>,
  affected: AffectedPackage[],
): string | undefined {
  const status = jsonText(state.status);
  const fixed = jsonText(state.fixed_version);
  const urgency = jsonText(state.urgency);
  let range: AffectedRange;
  let unfixedStatus: AffectedStatus | undefined;
  switch (status) {
    case 'resolved':
      if (fixed === undefined) return 'resolved without a fixed_version';
      if (fixed === '0') return undefined;
      range = { introduced: '0', fixed };
      break;
    case 'open':
    case 'undetermined':
      range = { introduced: '0' };
      unfixedStatus = unfixedStatusOf(urgency, jsonText(state.nodsa_reason));
      break;
    default:
      return `unknown status ${JSON.stringify(state.status)}`;
  }
  const entry: AffectedPackage = {
    ecosystem: 'Debian',
    release,
    name: pkg,
    scheme: 'deb',
    ranges: [range],
    versions: [],
  };
  if (unfixedStatus) entry.unfixedStatus = unfixedStatus;
  const severity = urgencySeverity(urgency);
  if (severity) entry.severity = severity;
  affected.push(entry);
  return undefined;
}

function unfixedStatusOf(
  urgency: string | undefined,
  nodsaReason: string | undefined,
): AffectedStatus | undefined {
  if (urgency === 'end-of-life') return 'end_of_life';
  if (nodsaReason === 'ignored') return 'will_not_fix';
  return undefined;
}

/** The severity of a Debian urgency; trailing '*' marks qualify the urgency, and the level before them is kept. */
export function urgencySeverity(urgency: string | undefined): Severity | undefined {
  const level = urgency?.replace(/\*+$/, '').trim().toLowerCase();
  switch (level) {
    case 'unimportant':
      return 'negligible';
    case 'low':
    case 'medium':
    case 'high':
      return level;
    default:
      return undefined;
  }
}
