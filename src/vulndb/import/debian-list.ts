// Imports the Debian security tracker's advisory lists, data/DSA/list and data/DLA/list: one record per DSA or DLA.
// Format: the tracker's own text (https://salsa.debian.org/security-tracker-team/security-tracker/-/tree/master/data):
//
//   [29 Mar 2023] DSA-5380-1 xorg-server - security update   header: date, id (DSA-N or DSA-N-M), summary
//       {CVE-2023-1393}                                       the CVEs it fixes (some advisories have none)
//       [bullseye] - xorg-server 2:1.20.11-1+deb11u6          per release: source package and fixed version
//       [sarge] - dia 0.94.0-7sarge1 (bug #330890; medium)    ... with notes in parentheses or after ';'
//       [lenny] - vlc <not-affected> (Vulnerable code not present)
//       NOTE: fixed in testing at time of DSA                 notes: ignored
// (the lines under a header are indented by a tab, by spaces, or both).
//
// A version gives the range { introduced '0', fixed }. In its place, <not-affected> gives no entry; <unfixed>,
// <undetermined>, <no-dsa> and <postponed> an open range ('affected'); <end-of-life> an open range with
// unfixedStatus 'end_of_life'; <ignored> one with 'will_not_fix'. An urgency among the notes ('medium') becomes the
// entry's severity. Every advisory is emitted, even one without CVEs or packages (an end-of-life notice): it is
// a document of its own. A line that fits none of these shapes is a warning naming file and line.

import type {
  AdvisoryRecord,
  AffectedPackage,
  AffectedRange,
  AffectedStatus,
  ImportSink,
  Severity,
} from '../advisory.js';
import { compareText } from '../../model/order.js';
import { debianReleaseNumber } from '../debian-releases.js';
import { urgencySeverity } from './debian-tracker-json.js';
import { feedLines } from './feed-input.js';
import { FeedWarnings } from './feed-warnings.js';

const TRACKER_URL = 'https://security-tracker.debian.org/tracker/';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const HEADER = /^\[(\d{1,2}) ([A-Za-z]{3}) (\d{4})\]\s+(\S+)\s*(.*)$/;
const ADVISORY_ID = /^(DSA|DLA)-\d+(?:-\d+)?$/;
const CVE_LINE = /^\s+\{([^}]*)\}\s*$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const RELEASE_LINE = /^\s+\[([A-Za-z0-9-]+)\]\s+-\s+(\S+)\s*(.*)$/;
const NOTE_LINE = /^\s+NOTE:/;
/** A Debian version starts with a digit, of its epoch or upstream version (Debian Policy 5.6.12). */
const DEB_VERSION = /^\d[A-Za-z0-9.+~:-]*$/;

/** What a <tag> in place of a version says of the release; null: not affected. */
const TAGS: Record<string, AffectedStatus | null> = {
  'not-affected': null,
  unfixed: 'affected',
  undetermined: 'affected',
  'no-dsa': 'affected',
  postponed: 'affected',
  'end-of-life': 'end_of_life',
  ignored: 'will_not_fix',
};

interface Pending {
  record: AdvisoryRecord;
  cves: Set<string>;
  /** Entries by release and package, so one package listed twice for a release is one entry with two ranges. */
  entries: Map<string, AffectedPackage>;
}

export async function importDebianList(path: string, sink: ImportSink): Promise<number> {
  const warnings = new FeedWarnings(sink, path);
  let pending: Pending | undefined;
  /** Set after an unreadable header: the lines under it belong to no advisory and were warned about with it. */
  let skipping = false;
  let records = 0;
  let lineNumber = 0;

  const flush = () => {
    if (!pending) return;
    sink.advisory(finish(pending));
    records++;
    pending = undefined;
  };

  for await (const line of feedLines(path)) {
    lineNumber++;
    if (line.trim() === '' || NOTE_LINE.test(line)) continue;
    if (!/^\s/.test(line)) {
      flush();
      const header = parseHeader(line);
      if (typeof header === 'string') {
        warnings.line(lineNumber, `${header}: advisory skipped`);
        skipping = true;
      } else {
        pending = { record: header, cves: new Set(), entries: new Map() };
        skipping = false;
      }
      continue;
    }
    if (skipping) continue;
    if (!pending) {
      warnings.line(lineNumber, 'line before the first advisory header');
      continue;
    }
    const cveLine = CVE_LINE.exec(line);
    if (cveLine) {
      for (const token of cveLine[1]!.split(/\s+/).filter(Boolean)) {
        if (CVE_ID.test(token)) pending.cves.add(token);
        else warnings.line(lineNumber, `${pending.record.id}: ${quote(token)} is not a CVE id`);
      }
      continue;
    }
    const releaseLine = RELEASE_LINE.exec(line);
    if (releaseLine) {
      const problem = addRelease(pending, releaseLine[1]!, releaseLine[2]!, releaseLine[3]!);
      if (problem) warnings.line(lineNumber, `${pending.record.id}: ${problem}`);
      continue;
    }
    warnings.line(lineNumber, `${pending.record.id}: unreadable line ${quote(line.trim())}`);
  }
  flush();
  warnings.finish();
  return records;
}

/** The record a header line opens, or what is wrong with the line. */
function parseHeader(line: string): AdvisoryRecord | string {
  const match = HEADER.exec(line);
  if (!match) return 'not an advisory header ([DD Mon YYYY] DSA-N-M package - title)';
  const [day, month, year, id, rest] = [match[1]!, match[2]!, match[3]!, match[4]!, match[5]!];
  const published = isoDate(day, month, year);
  if (published === undefined) return `${id}: bad date ${day} ${month} ${year}`;
  const kind = ADVISORY_ID.exec(id)?.[1];
  if (kind === undefined) return `${id} is not a DSA or DLA id`;
  const record: AdvisoryRecord = {
    id,
    source: kind === 'DSA' ? 'debian-dsa' : 'debian-dla',
    aliases: [],
    published,
    cvss: [],
    references: [TRACKER_URL + id],
    affected: [],
  };
  const summary = headerSummary(rest);
  if (summary) record.summary = summary;
  return record;
}

/** 'package - title', tidied: old headers write ' -- ', some lead with '- ' or double a space. */
function headerSummary(rest: string): string | undefined {
  const text = rest.replace(/\s+/g, ' ').replace(/ -- /g, ' - ').replace(/^- /, '').trim();
  return text === '' ? undefined : text;
}

function isoDate(day: string, month: string, year: string): string | undefined {
  const m = MONTHS.indexOf(month[0]!.toUpperCase() + month.slice(1).toLowerCase());
  const d = Number(day);
  if (m < 0 || d < 1) return undefined;
  const date = new Date(Date.UTC(Number(year), m, d));
  if (date.getUTCDate() !== d) return undefined; // 31 Feb
  return date.toISOString().slice(0, 10);
}

/** Adds one `[release] - package version-or-tag notes` line; returns its problem when it cannot. */
function addRelease(
  pending: Pending,
  codename: string,
  name: string,
  tail: string,
): string | undefined {
  const release = debianReleaseNumber(codename);
  if (release === undefined) return `unknown release [${codename}]`;
  // Neither ';' nor '(' can be part of a version: either starts the notes, spaced or not.
  const [, first = '', notes = ''] = /^([^\s;(]*)(.*)$/.exec(tail.trim()) ?? [];
  if (first === '') return `no version for ${name} in [${codename}]`;
  let range: AffectedRange;
  let unfixedStatus: AffectedStatus | undefined;
  const tag = /^<([a-z-]+)>$/.exec(first)?.[1];
  if (tag !== undefined) {
    const status = TAGS[tag];
    if (status === undefined) return `unknown tag <${tag}> for ${name} in [${codename}]`;
    if (status === null) return undefined;
    range = { introduced: '0' };
    if (status !== 'affected') unfixedStatus = status;
  } else {
    if (!DEB_VERSION.test(first)) return `bad version ${quote(first)} for ${name} in [${codename}]`;
    range = { introduced: '0', fixed: first };
  }
  const key = `${release}\0${name}`;
  let entry = pending.entries.get(key);
  if (!entry) {
    entry = { ecosystem: 'Debian', release, name, scheme: 'deb', ranges: [], versions: [] };
    pending.entries.set(key, entry);
  }
  if (!entry.ranges.some((r) => r.fixed === range.fixed)) entry.ranges.push(range);
  if (unfixedStatus) entry.unfixedStatus = unfixedStatus;
  const severity = notesSeverity(notes);
  if (severity) entry.severity = severity;
  return undefined;
}

/** An urgency word among the notes: '(medium)', '(bug #322591; medium)', '(medium; bug #327452)'. */
function notesSeverity(notes: string): Severity | undefined {
  for (const part of notes.replace(/[()]/g, '').split(/[;,]/)) {
    const severity = urgencySeverity(part.trim());
    if (severity) return severity;
  }
  return undefined;
}

function finish(pending: Pending): AdvisoryRecord {
  const { record } = pending;
  record.aliases = [...pending.cves].sort();
  record.affected = [...pending.entries.values()].sort(
    (a, b) => Number(a.release) - Number(b.release) || compareText(a.name, b.name),
  );
  for (const entry of record.affected) {
    entry.ranges.sort((a, b) => compareText(a.fixed ?? '', b.fixed ?? ''));
  }
  return record;
}

/** Some text of a bad line for a warning, cut short: a broken file can hold anything. */
function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
