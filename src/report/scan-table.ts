// A human summary of a scan report for the terminal: what was scanned, one aligned row per finding, then the counts.
// Plain text, no colour, so that it reads the same in a pipe, a CI log and a golden file (as src/sbom/table.ts).

import type { OsInfo } from '../model/os.js';
import type { ScanReport, VulnerabilityFinding } from '../detect/scan-report.js';
import { SEVERITIES, type Severity } from '../vulndb/advisory.js';
import { alignColumns, labelled } from '../util/text-table.js';

const HEADER = ['PACKAGE', 'VERSION', 'ID', 'SEVERITY', 'STATUS', 'FIXED IN', 'TITLE'];
/** Titles are often a whole sentence (NVD descriptions); the row keeps the first words. */
export const TITLE_WIDTH = 60;

export function renderScanTable(report: ScanReport): string {
  const shown = report.vulnerabilities.filter((finding) => !finding.suppressed);
  const suppressed = report.vulnerabilities.length - shown.length;
  const lines = [
    ...labelled([
      ['Target', `${report.target.name} (${targetKind(report.target.kind)})`],
      ['OS', osName(report.os)],
      ['Database', report.db.updatedAt ? `updated ${report.db.updatedAt}` : 'empty'],
    ]),
    '',
  ];
  if (shown.length === 0) lines.push('No vulnerabilities found.');
  else lines.push(...alignColumns([HEADER, ...shown.map(findingRow)]));
  lines.push('', summary(shown, suppressed));
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
  return { image: 'image', rootfs: 'root filesystem', sbom: 'SBOM' }[kind];
}

function osName(os: OsInfo | undefined): string {
  if (!os) return 'unknown';
  return os.prettyName ?? [os.family, os.version].filter(Boolean).join(' ');
}

function findingRow(finding: VulnerabilityFinding): string[] {
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

/** Feed titles may hold newlines and tabs, which would break the row. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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

/** "Total: 5 (critical 0, high 3, medium 1, low 0, negligible 1, unknown 0), 2 suppressed": every level, always. */
function summary(shown: VulnerabilityFinding[], suppressed: number): string {
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const finding of shown) counts.set(finding.severity, counts.get(finding.severity)! + 1);
  const bySeverity = SEVERITIES.map((s) => `${s} ${counts.get(s)}`).join(', ');
  return `Total: ${shown.length} (${bySeverity}), ${suppressed} suppressed`;
}
