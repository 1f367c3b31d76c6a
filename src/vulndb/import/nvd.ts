// Imports NVD's CVSS metrics of each CVE from the CVE API 2.0 JSON: a saved API response or a 2.0 feed file.
// Format: https://nvd.nist.gov/developers/vulnerabilities ({ format: 'NVD_CVE', vulnerabilities: [{ cve }] }).
//
// Each element of `vulnerabilities` is read alone. Of `metrics.cvssMetricV40/V31/V30/V2`, the 'Primary' entries
// (NVD's own analysis, source 'nvd') are kept; for a CVSS version NVD has not scored, the 'Secondary' entries (the
// CNA's, e.g. Red Hat's for CVE-2024-3094) are kept instead, their source the CNA's identifier, so a CVE waiting in
// NVD's analysis backlog still has its scores. Scores are listed newest CVSS version first, then by source; the
// severity is the base severity of the newest version kept. NVD's "NONE" (score 0.0) is 'negligible'.

import type { CveMetrics, CvssScore, ImportSink, Severity } from '../advisory.js';
import { compareText } from '../../model/order.js';
import { cvss3BaseScore, severityOfScore } from '../cvss.js';
import type { FeedWarnings } from './feed-warnings.js';
import { importVulnerabilitiesArray, jsonObject, jsonText } from './json-values.js';

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
/** The metric lists, newest CVSS version first, with the version each holds. */
const METRIC_KEYS = [
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV2', '2.0'],
] as const;

const SEVERITIES: Readonly<Record<string, Severity>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  NONE: 'negligible',
};

export async function importNvd(path: string, sink: ImportSink): Promise<number> {
  return importVulnerabilitiesArray(path, sink, 'an NVD CVE API 2.0 file', nvdMetrics, (item) =>
    sink.cveMetrics(item),
  );
}

function nvdMetrics(value: unknown, where: string, warnings: FeedWarnings): CveMetrics | undefined {
  const cve = jsonObject(jsonObject(value)?.cve);
  const id = jsonText(cve?.id);
  if (!cve || id === undefined || !CVE_ID.test(id)) {
    warnings.record(where, 'no cve.id: skipped');
    return undefined;
  }
  const result: CveMetrics = { cve: id, cvss: [] };
  const published = jsonText(cve.published);
  if (published !== undefined) result.published = utcTimestamp(published);
  const description = englishDescription(cve.descriptions);
  if (description !== undefined) result.description = description;

  const metrics = jsonObject(cve.metrics) ?? {};
  for (const [key, version] of METRIC_KEYS) {
    const entries = Array.isArray(metrics[key]) ? (metrics[key] as unknown[]) : [];
    const scored: Scored[] = [];
    for (const entry of entries) {
      const s = scoreOf(entry, version);
      if (s) scored.push(s);
      else warnings.record(id, `a ${key} entry without a vector: skipped`);
    }
    const primary = scored.filter((s) => s.primary);
    const kept = (primary.length > 0 ? primary : scored).sort((a, b) =>
      compareText(a.cvss.source, b.cvss.source),
    );
    for (const s of kept) result.cvss.push(s.cvss);
    if (result.severity === undefined) result.severity = kept.find((s) => s.severity)?.severity;
  }
  if (result.severity === undefined) delete result.severity;
  return result;
}

interface Scored {
  cvss: CvssScore;
  primary: boolean;
  severity?: Severity;
}

function scoreOf(entry: unknown, listVersion: string): Scored | undefined {
  const metric = jsonObject(entry);
  const data = jsonObject(metric?.cvssData);
  const vector = jsonText(data?.vectorString);
  if (!metric || !data || vector === undefined) return undefined;
  const version = jsonText(data.version) ?? listVersion;
  const primary = metric.type === 'Primary';
  const cvss: CvssScore = {
    version,
    vector,
    source: primary ? 'nvd' : (jsonText(metric.source) ?? 'unknown'),
  };
  let score = typeof data.baseScore === 'number' ? data.baseScore : undefined;
  if (score === undefined && version.startsWith('3.')) score = cvss3BaseScore(vector);
  if (score !== undefined) cvss.score = score;
  // CVSS v2 keeps its severity beside cvssData, later versions inside it.
  const rated = jsonText(data.baseSeverity) ?? jsonText(metric.baseSeverity);
  let severity = rated === undefined ? undefined : SEVERITIES[rated.toUpperCase()];
  if (severity === undefined && score !== undefined && version !== '2.0')
    severity = severityOfScore(score);
  return severity === undefined ? { cvss, primary } : { cvss, primary, severity };
}

function englishDescription(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) {
    const description = jsonObject(item);
    if (description?.lang === 'en') return jsonText(description.value);
  }
  return undefined;
}

/** NVD writes UTC timestamps without a zone ('2024-03-29T17:15:21.150'); the Z makes them unambiguous ISO 8601. */
function utcTimestamp(text: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
}
