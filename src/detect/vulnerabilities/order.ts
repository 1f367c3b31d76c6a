// The one order of findings in every report (docs/scan-json.md): most severe first, then package name, version,
// advisory id and package purl.

import { SEVERITIES, type Severity } from '../../vulndb/advisory.js';
import type { VulnerabilityFinding } from '../scan-report.js';

/** Negative when a is more severe than b. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: VulnerabilityFinding, b: VulnerabilityFinding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    compareText(a.package.name, b.package.name) ||
    compareText(a.package.version, b.package.version) ||
    compareText(a.id, b.id) ||
    compareText(a.package.purl, b.package.purl)
  );
}
