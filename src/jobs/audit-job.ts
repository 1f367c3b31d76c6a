// `seawall audit FILE` as a library function: the file's checks as a scan report (target kind 'file'), rendered by
// the same renderers as `seawall scan`, and the gate's verdict.

import { readFile } from 'node:fs/promises';
import { SCAN_REPORT_SCHEMA_VERSION, type ScanReport } from '../detect/scan-report.js';
import type { Finding } from '../model/finding.js';
import { gateExitCode } from '../policy/gate.js';
import type { ScanFormat } from '../report/formats.js';
import type { Severity } from '../vulndb/advisory.js';
import { VULNDB_SCHEMA_VERSION } from '../vulndb/schema.js';
import { SEAWALL_VERSION } from '../version.js';

/** CycloneDX describes components and their vulnerabilities, not a file's misconfigurations: not offered here. */
export const AUDIT_FORMATS = ['table', 'json', 'sarif', 'junit'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditJobResult {
  text: string;
  report: ScanReport;
  gate: 0 | 1;
}

export async function runAuditJob(
  path: string,
  options: { format: AuditFormat; failOn?: Severity },
): Promise<AuditJobResult> {
  // The Dockerfile parser loads only for an audit, not with every command.
  const { auditFile } = await import('../checks/audit-file.js');
  const { kind, findings } = await auditFile(path);
  const report = auditReport(path, findings);
  const { renderScanReport } = await import('../report/render-scan.js');
  const dockerfile = kind === 'dockerfile' ? path : undefined;
  const text = await renderScanReport(report, options.format as ScanFormat, {
    inventory: {
      target: { input: path, kind: 'rootfs', name: path, layers: [] },
      packages: [],
      warnings: [],
    },
    toolVersion: SEAWALL_VERSION,
    dockerfile,
    dockerfileText: dockerfile ? await readFile(path, 'utf8') : undefined,
  });
  return { text, report, gate: gateExitCode(report.findings, options.failOn) };
}

/** A scan report holding only `findings`, about the file as given. */
export function auditReport(path: string, findings: Finding[]): ScanReport {
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    target: { input: path, kind: 'file', name: path },
    db: { updatedAt: null, schemaVersion: VULNDB_SCHEMA_VERSION, sources: [] },
    packages: [],
    vulnerabilities: [],
    findings,
    scanners: ['config'],
    warnings: [],
  };
}
