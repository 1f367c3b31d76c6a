// A human summary of a scan report for the terminal: what was scanned, one aligned row per finding, then the counts.
// Plain text, no colour, so that it reads the same in a pipe, a CI log and a golden file (as src/sbom/table.ts).

import type { Finding } from '../model/finding.js';
import type { OsInfo } from '../model/os.js';
import type { ScanReport, VulnerabilityFinding } from '../detect/scan-report.js';
import { SEVERITIES, type Severity } from '../vulndb/advisory.js';
import { alignColumns, labelled } from '../util/text-table.js';
import { locationText, oneLine } from './finding-text.js';

const HEADER = ['PACKAGE', 'VERSION', 'ID', 'SEVERITY', 'STATUS', 'FIXED IN', 'TITLE'];
const FINDINGS_HEADER = ['ID', 'SEVERITY', 'KIND', 'LOCATION', 'TITLE'];
/** Titles are often a whole sentence (NVD descriptions); the row keeps the first words. */
export const TITLE_WIDTH = 60;

/**
 * The header facts; the vulnerability table when the `vuln` scanner ran; the table of secrets, image and Dockerfile
 * findings when there are any (or a line saying none were found, when their scanners ran); the counts. A report of
 * the `vuln` scanner alone reads as it always has: one "Total" line.
 */
export function renderScanTable(report: ScanReport): string {
  const vulnRan = report.scanners.includes('vuln') || report.vulnerabilities.length > 0;
  const otherScanners = report.scanners.filter((s) => s !== 'vuln');
  const withFindings = report.findings.length > 0 || otherScanners.length > 0;
  const shown = report.vulnerabilities.filter((finding) => !finding.suppressed);
  const shownFindings = report.findings.filter((finding) => !finding.suppressed);
  const header: [string, string][] = [
    ['Target', `${report.target.name} (${targetKind(report.target.kind)})`],
  ];
  // Configuration files (`seawall audit`) have no operating system.
  if (report.target.kind !== 'file') header.push(['OS', osName(report.os)]);
  // The database says nothing about a scan that matched nothing against it.
  if (vulnRan)
    header.push(['Database', report.db.updatedAt ? `updated ${report.db.updatedAt}` : 'empty']);
  const lines = [...labelled(header), ''];
  if (vulnRan) {
    if (shown.length === 0) lines.push('No vulnerabilities found.');
    else lines.push(...alignColumns([HEADER, ...shown.map(vulnerabilityRow)]));
  }
  if (withFindings) {
    if (vulnRan) lines.push('');
    if (shownFindings.length > 0) {
      lines.push(...alignColumns([FINDINGS_HEADER, ...shownFindings.map(findingRow)]));
    } else lines.push(noFindings(otherScanners));
  }
  const vulnCounts = counts(shown, report.vulnerabilities.length - shown.length);
  lines.push('');
  if (!withFindings) lines.push(`Total: ${vulnCounts}`);
  else {
    lines.push(
      ...labelled([
        ...(vulnRan ? [['Vulnerabilities', vulnCounts] as [string, string]] : []),
        ['Findings', counts(shownFindings, report.findings.length - shownFindings.length)],
      ]),
    );
  }
  if (report.warnings.length > 0) {
    lines.push(
      '',
      `Warnings (${report.warnings.length}):`,
      ...report.warnings.map((w) => `  ${w}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

function targetKind(kind: ScanReport['target']['kind']): string {
  return { image: 'image', rootfs: 'root filesystem', sbom: 'SBOM', file: 'file' }[kind];
}

function osName(os: OsInfo | undefined): string {
  if (!os) return 'unknown';
  return os.prettyName ?? [os.family, os.version].filter(Boolean).join(' ');
}

function vulnerabilityRow(finding: VulnerabilityFinding): string[] {
  return [
    finding.package.name,
    finding.package.version,
    finding.id,
    finding.severity,
    finding.status,
    finding.fixedVersion ?? '-',
    truncate(oneLine(finding.title ?? '-'), TITLE_WIDTH),
  ];
}

/** "SW-DF-001  medium  dockerfile  Dockerfile:2  FROM golang:latest uses the latest tag" */
function findingRow(finding: Finding): string[] {
  return [
    finding.id,
    finding.severity,
    finding.kind,
    oneLine(locationText(finding.location)),
    truncate(oneLine(finding.title), TITLE_WIDTH),
  ];
}

/** "No secrets or misconfigurations found.", naming what the scanners that ran look for. */
function noFindings(scanners: string[]): string {
  const looked = [
    ...(scanners.includes('secret') ? ['secrets'] : []),
    ...(scanners.includes('config') ? ['misconfigurations'] : []),
  ];
  return looked.length > 0 ? `No ${looked.join(' or ')} found.` : 'No findings.';
}

function truncate(text: string, width: number): string {
  const chars = [...text]; // by code point, so that a surrogate pair is never cut in half
  return chars.length <= width
    ? text
    : `${chars
        .slice(0, width - 3)
        .join('')
        .trimEnd()}...`;
}

/** "5 (critical 0, high 3, medium 1, low 0, negligible 1, unknown 0), 2 suppressed": every level, always. */
function counts(shown: { severity: Severity }[], suppressed: number): string {
  const bySeverity = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const finding of shown)
    bySeverity.set(finding.severity, bySeverity.get(finding.severity)! + 1);
  const levels = SEVERITIES.map((s) => `${s} ${bySeverity.get(s)}`).join(', ');
  return `${shown.length} (${levels}), ${suppressed} suppressed`;
}
