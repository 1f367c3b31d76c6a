// What the fleet store takes and gives: the contract between the store (src/server/store/), the API routes
// (src/server/http/) and the agent (src/agent/), which sends ContainerEvents in this shape.

import type { Kysely } from 'kysely';
import type { FleetDatabase } from './schema.js';

export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface FleetStore {
  readonly db: Kysely<FleetDatabase>;
  readonly dialect: 'sqlite' | 'postgres';
  /** Where it is, for messages (a PostgreSQL URL without its password). */
  readonly location: string;
  close(): Promise<void>;
}

export type Role = 'admin' | 'agent' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'agent', 'viewer'];

export type DigestKind = 'image' | 'rootfs';

/** The image a container runs, as the agent knows it. */
export interface ImageRef {
  /** `sha256:<64 hex>`. */
  digest: string;
  digestKind: DigestKind;
  /** A reference it was run as (`registry.example/app:1.2`), when known. */
  name?: string;
}

/**
 * A container's start or stop. Both carry the whole identity (host, runtime, id, start time), so either alone
 * records the run, and applying one twice changes nothing.
 */
export interface ContainerEvent {
  host: string;
  runtime: string;
  containerId: string;
  name?: string;
  image: ImageRef;
  labels: Record<string, string>;
  /** ISO-8601 UTC. */
  startedAt: string;
  /** ISO-8601 UTC; absent while it runs. */
  stoppedAt?: string;
}

export interface HostReport {
  name: string;
  labels: Record<string, string>;
  agent?: string;
  /** ISO-8601 UTC. */
  seenAt: string;
}

export interface EventBatchResult {
  /** Events applied (a repeat counts too: it is accepted, and changes nothing). */
  accepted: number;
  /** Digests among the batch's images the store has no SBOM for: the agent uploads these. */
  unknownImages: string[];
}

export interface HostRow {
  name: string;
  labels: Record<string, string>;
  firstSeen: string;
  lastSeen: string;
  agent?: string;
  runningContainers: number;
}

export interface ContainerFilter {
  host?: string;
  /** An image digest. */
  image?: string;
  /** key=value pairs, all of which must match. */
  labels?: Record<string, string>;
  /** 'running' (the default), 'stopped' or 'all'. */
  state?: 'running' | 'stopped' | 'all';
  /** Containers that ran at some time in [since, until]. ISO-8601. */
  since?: string;
  until?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  after?: string;
}

export interface ContainerRow {
  host: string;
  runtime: string;
  containerId: string;
  name?: string;
  image: { digest: string; name?: string };
  labels: Record<string, string>;
  startedAt: string;
  stoppedAt?: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page, absent on the last. */
  next?: string;
}

export interface VulnerabilityRef {
  id: string;
  aliases: string[];
  severity: string;
  title?: string;
  published?: string;
}

export interface ImagePackageRow {
  name: string;
  version: string;
  type: string;
  purl: string;
  ecosystem?: string;
  licenses: string[];
}

export interface ImageVulnerabilityRow extends VulnerabilityRef {
  package: { name: string; version: string; purl: string };
  status: string;
  fixedVersion?: string;
}

export interface ImageFindingRow {
  ruleId: string;
  severity: string;
  title: string;
  location: unknown;
}

export interface ImageSummary {
  digest: string;
  digestKind: DigestKind;
  name?: string;
  registry?: string;
  os?: string;
  firstSeen: string;
  scannedAt?: string;
  packageCount: number;
  runningContainers: number;
}

export interface ImageDetail extends ImageSummary {
  packages: ImagePackageRow[];
  vulnerabilities: ImageVulnerabilityRow[];
  findings: ImageFindingRow[];
}

/** `GET /v1/vulnerabilities/{id}/impact`. */
export interface VulnerabilityImpact {
  /** The id asked for. */
  query: string;
  /** The stored vulnerabilities it names (itself, or those that list it as an alias). */
  vulnerabilities: VulnerabilityRef[];
  images: Array<{
    digest: string;
    name?: string;
    packages: Array<{
      name: string;
      version: string;
      purl: string;
      status: string;
      fixedVersion?: string;
    }>;
    runningContainers: number;
  }>;
  /** The containers running the affected images now, by host. */
  hosts: Array<{
    host: string;
    /** Every container running an affected image on the host (`containers` lists those of the listed images). */
    runningContainers: number;
    containers: Array<{
      runtime: string;
      containerId: string;
      name?: string;
      image: string;
      startedAt: string;
    }>;
  }>;
  totals: { images: number; runningContainers: number; hosts: number };
}

export interface LicenseCount {
  license: string;
  packages: number;
  images: number;
}

/** An image and its fixes not applied: the age of the newest security fix it lacks, and of the oldest. */
export interface FixAgeRow {
  digest: string;
  name?: string;
  missingFixes: number;
  /** Published date of the newest advisory with a fix the image lacks. */
  newestFixPublished?: string;
  oldestFixPublished?: string;
  /** Days since oldestFixPublished at the time of the query: how long the image has been left unpatched. */
  ageDays?: number;
  runningContainers: number;
}

export interface AlertRow {
  id: number;
  createdAt: string;
  vulnerability: string;
  image: { digest: string; name?: string };
  packages: string[];
  runningContainers: number;
  deliveredAt?: string;
}

export interface AuditEntry {
  at: string;
  tokenId?: number;
  role?: Role;
  method: string;
  path: string;
  status: number;
  summary: string;
}

export interface TokenIdentity {
  id: number;
  name: string;
  role: Role;
}

/** A package as the store keeps it: its identity and the advisory key it is matched by. */
export interface StoredPackageInput {
  purl: string;
  name: string;
  version: string;
  type: string;
  /** Advisory ecosystem ('Debian', 'PyPI'); empty when none applies. */
  ecosystem: string;
  /** Distribution release ('12'); empty for language packages. */
  release: string;
  /** The name advisories use (the source package for OS packages). */
  matchName: string;
  /** The ecosystem as reports show it ('Debian:12'). */
  ecosystemLabel: string;
  /** SPDX ids or expressions. */
  licenses: string[];
}

/** A stored package as the matcher needs it. */
export interface PackageToMatch extends StoredPackageInput {
  id: number;
}

/** One current match of a package. */
export interface PackageMatch {
  vulnId: string;
  status: string;
  fixedVersion?: string;
  severity: string;
}
