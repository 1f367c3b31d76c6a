// `seawall audit FILE|DIR|-...` as a library function: every file's checks in one scan report (target kind 'file'),
// exceptions applied, rendered by the same renderers as `seawall scan`, and the gate's verdict.

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

/**
 * Which checks run: `all` (the default: Dockerfile rules, CIS section 5 controls and the restricted Pod Security
 * Standard, which includes baseline), exactly one Pod Security level and nothing else, or the CIS controls.
 */
export const AUDIT_PROFILES = ['all', 'pss-baseline', 'pss-restricted', 'cis-docker'] as const;
export type AuditProfile = (typeof AUDIT_PROFILES)[number];

export interface AuditJobOptions {
  format: AuditFormat;
  failOn?: Severity;
  profile?: AuditProfile;
  /** An exceptions file (docs/config-exceptions.md). */
  exceptionsFile?: string;
  /** "Now", for expiry of exceptions (tests pin it). */
  now?: Date;
}

export interface AuditJobResult {
  text: string;
  report: ScanReport;
  gate: 0 | 1;
}

export async function runAuditJob(
  inputs: readonly string[],
  options: AuditJobOptions,
): Promise<AuditJobResult> {
  // The parsers (Dockerfile, YAML readers, checks) load only for an audit, not with every command.
  const { auditInputs } = await import('../checks/audit-file.js');
  const { auditFiles } = await import('../checks/audit-pool.js');
  const { compareFindingsOfChecks } = await import('../checks/order.js');
  const files = await auditInputs(inputs);
  const exceptions = options.exceptionsFile
    ? (await import('../policy/config-exceptions.js')).loadConfigExceptions(options.exceptionsFile)
    : undefined;
  let findings: Finding[] = [];
  const dockerfiles: string[] = [];
  const results = await auditFiles(files, options.profile ?? 'all');
  for (const [i, result] of results.entries()) {
    if (result.kind === 'dockerfile') dockerfiles.push(files[i]!);
    findings.push(...result.findings);
  }
  let warnings: string[] = [];
  if (exceptions) {
    const { applyConfigExceptions } = await import('../policy/config-exceptions.js');
    const applied = applyConfigExceptions(findings, exceptions, options.now ?? new Date());
    findings = applied.findings;
    warnings = applied.warnings;
  }
  const report = auditReport(inputs, findings.sort(compareFindingsOfChecks), warnings);
  const { renderScanReport } = await import('../report/render-scan.js');
  const { readFile } = await import('node:fs/promises');
  // SARIF points image-level results at a Dockerfile when there is exactly one; file findings carry their own.
  const dockerfile =
    dockerfiles.length === 1 && dockerfiles[0] !== '-' ? dockerfiles[0] : undefined;
  const label = inputs.join(' ');
  const text = await renderScanReport(report, options.format as ScanFormat, {
    inventory: {
      target: { input: label, kind: 'rootfs', name: label, layers: [] },
      packages: [],
      warnings: [],
    },
    toolVersion: SEAWALL_VERSION,
    dockerfile,
    dockerfileText: dockerfile ? await readFile(dockerfile, 'utf8') : undefined,
  });
  return { text, report, gate: gateExitCode(report.findings, options.failOn) };
}

/** A scan report holding only `findings`, about the files as given. */
export function auditReport(
  inputs: readonly string[],
  findings: Finding[],
  warnings: string[] = [],
): ScanReport {
  const label = inputs.join(' ');
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    target: { input: label, kind: 'file', name: label },
    db: { updatedAt: null, schemaVersion: VULNDB_SCHEMA_VERSION, sources: [] },
    packages: [],
    vulnerabilities: [],
    findings,
    scanners: ['config'],
    warnings: [...new Set(warnings)].sort(),
  };
}
