// `seawall db update`: fetches every configured feed (conditional GET, checksum verified) into a copy of the
// database and swaps the copy into place with one rename, so a failed or interrupted update leaves the previous
// database as it was.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { VulnDatabase } from './database.js';
import { closeFeedConnections, downloadName, fetchFeed, fetchText } from './fetch-feed.js';
import { importPath } from './import/import-path.js';
import type { FeedSource } from './sources-config.js';

export interface UpdateOptions {
  offline?: boolean;
  now?: Date;
  onWarning?: (message: string) => void;
  onProgress?: (message: string) => void;
}

export interface SourceUpdate {
  url: string;
  /** 'updated' (fetched and imported), 'unchanged' (the server answered 304). */
  outcome: 'updated' | 'unchanged';
  records?: number;
}

export async function updateDatabase(
  dbPath: string,
  sources: readonly FeedSource[],
  options: UpdateOptions = {},
): Promise<SourceUpdate[]> {
  if (options.offline)
    throw new InputError(
      dbPath,
      'db update needs the network; with --offline use `seawall db import FILE` for local feeds',
    );
  mkdirSync(dirname(dbPath), { recursive: true });
  const next = `${dbPath}.${process.pid}.update`;
  const scratch = mkdtempSync(join(tmpdir(), 'seawall-update-'));
  rmSync(next, { force: true });
  try {
    if (existsSync(dbPath)) {
      // Opening checks the schema: an update never builds on a database it cannot read.
      VulnDatabase.open(dbPath, { readonly: true }).close();
      copyFileSync(dbPath, next);
    }
    const db = VulnDatabase.open(next, { create: true });
    const results: SourceUpdate[] = [];
    try {
      for (const [i, source] of sources.entries()) {
        options.onProgress?.(`db update: ${source.url}`);
        results.push(
          await updateSource(db, source, join(scratch, downloadName(source.url, i)), options),
        );
      }
      // The bundled starter set is superseded once real feeds are in.
      for (const s of db.status().sources)
        if (s.location.startsWith('bundled:')) db.removeSource(s.location);
      db.touch(options.now);
    } finally {
      db.close();
    }
    renameSync(next, dbPath);
    return results;
  } finally {
    rmSync(next, { force: true });
    rmSync(scratch, { recursive: true, force: true });
    await closeFeedConnections();
  }
}

async function updateSource(
  db: VulnDatabase,
  source: FeedSource,
  file: string,
  options: UpdateOptions,
): Promise<SourceUpdate> {
  const known = db.source(source.url);
  const fetched = await fetchFeed(source.url, file, {
    etag: known?.etag,
    lastModified: known?.lastModified,
  });
  if (!fetched.changed) return { url: source.url, outcome: 'unchanged' };
  const expected =
    source.sha256 ?? (source.checksumUrl ? await checksumFrom(source.checksumUrl) : undefined);
  if (expected && expected !== fetched.sha256)
    throw new InputError(
      source.url,
      `checksum mismatch: expected sha256 ${expected}, got ${fetched.sha256}; the previous database is kept`,
    );
  let kind: string = source.kind ?? 'detecting';
  const records = await db.replaceSource(
    source.url,
    { kind, etag: fetched.etag, lastModified: fetched.lastModified, sha256: fetched.sha256 },
    async (sink) => {
      const result = await importPath(fetched.file, sink, source.kind);
      kind = result.kind;
      return result.records;
    },
    options.now,
    options.onWarning,
  );
  db.setSourceKind(source.url, kind);
  rmSync(fetched.file, { force: true });
  return { url: source.url, outcome: 'updated', records };
}

async function checksumFrom(url: string): Promise<string> {
  const token = /\b[0-9a-f]{64}\b/i.exec(await fetchText(url))?.[0];
  if (!token) throw new InputError(url, 'no SHA-256 checksum in the checksum file');
  return token.toLowerCase();
}
