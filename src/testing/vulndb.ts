// Vulnerability databases for tests: the bundled real-data database built once per build (cached under .work/), and
// small databases from hand-picked records.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AdvisoryRecord } from '../vulndb/advisory.js';
import { buildBundledDatabase } from '../vulndb/bundled.js';
import { VulnDatabase } from '../vulndb/database.js';
import { SEAWALL_BUILD } from '../version.js';
import { workArea } from './fixtures.js';

/** The database built from data/advisories, as `seawall scan` builds it on first use. */
export async function bundledTestDb(): Promise<string> {
  const dir = join(workArea, 'vulndb');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bundled-${SEAWALL_BUILD.slice(0, 16)}.db`);
  if (!existsSync(path)) await buildBundledDatabase(path);
  return path;
}

/** A database at `path` holding exactly `records`, imported as one source. */
export async function databaseOf(path: string, records: AdvisoryRecord[]): Promise<VulnDatabase> {
  const db = VulnDatabase.open(path, { create: true });
  await db.replaceSource('test-records', { kind: 'osv' }, async (sink) => {
    records.forEach((r) => sink.advisory(r));
    return records.length;
  });
  return db;
}
