// The advisory record every feed importer emits and the database stores: one shape for OSV, Debian, Alpine and the
// rest, close to the OSV schema (https://ossf.github.io/osv-schema/) with distribution releases split out.

/** Severity levels, most severe first. `negligible` is Debian's "unimportant"; `unknown` when no source rates it. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Advisory ecosystems, named as OSV names them (https://ossf.github.io/osv-schema/#affectedpackage-field), without the
 * release suffix: 'Debian', 'Ubuntu', 'Alpine', 'Red Hat', 'PyPI', 'npm', 'Go', 'Maven', 'crates.io', 'RubyGems',
 * 'NuGet', 'Packagist', ... An ecosystem Seawall cannot compare versions for is stored but never matched.
 */
export type AdvisoryEcosystem = string;

/** What a feed says of the package when no fixed version applies. */
export type AffectedStatus = 'affected' | 'will_not_fix' | 'end_of_life';

/**
 * One affected interval, in the ecosystem's own version order: introduced <= v < fixed, or introduced <= v <=
 * lastAffected, or introduced <= v with neither (no fix yet). `introduced` '0' means every version.
 */
export interface AffectedRange {
  introduced: string;
  fixed?: string;
  lastAffected?: string;
}

export interface AffectedPackage {
  ecosystem: AdvisoryEcosystem;
  /**
   * The distribution release the entry is scoped to, normalised: Debian and Ubuntu by number ('11', '22.04'),
   * Alpine as its branch ('v3.18'); '' for language ecosystems and for entries valid on every release.
   */
  release: string;
  /**
   * The package name as matched: the SOURCE package for Debian and Ubuntu, the origin for Alpine, the source rpm's
   * name for rpm distributions; for languages the ecosystem's canonical form (see `normalizePackageName`).
   */
  name: string;
  /**
   * How versions are compared (`src/version/`): 'deb', 'apk', 'rpm', 'pep440', 'semver', 'go', 'maven', 'gem',
   * 'cargo', 'nuget', 'composer'. OSV SEMVER ranges use 'semver' whatever the ecosystem.
   */
  scheme: string;
  ranges: AffectedRange[];
  /** Versions listed one by one as affected (OSV `versions`), besides the ranges. */
  versions: string[];
  /** What applies to an affected version without a fix (default 'affected'). */
  unfixedStatus?: AffectedStatus;
  /** A severity the feed gives for this package and release alone (Debian's per-release urgency). */
  severity?: Severity;
}

export interface CvssScore {
  /** '2.0', '3.0', '3.1' or '4.0'. */
  version: string;
  vector: string;
  /** The base score, when the feed gives it or it can be computed from the vector. */
  score?: number;
  /** Who rated it: 'nvd', 'ghsa', the OSV record's database, ... */
  source: string;
}

export interface AdvisoryRecord {
  /** The advisory's own id: DSA-5380-1, PYSEC-2023-74, GO-2024-2491, CVE-2024-3094, ALPINE-CVE-... */
  id: string;
  /** The feed it came from, as `db status` lists it: 'osv', 'debian-dsa', 'debian-dla', 'debian-tracker', 'alpine-secdb'. */
  source: string;
  /** Other ids of the same vulnerability (CVE, GHSA, upstream ids), sorted, without `id`. */
  aliases: string[];
  summary?: string;
  details?: string;
  published?: string;
  modified?: string;
  /** Set when the advisory was withdrawn: it is stored but never matched. */
  withdrawn?: string;
  /** The vendor's own rating, when the feed gives one as a level (GHSA 'HIGH', Debian urgency). */
  severity?: Severity;
  cvss: CvssScore[];
  references: string[];
  affected: AffectedPackage[];
}

/** NVD's view of a CVE: its CVSS metrics (https://nvd.nist.gov/developers/vulnerabilities). */
export interface CveMetrics {
  cve: string;
  cvss: CvssScore[];
  /** NVD's base severity of the newest CVSS version it gives. */
  severity?: Severity;
  published?: string;
  description?: string;
}

/** FIRST EPSS (https://www.first.org/epss/data_stats). */
export interface EpssScore {
  cve: string;
  score: number;
  percentile: number;
}

/** CISA Known Exploited Vulnerabilities (https://www.cisa.gov/known-exploited-vulnerabilities-catalog). */
export interface KevEntry {
  cve: string;
  dateAdded: string;
  dueDate?: string;
  knownRansomwareCampaignUse?: string;
}

/**
 * Where importers put what they read. Importers stream: they call the sink once per record and never hold a whole
 * feed. `warn` takes one line that names the file and, when known, the record id ("FILE: ID: problem").
 */
export interface ImportSink {
  advisory(record: AdvisoryRecord): void;
  cveMetrics(metrics: CveMetrics): void;
  epss(score: EpssScore): void;
  kev(entry: KevEntry): void;
  warn(message: string): void;
}
