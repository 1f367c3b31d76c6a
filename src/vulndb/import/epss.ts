// Imports FIRST's EPSS scores (the probability of exploitation in the next 30 days) from the daily CSV, line by line.
// Format: https://www.first.org/epss/data_stats (epss_scores-YYYY-MM-DD.csv.gz: '#model_version:...,score_date:...',
// then the header 'cve,epss,percentile', then one row per CVE). The columns are found by the header's names.

import type { ImportSink } from '../advisory.js';
import { InputError } from '../../errors.js';
import { feedLines } from './feed-input.js';
import { FeedWarnings } from './feed-warnings.js';

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

interface Columns {
  cve: number;
  epss: number;
  percentile: number;
}

/** Without a header row, the order every EPSS file since v1 has used. */
const DEFAULT_COLUMNS: Columns = { cve: 0, epss: 1, percentile: 2 };

export async function importEpss(path: string, sink: ImportSink): Promise<number> {
  const warnings = new FeedWarnings(sink, path);
  let columns: Columns | undefined;
  let count = 0;
  let lineNumber = 0;
  for await (const line of feedLines(path)) {
    lineNumber++;
    if (line.startsWith('#') || line.trim() === '') continue;
    const fields = line.split(',').map((field) => field.trim());
    if (columns === undefined) {
      columns = headerColumns(fields);
      if (columns) continue;
      if (!CVE_ID.test(fields[0] ?? '')) {
        throw new InputError(
          path,
          `line ${lineNumber}: not an EPSS CSV (expected the header cve,epss,percentile)`,
        );
      }
      columns = DEFAULT_COLUMNS;
    }
    const cve = fields[columns.cve] ?? '';
    const score = probability(fields[columns.epss]);
    const percentile = probability(fields[columns.percentile]);
    if (!CVE_ID.test(cve)) {
      warnings.line(lineNumber, `not a CVE id: ${JSON.stringify(cve.slice(0, 40))}`);
    } else if (score === undefined || percentile === undefined) {
      warnings.line(lineNumber, `${cve}: epss and percentile must be numbers from 0 to 1`);
    } else {
      sink.epss({ cve, score, percentile });
      count++;
    }
  }
  warnings.finish();
  return count;
}

function headerColumns(fields: string[]): Columns | undefined {
  const names = fields.map((field) => field.toLowerCase());
  const cve = names.indexOf('cve');
  const epss = names.indexOf('epss');
  const percentile = names.indexOf('percentile');
  return cve >= 0 && epss >= 0 && percentile >= 0 ? { cve, epss, percentile } : undefined;
}

function probability(field: string | undefined): number | undefined {
  if (field === undefined || !/^\d*\.?\d+(e-?\d+)?$/i.test(field)) return undefined;
  const value = Number(field);
  return value >= 0 && value <= 1 ? value : undefined;
}
