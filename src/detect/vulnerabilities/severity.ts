// A finding's severity: the vendor's own rating first (the distribution or the ecosystem's advisory database), then
// NVD's CVSS, then 'unknown'; the source is named so a reader knows whose judgement it is.

import type { CvssScore, Severity } from '../../vulndb/advisory.js';
import { severityOfScore } from '../../vulndb/cvss.js';
import type { AdvisoryRow, CveFacts } from '../../vulndb/database.js';

export interface RatedSeverity {
  severity: Severity;
  source: string;
}

/** Advisory id prefixes and the organisation that publishes them. */
const VENDOR_BY_PREFIX: Readonly<Record<string, string>> = {
  DSA: 'debian',
  DLA: 'debian',
  DEBIAN: 'debian',
  GHSA: 'ghsa',
  PYSEC: 'pypa',
  GO: 'go',
  RUSTSEC: 'rustsec',
  USN: 'ubuntu',
  UBUNTU: 'ubuntu',
  ALPINE: 'alpine',
  CVE: 'cve',
};

/** The organisation behind an advisory, from its feed or id prefix: 'debian', 'alpine', 'ghsa', 'pypa', 'go'. */
export function vendorOf(advisory: Pick<AdvisoryRow, 'id' | 'feed'>): string {
  if (advisory.feed.startsWith('debian')) return 'debian';
  if (advisory.feed.startsWith('alpine')) return 'alpine';
  const dash = advisory.id.indexOf('-');
  const prefix = (dash < 0 ? advisory.id : advisory.id.slice(0, dash)).toUpperCase();
  return VENDOR_BY_PREFIX[prefix] ?? prefix.toLowerCase();
}

/** The CVSS score to rate by: the newest version that carries a score. */
export function bestCvss(scores: readonly CvssScore[]): CvssScore | undefined {
  return [...scores]
    .filter((s) => s.score !== undefined)
    .sort((a, b) => b.version.localeCompare(a.version) || a.source.localeCompare(b.source))[0];
}

export function rateSeverity(
  packageSeverity: Severity | null,
  advisory: AdvisoryRow,
  nvd: CveFacts | undefined,
): RatedSeverity {
  const vendor = vendorOf(advisory);
  if (packageSeverity) return { severity: packageSeverity, source: vendor };
  if (advisory.severity) return { severity: advisory.severity, source: vendor };
  const own = bestCvss(advisory.cvss);
  if (own?.score !== undefined) return { severity: severityOfScore(own.score), source: own.source };
  if (nvd?.severity) return { severity: nvd.severity, source: 'nvd' };
  const nvdScore = bestCvss(nvd?.cvss ?? []);
  if (nvdScore?.score !== undefined)
    return { severity: severityOfScore(nvdScore.score), source: 'nvd' };
  return { severity: 'unknown', source: 'none' };
}
