// The one order of findings in every report (docs/scan-json.md): most severe first, then package name, version,
// advisory id and package purl.

import { SEVERITIES, type Severity } from '../../vulndb/advisory.js';
import type { VulnerabilityFinding } from '../scan-report.js';
import { compareText } from '../../model/order.js';

/** Negative when a is more severe than b. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
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
