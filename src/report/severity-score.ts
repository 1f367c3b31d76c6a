// Severity as a number, for formats that rank by one: SARIF's `security-severity` (GitHub code scanning reads it as
// critical over 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9) and CVSS ratings. CVSS: https://www.first.org/cvss/

import { SEVERITIES, type CvssScore, type Severity } from '../vulndb/advisory.js';
import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { compareText } from '../model/order.js';

/**
 * The score written for a finding no CVSS score rates: a point inside the band GitHub gives each level, so that it
 * files the alert under the same level Seawall shows. Debian's "unimportant" (negligible) and unrated findings get 0.0.
 */
export const SEVERITY_SCORES: Readonly<Record<Severity, number>> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
  negligible: 0.0,
  unknown: 0.0,
};

/** Most severe first, as SEVERITIES lists them. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

/** The most severe of `severities`, or undefined for none. */
export function mostSevere(severities: Iterable<Severity>): Severity | undefined {
  let best: Severity | undefined;
  for (const severity of severities) {
    if (best === undefined || compareSeverity(severity, best) < 0) best = severity;
  }
  return best;
}

/**
 * The CVSS score that speaks for a finding: among those with a base score, the newest CVSS version (a v2 score
 * rates on another scale), then the one by whoever rated the finding's severity, then the highest.
 */
export function bestCvss(
  finding: Pick<VulnerabilityFinding, 'cvss' | 'severitySource'>,
): CvssScore | undefined {
  const scored = finding.cvss.filter((c) => c.score !== undefined && Number.isFinite(c.score));
  return scored.sort(
    (a, b) =>
      Number(b.version) - Number(a.version) ||
      Number(b.source === finding.severitySource) - Number(a.source === finding.severitySource) ||
      b.score! - a.score! ||
      compareText(a.source, b.source) ||
      compareText(a.vector, b.vector),
  )[0];
}

/** 0.0-10.0: the best CVSS score, else the level's score (SEVERITY_SCORES). */
export function securitySeverity(
  finding: Pick<VulnerabilityFinding, 'cvss' | 'severitySource' | 'severity'>,
): number {
  const score = bestCvss(finding)?.score;
  return score === undefined ? SEVERITY_SCORES[finding.severity] : Math.min(10, Math.max(0, score));
}

/**
 * The qualitative rating of a CVSS base score: v3.x and v4.0 per their specifications (none 0.0, low 0.1-3.9,
 * medium 4.0-6.9, high 7.0-8.9, critical 9.0-10.0); v2 per NVD (low 0.0-3.9, medium 4.0-6.9, high 7.0-10.0).
 */
export function cvssRating(
  score: number,
  version: string,
): 'none' | 'low' | 'medium' | 'high' | 'critical' {
  if (version.startsWith('2')) return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'none';
}
