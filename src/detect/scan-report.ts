// The `seawall scan` report: the JSON contract other tools and Seawall's own server build on (docs/scan-json.md).
// Every renderer (table, json, sarif, cyclonedx, junit) reads only this.

import type { Finding } from '../model/finding.js';
import type { OsInfo } from '../model/os.js';
import type { PackageType } from '../model/package.js';
import type { AffectedStatus, CvssScore, Severity } from '../vulndb/advisory.js';

export const SCAN_REPORT_SCHEMA_VERSION = 1;

export type FindingStatus = 'fixed' | AffectedStatus;

export interface ReportTarget {
  input: string;
  /** 'file': a single configuration file (`seawall audit`). */
  kind: 'image' | 'rootfs' | 'sbom' | 'file';
  name: string;
  imageId?: string;
  manifestDigest?: string;
  repoTags?: string[];
}

export interface ReportPackage {
  name: string;
  version: string;
  type: PackageType;
  purl: string;
  /** The advisory ecosystem it is matched in ('Debian:12', 'PyPI', ...); absent when none applies. */
  ecosystem?: string;
  source?: { name: string; version: string };
  layer?: number;
  location: string;
  managedBy?: string;
}

export interface FindingLayer {
  index: number;
  /** sha256 of the uncompressed layer (the image config's diff-id). */
  diffId?: string;
  /** Digest of the layer blob as stored, when the source has one. */
  digest?: string;
  createdBy?: string;
}

export interface Suppression {
  /** 'ignore-file' (.seawallignore.yaml) or 'vex' (an OpenVEX statement). */
  kind: 'ignore-file' | 'vex';
  /** The file the rule came from. */
  file: string;
  /** Why: the entry's statement, or the VEX status and justification. */
  reason: string;
  expires?: string;
}

export interface VulnerabilityFinding {
  /** The advisory's own id (DSA-5380-1, PYSEC-2023-74, GO-2024-2491, CVE-2024-3094). */
  id: string;
  /** Its other ids, sorted (the CVE first when there is one is not promised: plain sort). */
  aliases: string[];
  package: {
    name: string;
    version: string;
    purl: string;
    ecosystem: string;
    type: PackageType;
    source?: { name: string; version: string };
    location: string;
  };
  /** The version that fixes it, when status is 'fixed'. */
  fixedVersion?: string;
  status: FindingStatus;
  severity: Severity;
  /** Who rated it: 'debian', 'ghsa', 'nvd', ... or 'none' with severity 'unknown'. */
  severitySource: string;
  cvss: CvssScore[];
  title?: string;
  /** The feed the advisory came from ('osv', 'debian-dsa', ...). */
  dataSource: string;
  references: string[];
  layer?: FindingLayer;
  epss?: { score: number; percentile: number };
  kev?: { dateAdded: string };
  /** Present when an ignore entry or VEX statement suppresses it: it stays in the report but never fails the gate. */
  suppressed?: Suppression;
}

export interface ReportDb {
  /** When the database was last built or updated (ISO 8601), or null for an empty database. */
  updatedAt: string | null;
  schemaVersion: number;
  sources: { name: string; updatedAt: string; records: number }[];
}

export interface ScanReport {
  schemaVersion: number;
  target: ReportTarget;
  os?: OsInfo;
  db: ReportDb;
  packages: ReportPackage[];
  /** Sorted by severity (most severe first), then package name, version and id. */
  vulnerabilities: VulnerabilityFinding[];
  /**
   * Secrets, image hardening and Dockerfile findings (`--scanners secret,config`), sorted by severity, id, path,
   * line; empty when those scanners did not run.
   */
  findings: Finding[];
  /** The scanners that ran: 'vuln', 'secret', 'config'. */
  scanners: string[];
  /** Ignore entries that no longer suppress (expired), and similar notes; sorted. */
  warnings: string[];
}
