// Imports one advisory feed file (or OSV directory or zip) into a sink, detecting its format unless told it.
// The formats and their importers: see detect-feed.ts and each importer's header.

import type { ImportSink } from '../advisory.js';
import { importAlpineSecdb } from './alpine-secdb.js';
import { importDebianList } from './debian-list.js';
import { importDebianTrackerJson } from './debian-tracker-json.js';
import { detectFeed, type FeedKind } from './detect-feed.js';
import { importEpss } from './epss.js';
import { importKev } from './kev.js';
import { importNvd } from './nvd.js';
import { importOsv } from './osv-files.js';

const IMPORTERS: Readonly<Record<FeedKind, (path: string, sink: ImportSink) => Promise<number>>> = {
  osv: (path, sink) => importOsv(path, sink),
  'debian-tracker-json': importDebianTrackerJson,
  'debian-list': importDebianList,
  'alpine-secdb': importAlpineSecdb,
  nvd: importNvd,
  epss: importEpss,
  kev: importKev,
};

/**
 * Imports `path` as `kind`, or as what `detectFeed` finds. `records` counts what reached the sink: advisories, or
 * CVE metrics, EPSS scores or KEV entries for those feeds. Unreadable or unrecognised input throws `InputError`.
 */
export async function importPath(
  path: string,
  sink: ImportSink,
  kind?: FeedKind,
): Promise<{ kind: FeedKind; records: number }> {
  const detected = kind ?? (await detectFeed(path));
  const records = await IMPORTERS[detected](path, sink);
  return { kind: detected, records };
}
