// `seawall scan` as a library function: the target's inventory (from an image, a directory or an SBOM), matched
// against the vulnerability database, suppressions applied, filtered, rendered, and the gate's verdict.

import { readFile } from 'node:fs/promises';
import { InputError, messageOf } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import { compareText } from '../model/order.js';
import type { Detection } from '../detect/vulnerabilities/match.js';
import {
  SCAN_REPORT_SCHEMA_VERSION,
  type ReportPackage,
  type ReportTarget,
  type ScanReport,
  type VulnerabilityFinding,
} from '../detect/scan-report.js';
import type { ScanOptions } from '../scan/build-inventory.js';
import type { ScanFormat } from '../report/formats.js';
import type { Severity } from '../vulndb/advisory.js';
import type { VulnDatabase } from '../vulndb/database.js';
import { VULNDB_SCHEMA_VERSION } from '../vulndb/schema.js';
import type { Analyzer } from '../analyze/analyzer.js';
import { openTarget } from '../source/open-target.js';
import { SEAWALL_VERSION } from '../version.js';
import { inventoryFor } from './inventory-job.js';

export const SCANNERS = ['vuln', 'secret', 'config'] as const;
export type Scanner = (typeof SCANNERS)[number];

export interface ScanJobOptions extends ScanOptions {
  format: ScanFormat;
  /** The vulnerability database file; the default one (built from the bundled data at first use) when absent. */
  dbPath?: string;
  detection?: Detection;
  /** Keep only findings of these severities. */
  severities?: Severity[];
  /** Drop findings with no fixed version. */
  ignoreUnfixed?: boolean;
  /** Exit code 1 when an unsuppressed finding at or above this severity remains. */
  failOn?: Severity;
  /** .seawallignore.yaml files (an existing `.seawallignore.yaml` in the working directory is read by the CLI). */
  ignoreFiles?: string[];
  /** OpenVEX documents. */
  vexFiles?: string[];
  /** The Dockerfile SARIF results point at. */
  dockerfile?: string;
  /** What to look for: 'vuln' (default), 'secret' and 'config' (image hardening, and the Dockerfile when given). */
  scanners?: Scanner[];
  /** "Now", for expiry of ignore entries (tests pin it). */
  now?: Date;
}

export interface ScanJobResult {
  text: string;
  report: ScanReport;
  /** 1 when the gate fails, else 0. */
  gate: 0 | 1;
  /** Files of the target that could not be read at all: the caller should fail after writing `text`. */
  errors: string[];
}

export async function runScanJob(target: string, options: ScanJobOptions): Promise<ScanJobResult> {
  const scanners = options.scanners ?? ['vuln'];
  // The database first: a missing or damaged one is reported before any time goes into reading the target.
  const { openScanDatabase } = await import('../vulndb/bundled.js');
  const db = scanners.includes('vuln')
    ? await openScanDatabase(options.dbPath, {
        cacheDir: options.cacheDir,
        onWarning: options.onWarning,
      })
    : undefined;
  const dockerfileText = options.dockerfile ? await readDockerfile(options.dockerfile) : undefined;
  let inventory: Inventory;
  let errors: string[];
  let report: ScanReport;
  try {
    const analyzers = await analyzersFor(scanners, options);
    ({ inventory, errors } = await inventoryOfTarget(target, { ...options, analyzers }));
    report = await scanInventory(inventory, db, { ...options, scanners, dockerfileText });
  } finally {
    db?.close();
  }
  const { gateExitCode } = await import('../policy/gate.js');
  const { renderScanReport } = await import('../report/render-scan.js');
  const text = await renderScanReport(report, options.format, {
    inventory,
    toolVersion: SEAWALL_VERSION,
    dockerfile: options.dockerfile,
    dockerfileText,
  });
  const gate = gateExitCode([...report.vulnerabilities, ...report.findings], options.failOn);
  return { text, report, gate, errors };
}

/** The default analyzers, plus the secret and hardening analyzers when those scanners run. */
async function analyzersFor(
  scanners: readonly Scanner[],
  options: ScanJobOptions,
): Promise<Analyzer[] | undefined> {
  if (options.analyzers || (!scanners.includes('secret') && !scanners.includes('config')))
    return options.analyzers ? [...options.analyzers] : undefined;
  const { defaultAnalyzers } = await import('../analyze/registry.js');
  const { checkAnalyzers } = await import('../checks/run-checks.js');
  return [...defaultAnalyzers({ java: options.archiveLimits }), ...checkAnalyzers(scanners)];
}

/** The report of an inventory already at hand: matching, suppressions and filters, no rendering. */
export async function scanInventory(
  inventory: Inventory,
  db: VulnDatabase | undefined,
  options: Omit<ScanJobOptions, 'format'> & { dockerfileText?: string },
): Promise<ScanReport> {
  const scanners = options.scanners ?? ['vuln'];
  const { matchInventory } = await import('../detect/vulnerabilities/match.js');
  const { matchKeyOf } = await import('../detect/vulnerabilities/package-key.js');
  const { applySuppressions } = await import('../policy/apply-suppressions.js');
  const { filterFindings } = await import('../policy/gate.js');
  const matched = db ? matchInventory(inventory, db, { detection: options.detection }) : [];
  const rules = await loadSuppressionRules(options);
  const suppressed = applySuppressions(matched, rules, {
    now: options.now ?? new Date(),
    imageIdentities: imageIdentities(inventory),
  });
  const vulnerabilities: VulnerabilityFinding[] = filterFindings(suppressed.findings, {
    severities: options.severities,
    ignoreUnfixed: options.ignoreUnfixed,
  });
  const status = db?.status() ?? {
    updatedAt: null,
    schemaVersion: VULNDB_SCHEMA_VERSION,
    sources: [],
  };
  const { runChecks } = await import('../checks/run-checks.js');
  const { suppressFindings } = await import('../policy/finding-suppressions.js');
  const checked = suppressFindings(
    await runChecks(inventory, {
      scanners,
      dockerfile: options.dockerfile,
      dockerfileText: options.dockerfileText,
    }),
    rules.ignore,
    options.now ?? new Date(),
  );
  const findings = checked.findings.filter(
    (f) => !options.severities || options.severities.includes(f.severity),
  );
  const packages: ReportPackage[] = inventory.packages.map((p) => {
    const rp: ReportPackage = {
      name: p.name,
      version: p.version,
      type: p.type,
      purl: p.purl,
      location: p.location,
    };
    const key = matchKeyOf(p, inventory.os);
    if (key) rp.ecosystem = key.label;
    if (p.source) rp.source = { ...p.source };
    if (p.layer !== undefined) rp.layer = p.layer;
    if (p.managedBy) rp.managedBy = p.managedBy.purl;
    return rp;
  });
  packages.sort(compareReportPackages);
  const report: ScanReport = {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    target: reportTarget(inventory),
    db: {
      updatedAt: status.updatedAt,
      schemaVersion: status.schemaVersion,
      sources: status.sources.map((s) => ({
        name: s.location,
        updatedAt: s.importedAt,
        records: s.records,
      })),
    },
    packages,
    vulnerabilities,
    findings,
    scanners: [...scanners].sort(),
    warnings: [...new Set([...suppressed.warnings, ...checked.warnings])].sort(),
  };
  if (inventory.os) report.os = inventory.os;
  return report;
}

function compareReportPackages(a: ReportPackage, b: ReportPackage): number {
  return (
    compareText(a.type, b.type) ||
    compareText(a.name, b.name) ||
    compareText(a.version, b.version) ||
    compareText(a.purl, b.purl)
  );
}

async function inventoryOfTarget(
  target: string,
  options: ScanJobOptions,
): Promise<{ inventory: Inventory; errors: string[] }> {
  if (target.startsWith('sbom:')) {
    const { inventoryFromSbomFile } = await import('../sbom/read-sbom.js');
    return { inventory: inventoryFromSbomFile(target.slice('sbom:'.length)), errors: [] };
  }
  const source = await openTarget(target, options);
  try {
    const { inventory, errors } = await inventoryFor(source, options);
    return { inventory, errors };
  } finally {
    await source.close();
  }
}

async function loadSuppressionRules(options: Pick<ScanJobOptions, 'ignoreFiles' | 'vexFiles'>) {
  const { loadIgnoreFile } = await import('../policy/ignore-file.js');
  const { loadVex } = await import('../policy/openvex.js');
  return {
    ignore: (options.ignoreFiles ?? []).map((file) => ({ file, rules: loadIgnoreFile(file) })),
    vex: (options.vexFiles ?? []).map((file) => ({ file, statements: loadVex(file) })),
  };
}

/** What a VEX document may call the image: its digests and tags as purls and plain strings. */
function imageIdentities(inventory: Inventory): string[] {
  const t = inventory.target;
  return [t.imageId, t.manifestDigest, ...(t.repoTags ?? []), t.name].filter(
    (x): x is string => !!x,
  );
}

function reportTarget(inventory: Inventory): ReportTarget {
  const t = inventory.target;
  const target: ReportTarget = {
    input: t.input,
    kind: t.input.startsWith('sbom:') ? 'sbom' : t.kind,
    name: t.name,
  };
  if (t.imageId) target.imageId = t.imageId;
  if (t.manifestDigest) target.manifestDigest = t.manifestDigest;
  if (t.repoTags?.length) target.repoTags = [...t.repoTags];
  return target;
}

async function readDockerfile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read the Dockerfile (${messageOf(err)})`);
  }
}
