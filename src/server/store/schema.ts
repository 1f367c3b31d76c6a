// The fleet store's tables as Kysely sees them. One schema for both dialects: times are ISO-8601 UTC strings
// (they sort and compare as text in SQLite and PostgreSQL alike), label sets and lists are JSON text, and ids that
// join millions of rows (images, packages, containers) are integers.

import type { Generated } from 'kysely';

/** A host an agent reports from, by the name it reports. */
export interface HostTable {
  name: string;
  /** JSON object of the host's labels. */
  labels: string;
  first_seen: string;
  last_seen: string;
  /** The agent's version string. */
  agent: string | null;
}

/** One row per image digest, shared by every container that runs it. */
export interface ImageTable {
  id: Generated<number>;
  /** `sha256:...`: the image's digest, or for a container without one, the content hash of its root filesystem. */
  digest: string;
  /** 'image' (a registry or layout digest) or 'rootfs' (a content hash of an unpacked root). */
  digest_kind: string;
  /** A reference the image was seen under (`registry.example/app:1.2`), when any. */
  name: string | null;
  /** The registry host of `name` ('docker.io' for short names), when any. */
  registry: string | null;
  /** 'debian 12', 'alpine 3.19': the OS its SBOM names. */
  os: string | null;
  first_seen: string;
  /** When its SBOM was stored; null: never scanned. */
  scanned_at: string | null;
  package_count: number;
}

/**
 * A package as matched: one row per distinct (purl, advisory key), shared by every image that has it. The advisory
 * key (ecosystem, release, match_name, version) is what the matcher looks up, so stored inventories are matched
 * again after a database update without their images.
 */
export interface PackageTable {
  id: Generated<number>;
  /** purl + '\n' + ecosystem + '\n' + release: the deduplication key. */
  key: string;
  purl: string;
  name: string;
  version: string;
  type: string;
  /** Advisory ecosystem ('Debian', 'PyPI'), empty when none applies. */
  ecosystem: string;
  /** Distribution release ('12', 'v3.19'), empty for language packages. */
  release: string;
  /** The name advisories use (the source package for OS packages). */
  match_name: string;
  /** The ecosystem as reports show it ('Debian:12'). */
  ecosystem_label: string;
  /** JSON array of SPDX ids or expressions. */
  licenses: string;
}

export interface ImagePackageTable {
  image_id: number;
  package_id: number;
}

/** The current matches of a package against the vulnerability database. */
export interface PackageVulnerabilityTable {
  package_id: number;
  vuln_id: string;
  /** 'fixed' | 'affected' | 'will_not_fix' | 'end_of_life' ... */
  status: string;
  fixed_version: string | null;
  severity: string;
}

/** What is known about a vulnerability some stored package has. */
export interface VulnerabilityTable {
  id: string;
  /** JSON array of its other ids. */
  aliases: string;
  severity: string;
  title: string | null;
  /** When the advisory was published (ISO date), when the feed says. */
  published: string | null;
}

/** Every id and alias of each vulnerability in `vulnerabilities`, for lookups by CVE, GHSA, DSA... */
export interface VulnerabilityAliasTable {
  alias: string;
  vuln_id: string;
}

/** Non-vulnerability findings of an image (secrets, image configuration), from an uploaded scan report. */
export interface ImageFindingTable {
  image_id: number;
  rule_id: string;
  severity: string;
  title: string;
  /** JSON of the finding's location. */
  location: string;
}

/**
 * One row per container run: (host, runtime, container_id, started_at) identifies it, so a start or stop reported
 * twice changes nothing.
 */
export interface ContainerTable {
  id: Generated<number>;
  host: string;
  /** runc, crun, containerd, docker, podman, lxc. */
  runtime: string;
  container_id: string;
  name: string | null;
  image_id: number;
  /** JSON object of the container's labels and annotations. */
  labels: string;
  started_at: string;
  stopped_at: string | null;
}

/** A vulnerability that newly affects an image after a database update, with the containers running it then. */
export interface AlertTable {
  id: Generated<number>;
  created_at: string;
  vuln_id: string;
  image_id: number;
  /** JSON array of the package purls that have it. */
  packages: string;
  running_containers: number;
  /** When the webhook accepted it; null: not delivered (or no webhook). */
  delivered_at: string | null;
}

export interface TokenTable {
  id: Generated<number>;
  name: string;
  /** admin | agent | viewer. */
  role: string;
  /** sha256 (hex) of the token: tokens are 32 random bytes, so a plain hash is enough to make a stolen table useless. */
  hash: string;
  created_at: string;
}

/** Every write through the API. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  token_id: number | null;
  role: string | null;
  method: string;
  path: string;
  status: number;
  /** A short description of what was written. */
  summary: string;
}

/** Key-value facts about the store: the vulnerability database the packages were last matched against. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface FleetDatabase {
  hosts: HostTable;
  images: ImageTable;
  packages: PackageTable;
  image_packages: ImagePackageTable;
  package_vulnerabilities: PackageVulnerabilityTable;
  vulnerabilities: VulnerabilityTable;
  vulnerability_aliases: VulnerabilityAliasTable;
  image_findings: ImageFindingTable;
  containers: ContainerTable;
  alerts: AlertTable;
  tokens: TokenTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
}
