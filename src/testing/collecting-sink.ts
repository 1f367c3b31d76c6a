// An in-memory ImportSink for importer tests: keeps everything an importer emits, in order.
// The sink contract is `ImportSink` in src/vulndb/advisory.ts.

import type {
  AdvisoryRecord,
  CveMetrics,
  EpssScore,
  ImportSink,
  KevEntry,
} from '../vulndb/advisory.js';

export class CollectingSink implements ImportSink {
  readonly advisories: AdvisoryRecord[] = [];
  readonly metrics: CveMetrics[] = [];
  readonly scores: EpssScore[] = [];
  readonly kevEntries: KevEntry[] = [];
  readonly warnings: string[] = [];

  advisory(record: AdvisoryRecord): void {
    this.advisories.push(record);
  }
  cveMetrics(metrics: CveMetrics): void {
    this.metrics.push(metrics);
  }
  epss(score: EpssScore): void {
    this.scores.push(score);
  }
  kev(entry: KevEntry): void {
    this.kevEntries.push(entry);
  }
  warn(message: string): void {
    this.warnings.push(message);
  }

  /** The one advisory with this id (and package, when several share the id); fails loudly otherwise. */
  byId(id: string, name?: string): AdvisoryRecord {
    const found = this.advisories.filter(
      (r) => r.id === id && (name === undefined || r.affected.some((a) => a.name === name)),
    );
    if (found.length !== 1)
      throw new Error(
        `expected one advisory ${id}${name ? ` of ${name}` : ''}, found ${found.length}`,
      );
    return found[0]!;
  }
}
