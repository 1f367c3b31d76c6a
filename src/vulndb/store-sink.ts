// Writes what an importer reads into the database's tables, through prepared statements inside the caller's
// transaction. Withdrawn advisories are kept without affected rows, so they are listed but never matched.

import type BetterSqlite3 from 'better-sqlite3';
import type { AdvisoryRecord, CveMetrics, EpssScore, ImportSink, KevEntry } from './advisory.js';

/** Long descriptions are not matched on and made the database several times larger: keep the first line's gist. */
const SUMMARY_CHARS = 240;

export class StoreSink implements ImportSink {
  private readonly insertAdvisory: BetterSqlite3.Statement;
  private readonly insertAffected: BetterSqlite3.Statement;
  private readonly insertAlias: BetterSqlite3.Statement;
  private readonly upsertMetrics: BetterSqlite3.Statement;
  private readonly upsertEpss: BetterSqlite3.Statement;
  private readonly upsertKev: BetterSqlite3.Statement;

  constructor(
    db: BetterSqlite3.Database,
    private readonly sourceId: number,
    private readonly onWarning: (message: string) => void,
  ) {
    this.insertAdvisory = db.prepare(
      `INSERT INTO advisories (source_id, advisory_id, feed, aliases, summary, severity, cvss, refs, published, modified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAffected = db.prepare(
      `INSERT INTO affected (advisory, ord, ecosystem, name, release, scheme, ranges, versions, unfixed_status, severity)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAlias = db.prepare('INSERT INTO aliases (alias, advisory) VALUES (?, ?)');
    this.upsertMetrics = db.prepare(
      'INSERT OR REPLACE INTO cve_metrics (cve, source_id, severity, cvss, published) VALUES (?, ?, ?, ?, ?)',
    );
    this.upsertEpss = db.prepare(
      'INSERT OR REPLACE INTO epss (cve, source_id, score, percentile) VALUES (?, ?, ?, ?)',
    );
    this.upsertKev = db.prepare(
      'INSERT OR REPLACE INTO kev (cve, source_id, date_added, due_date, ransomware) VALUES (?, ?, ?, ?, ?)',
    );
  }

  advisory(record: AdvisoryRecord): void {
    const info = this.insertAdvisory.run(
      this.sourceId,
      record.id,
      record.source,
      JSON.stringify(record.aliases),
      summaryOf(record),
      record.severity ?? null,
      JSON.stringify(record.cvss),
      JSON.stringify(record.references),
      record.published ?? null,
      record.modified ?? null,
    );
    const rowid = info.lastInsertRowid;
    for (const alias of record.aliases) this.insertAlias.run(alias, rowid);
    if (record.withdrawn) return;
    for (const [ord, a] of record.affected.entries()) {
      if (a.ranges.length === 0 && a.versions.length === 0) continue;
      this.insertAffected.run(
        rowid,
        ord,
        a.ecosystem,
        a.name,
        a.release,
        a.scheme,
        JSON.stringify(
          a.ranges.map((r) => [r.introduced, r.fixed ?? null, r.lastAffected ?? null]),
        ),
        a.versions.length > 0 ? JSON.stringify(a.versions) : null,
        a.unfixedStatus ?? null,
        a.severity ?? null,
      );
    }
  }

  cveMetrics(m: CveMetrics): void {
    this.upsertMetrics.run(
      m.cve,
      this.sourceId,
      m.severity ?? null,
      JSON.stringify(m.cvss),
      m.published ?? null,
    );
  }

  epss(e: EpssScore): void {
    this.upsertEpss.run(e.cve, this.sourceId, e.score, e.percentile);
  }

  kev(k: KevEntry): void {
    this.upsertKev.run(
      k.cve,
      this.sourceId,
      k.dateAdded,
      k.dueDate ?? null,
      k.knownRansomwareCampaignUse ?? null,
    );
  }

  warn(message: string): void {
    this.onWarning(message);
  }
}

function summaryOf(record: AdvisoryRecord): string | null {
  const text = (record.summary ?? record.details ?? '').trim();
  if (text === '') return null;
  const line = text.split('\n')[0]!.trim();
  return line.length > SUMMARY_CHARS ? `${line.slice(0, SUMMARY_CHARS - 1)}…` : line;
}
