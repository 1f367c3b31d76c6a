// The vulnerability database: one SQLite file (better-sqlite3) holding every imported feed, opened read-only to match
// and read-write to import. A file of another schema version, another application or a corrupt one is refused.

import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { InputError, messageOf } from '../errors.js';
import type { CvssScore, ImportSink, Severity } from './advisory.js';
import { SCHEMA_SQL, VULNDB_APPLICATION_ID, VULNDB_SCHEMA_VERSION } from './schema.js';
import { StoreSink } from './store-sink.js';

// Loaded on first use: commands that never open the database (sbom) do not pay for the native module.
let sqlite: typeof BetterSqlite3 | undefined;
function sqliteModule(): typeof BetterSqlite3 {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return sqlite;
}

const MMAP_BYTES = 1024 ** 3;
const CACHE_KIB = 64 * 1024;

const REBUILD_HINT =
  'rebuild it with `seawall db update` (or delete it to start again from the bundled database)';

export interface SourceStatus {
  location: string;
  kind: string;
  importedAt: string;
  records: number;
  etag?: string;
  lastModified?: string;
  sha256?: string;
}

export interface DatabaseStatus {
  path: string;
  schemaVersion: number;
  /** When the last import or update finished, or null for a database nothing was imported into. */
  updatedAt: string | null;
  sources: SourceStatus[];
  counts: { advisories: number; affected: number; cveMetrics: number; epss: number; kev: number };
}

/** One affected-package row, as the matcher reads it. */
export interface AffectedRow {
  advisory: number;
  scheme: string;
  /** [introduced, fixed, lastAffected] triples. */
  ranges: [string, string | null, string | null][];
  versions: string[] | null;
  unfixedStatus: string | null;
  severity: Severity | null;
}

export interface AdvisoryRow {
  rowid: number;
  id: string;
  feed: string;
  aliases: string[];
  summary: string | null;
  severity: Severity | null;
  cvss: CvssScore[];
  references: string[];
  /** When the feed says the advisory was published (ISO-8601). */
  published: string | null;
}

export interface CveFacts {
  severity: Severity | null;
  cvss: CvssScore[];
  epss?: { score: number; percentile: number };
  kev?: { dateAdded: string };
}

export interface ImportMeta {
  kind: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
}

export interface OpenOptions {
  /** Create the file (and its directory) when it does not exist. */
  create?: boolean;
  readonly?: boolean;
}

export class VulnDatabase {
  private readonly lookupStmt: BetterSqlite3.Statement;
  private advisoryStmt?: BetterSqlite3.Statement;
  private cveStmt?: BetterSqlite3.Statement;
  private hasCveFacts?: boolean;

  private constructor(
    readonly path: string,
    private readonly db: BetterSqlite3.Database,
  ) {
    this.lookupStmt = db
      .prepare(
        `SELECT entries FROM package_index WHERE ecosystem = ? AND name = ? AND release IN (?, '')`,
      )
      .pluck();
  }

  static open(path: string, options: OpenOptions = {}): VulnDatabase {
    const exists = existsSync(path);
    if (!exists && !options.create)
      throw new InputError(
        path,
        'no vulnerability database here; create one with `seawall db update` or `seawall db import`',
      );
    if (!exists) mkdirSync(dirname(path), { recursive: true });
    let db: BetterSqlite3.Database;
    try {
      db = new (sqliteModule())(path, {
        readonly: !!options.readonly && exists,
        fileMustExist: exists,
      });
    } catch (err) {
      throw new InputError(path, `cannot open the vulnerability database (${messageOf(err)})`);
    }
    try {
      if (!exists) initialise(db);
      else checkIdentity(db, path);
      // Lookups jump around a file of hundreds of megabytes: map it, and keep more of it in SQLite's own cache.
      // Imports stay with SQLite's defaults, where mapped pages would only add to their memory.
      if (options.readonly) {
        db.pragma(`mmap_size = ${MMAP_BYTES}`);
        db.pragma(`cache_size = -${CACHE_KIB}`);
      }
      return new VulnDatabase(path, db);
    } catch (err) {
      db.close();
      throw isSqliteError(err) ? corrupt(path, err) : err;
    }
  }

  close(): void {
    this.db.close();
  }

  /**
   * Runs many reads as one: SQLite otherwise takes and drops its file lock around every statement, which cost a
   * scan of thousands of packages most of its time. Nests: an inner call just runs.
   */
  read<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).deferred();
  }

  /** The affected-package rows for one package, on its release and on every release. */
  lookup(ecosystem: string, name: string, release: string): AffectedRow[] {
    const packed = this.guard(() => this.lookupStmt.all(ecosystem, name, release)) as string[];
    const rows: AffectedRow[] = [];
    for (const text of packed)
      for (const e of JSON.parse(text) as unknown[][])
        rows.push({
          advisory: e[0] as number,
          scheme: e[1] as string,
          ranges: e[2] as AffectedRow['ranges'],
          versions: (e[3] ?? null) as string[] | null,
          unfixedStatus: (e[4] ?? null) as string | null,
          severity: (e[5] ?? null) as Severity | null,
        });
    return rows;
  }

  advisory(rowid: number): AdvisoryRow {
    // Rows as arrays: building an object per row cost a large scan a third of its matching time.
    this.advisoryStmt ??= this.db
      .prepare(
        'SELECT advisory_id, feed, aliases, summary, severity, cvss, refs, published FROM advisories WHERE id = ?',
      )
      .raw(true);
    const r = this.guard(() => this.advisoryStmt!.get(rowid)) as unknown[];
    return {
      rowid,
      id: r[0] as string,
      feed: r[1] as string,
      aliases: JSON.parse(r[2] as string) as string[],
      summary: r[3] as string | null,
      severity: r[4] as Severity | null,
      cvss: JSON.parse(r[5] as string) as CvssScore[],
      references: JSON.parse(r[6] as string) as string[],
      published: r[7] as string | null,
    };
  }

  /** NVD metrics, EPSS and KEV facts for one CVE id, each when imported. */
  cveFacts(cve: string): CveFacts | undefined {
    // A database without NVD, EPSS or KEV data (the bundled one) answers without a query per finding.
    this.hasCveFacts ??= this.guard(
      () =>
        this.db
          .prepare(
            'SELECT EXISTS (SELECT 1 FROM cve_metrics) OR EXISTS (SELECT 1 FROM epss) OR EXISTS (SELECT 1 FROM kev)',
          )
          .pluck()
          .get() === 1,
    );
    if (!this.hasCveFacts) return undefined;
    this.cveStmt ??= this.db
      .prepare(
        `SELECT (SELECT severity FROM cve_metrics WHERE cve = $cve), (SELECT cvss FROM cve_metrics WHERE cve = $cve),
                (SELECT score FROM epss WHERE cve = $cve), (SELECT percentile FROM epss WHERE cve = $cve),
                (SELECT date_added FROM kev WHERE cve = $cve)`,
      )
      .raw(true);
    const [severity, cvss, score, percentile, dateAdded] = this.guard(() =>
      this.cveStmt!.get({ cve }),
    ) as [Severity | null, string | null, number | null, number | null, string | null];
    if (cvss === null && score === null && dateAdded === null) return undefined;
    const facts: CveFacts = {
      severity,
      cvss: cvss === null ? [] : (JSON.parse(cvss) as CvssScore[]),
    };
    if (score !== null && percentile !== null) facts.epss = { score, percentile };
    if (dateAdded !== null) facts.kev = { dateAdded };
    return facts;
  }

  /** Advisory row ids whose own id or an alias is `id` (for lookups by CVE). */
  advisoriesNamed(id: string): number[] {
    const rows = this.guard(() =>
      this.db
        .prepare(
          'SELECT id FROM advisories WHERE advisory_id = ? UNION SELECT advisory FROM aliases WHERE alias = ?',
        )
        .pluck()
        .all(id, id),
    ) as number[];
    return rows.sort((a, b) => a - b);
  }

  status(): DatabaseStatus {
    return this.guard(() => {
      const count = (table: string): number =>
        this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const sources = (
        this.db
          .prepare(
            'SELECT location, kind, imported_at, records, etag, last_modified, sha256 FROM sources ORDER BY location',
          )
          .all() as Record<string, string | number | null>[]
      ).map((r) => {
        const s: SourceStatus = {
          location: r.location as string,
          kind: r.kind as string,
          importedAt: r.imported_at as string,
          records: r.records as number,
        };
        if (r.etag) s.etag = r.etag as string;
        if (r.last_modified) s.lastModified = r.last_modified as string;
        if (r.sha256) s.sha256 = r.sha256 as string;
        return s;
      });
      return {
        path: this.path,
        schemaVersion: VULNDB_SCHEMA_VERSION,
        updatedAt: this.meta('updated_at') ?? null,
        sources,
        counts: {
          advisories: count('advisories'),
          affected: count('affected'),
          cveMetrics: count('cve_metrics'),
          epss: count('epss'),
          kev: count('kev'),
        },
      };
    });
  }

  source(location: string): SourceStatus | undefined {
    return this.status().sources.find((s) => s.location === location);
  }

  /**
   * Replaces everything one input imported before with what `fill` writes now, in one transaction: an import that
   * throws leaves the database as it was. `fill` returns the number of records it imported.
   */
  async replaceSource(
    location: string,
    meta: ImportMeta,
    fill: (sink: ImportSink) => Promise<number>,
    now: Date = new Date(),
    onWarning?: (message: string) => void,
  ): Promise<number> {
    const db = this.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      this.startTouched();
      const sourceId = this.resetSource(location, meta, now);
      const sink = new StoreSink(db, sourceId, onWarning ?? (() => undefined));
      const records = await fill(sink);
      this.markTouched(sourceId);
      this.reindexTouched();
      db.prepare('UPDATE sources SET records = ? WHERE id = ?').run(records, sourceId);
      this.setMeta('updated_at', now.toISOString());
      db.exec('COMMIT');
      return records;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Records the kind detected while importing (known only once the import has read the source). */
  setSourceKind(location: string, kind: string): void {
    this.db.prepare('UPDATE sources SET kind = ? WHERE location = ?').run(kind, location);
  }

  /** Drops one source and everything it imported. */
  removeSource(location: string): void {
    const id = this.db
      .prepare('SELECT id FROM sources WHERE location = ?')
      .pluck()
      .get(location) as number | undefined;
    if (id === undefined) return;
    const tx = this.db.transaction(() => {
      this.startTouched();
      this.deleteRowsOf(id);
      this.reindexTouched();
      this.db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    });
    tx();
  }

  /** Marks the database as checked against its sources now (an update that found nothing new). */
  touch(now: Date = new Date()): void {
    this.setMeta('updated_at', now.toISOString());
  }

  private resetSource(location: string, meta: ImportMeta, now: Date): number {
    const db = this.db;
    const old = db.prepare('SELECT id FROM sources WHERE location = ?').pluck().get(location) as
      number | undefined;
    if (old !== undefined) {
      this.deleteRowsOf(old);
      db.prepare(
        'UPDATE sources SET kind = ?, imported_at = ?, records = 0, etag = ?, last_modified = ?, sha256 = ? WHERE id = ?',
      ).run(
        meta.kind,
        now.toISOString(),
        meta.etag ?? null,
        meta.lastModified ?? null,
        meta.sha256 ?? null,
        old,
      );
      return old;
    }
    const info = db
      .prepare(
        'INSERT INTO sources (location, kind, imported_at, records, etag, last_modified, sha256) VALUES (?, ?, ?, 0, ?, ?, ?)',
      )
      .run(
        location,
        meta.kind,
        now.toISOString(),
        meta.etag ?? null,
        meta.lastModified ?? null,
        meta.sha256 ?? null,
      );
    return Number(info.lastInsertRowid);
  }

  /** Packages whose entries an import changes, collected so only they are re-indexed. */
  private startTouched(): void {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS touched (ecosystem TEXT, name TEXT, release TEXT, PRIMARY KEY (ecosystem, name, release)) WITHOUT ROWID; DELETE FROM temp.touched;',
    );
  }

  private markTouched(sourceId: number): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO temp.touched SELECT DISTINCT ecosystem, name, release FROM affected
         WHERE advisory IN (SELECT id FROM advisories WHERE source_id = ?)`,
      )
      .run(sourceId);
  }

  /** Rebuilds the package_index rows of the touched packages from `affected`, in its key order (deterministic). */
  private reindexTouched(): void {
    this.db.exec(`
      DELETE FROM package_index WHERE (ecosystem, name, release) IN (SELECT ecosystem, name, release FROM temp.touched);
      INSERT INTO package_index (ecosystem, name, release, entries)
        SELECT a.ecosystem, a.name, a.release,
               json_group_array(json_array(a.advisory, a.scheme, json(a.ranges), json(a.versions), a.unfixed_status, a.severity))
        FROM temp.touched t JOIN affected a ON a.ecosystem = t.ecosystem AND a.name = t.name AND a.release = t.release
        GROUP BY a.ecosystem, a.name, a.release;
      DELETE FROM temp.touched;`);
  }

  private deleteRowsOf(sourceId: number): void {
    this.markTouched(sourceId);
    const inSource = 'SELECT id FROM advisories WHERE source_id = ?';
    this.db.prepare(`DELETE FROM aliases WHERE advisory IN (${inSource})`).run(sourceId);
    this.db.prepare(`DELETE FROM affected WHERE advisory IN (${inSource})`).run(sourceId);
    for (const table of ['advisories', 'cve_metrics', 'epss', 'kev'])
      this.db.prepare(`DELETE FROM ${table} WHERE source_id = ?`).run(sourceId);
  }

  private meta(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as
      string | undefined;
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  /** SQLite's corruption errors surface on the query that meets the damage: one clear line, not a stack. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw isSqliteError(err) ? corrupt(this.path, err) : err;
    }
  }
}

function initialise(db: BetterSqlite3.Database): void {
  db.exec(SCHEMA_SQL);
  db.pragma(`application_id = ${VULNDB_APPLICATION_ID}`);
  db.pragma(`user_version = ${VULNDB_SCHEMA_VERSION}`);
}

function checkIdentity(db: BetterSqlite3.Database, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== VULNDB_APPLICATION_ID)
    throw new InputError(path, `not a Seawall vulnerability database; ${REBUILD_HINT}`);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== VULNDB_SCHEMA_VERSION)
    throw new InputError(
      path,
      `vulnerability database schema version ${version}, this Seawall reads version ${VULNDB_SCHEMA_VERSION}; ${REBUILD_HINT}`,
    );
}

function isSqliteError(err: unknown): boolean {
  return String((err as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_');
}

function corrupt(path: string, err: unknown): InputError {
  return new InputError(
    path,
    `the vulnerability database is damaged (${messageOf(err)}); ${REBUILD_HINT}`,
    { cause: err },
  );
}
