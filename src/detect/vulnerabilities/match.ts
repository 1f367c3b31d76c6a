// Matches an inventory against the vulnerability database: each package is looked up once by its advisory key
// (package-key.ts), each affected range evaluated in the ecosystem's own version order, and one finding kept per
// vulnerability and package.

import type { Inventory } from '../../model/inventory.js';
import { isOsPackageType, type Package } from '../../model/package.js';
import type { AdvisoryRow, AffectedRow, CveFacts, VulnDatabase } from '../../vulndb/database.js';
import type { AffectedStatus, Severity } from '../../vulndb/advisory.js';
import { versionScheme, type VersionScheme } from '../../version/index.js';
import type { FindingLayer, VulnerabilityFinding } from '../scan-report.js';
import { foldPackageFindings } from './fold.js';
import { compareFindings } from './order.js';
import { matchKeyOf, type MatchKey } from './package-key.js';
import { evaluateAffected } from './range-match.js';
import { rateSeverity, type RatedSeverity } from './severity.js';

export type Detection = 'default' | 'comprehensive';

export interface MatchOptions {
  /**
   * 'default' skips language packages an OS package installed (their distribution's advisories cover them, with the
   * distribution's own fixes); 'comprehensive' matches them against their ecosystem's advisories too.
   */
  detection?: Detection;
}

const AFFECTED_STATUSES: readonly string[] = ['affected', 'will_not_fix', 'end_of_life'];

export function matchInventory(
  inventory: Inventory,
  db: VulnDatabase,
  options: MatchOptions = {},
): VulnerabilityFinding[] {
  const matcher = new InventoryMatcher(db, inventory.target.layers);
  const findings: VulnerabilityFinding[] = [];
  db.read(() => {
    for (const pkg of inventory.packages) {
      if (pkg.managedBy && options.detection !== 'comprehensive') continue;
      const key = matchKeyOf(pkg, inventory.os);
      if (key) findings.push(...matcher.matchPackage(pkg, key));
    }
  });
  return findings.sort(compareFindings);
}

/** A finding of a package matched by a stored key, with the advisory's publication date. */
export interface KeyedFinding {
  finding: VulnerabilityFinding;
  published: string | null;
}

/**
 * Matches packages whose advisory key was computed earlier: the fleet server stores each package's key, not the
 * inventory, and matches it again after a database update. One matcher per pass shares the lookups between packages.
 * Call it inside `db.read()` for a consistent view over many packages.
 */
export function keyMatcher(db: VulnDatabase): (pkg: Package, key: MatchKey) => KeyedFinding[] {
  const matcher = new InventoryMatcher(db, []);
  return (pkg, key) =>
    matcher
      .matchPackage(pkg, key)
      .map((finding) => ({ finding, published: matcher.published(finding.id) }));
}

interface AdvisoryInfo {
  advisory: AdvisoryRow;
  facts: CveFacts | undefined;
  /** The rating by the package entry's own severity (Debian rates per release). */
  rated: Map<Severity | null, RatedSeverity>;
}

/** Keyed caches: many binary packages share one source package, and many findings one advisory. */
class InventoryMatcher {
  private readonly rows = new Map<string, AffectedRow[]>();
  private readonly advisories = new Map<number, AdvisoryInfo>();
  private readonly cves = new Map<string, CveFacts | undefined>();

  private readonly byId = new Map<string, AdvisoryRow>();

  constructor(
    private readonly db: VulnDatabase,
    private readonly layers: Inventory['target']['layers'],
  ) {}

  /** The publication date of an advisory this matcher has reported, by its id. */
  published(id: string): string | null {
    return this.byId.get(id)?.published ?? null;
  }

  matchPackage(pkg: Package, key: MatchKey): VulnerabilityFinding[] {
    const found: VulnerabilityFinding[] = [];
    // Fixed versions of folded findings compare in the order of the first match's scheme.
    let foldScheme: VersionScheme | undefined;
    for (const row of this.lookup(key)) {
      const scheme = versionScheme(row.scheme);
      if (!scheme) continue;
      const verdict = evaluateAffected(scheme, key.version, row);
      if (!verdict.affected) continue;
      foldScheme ??= scheme;
      found.push(this.finding(pkg, key, row, verdict.fixed));
    }
    if (found.length < 2 || !foldScheme) return found;
    const order = foldScheme;
    return foldPackageFindings(found, (a, b) => order.compare(a, b));
  }

  /**
   * Distribution packages are kept by source package, which many binary packages share; a language package's
   * name is its own, so caching its rows would only hold them for the collector to copy.
   */
  private lookup(key: MatchKey): AffectedRow[] {
    if (key.release === '') return this.db.lookup(key.ecosystem, key.name, key.release);
    const cacheKey = `${key.ecosystem}\0${key.name}\0${key.release}`;
    let rows = this.rows.get(cacheKey);
    if (!rows) {
      rows = this.db.lookup(key.ecosystem, key.name, key.release);
      this.rows.set(cacheKey, rows);
    }
    return rows;
  }

  /** The advisory with its CVE facts, read once per scan however many packages it affects. */
  private advisory(rowid: number): AdvisoryInfo {
    let info = this.advisories.get(rowid);
    if (!info) {
      const advisory = this.db.advisory(rowid);
      info = { advisory, facts: this.cveFacts(advisory), rated: new Map() };
      this.advisories.set(rowid, info);
      this.byId.set(advisory.id, advisory);
    }
    return info;
  }

  /** NVD, EPSS and KEV facts of the first CVE id the advisory is or names. */
  private cveFacts(advisory: AdvisoryRow): CveFacts | undefined {
    const cve = advisory.id.startsWith('CVE-')
      ? advisory.id
      : advisory.aliases.find((id) => id.startsWith('CVE-'));
    if (!cve) return undefined;
    if (!this.cves.has(cve)) this.cves.set(cve, this.db.cveFacts(cve));
    return this.cves.get(cve);
  }

  private finding(
    pkg: Package,
    key: MatchKey,
    row: AffectedRow,
    fixed: string | undefined,
  ): VulnerabilityFinding {
    const info = this.advisory(row.advisory);
    const { advisory, facts } = info;
    let rated = info.rated.get(row.severity);
    if (!rated) {
      rated = rateSeverity(row.severity, advisory, facts);
      info.rated.set(row.severity, rated);
    }
    const finding: VulnerabilityFinding = {
      id: advisory.id,
      aliases: [...advisory.aliases],
      package: {
        name: pkg.name,
        version: pkg.version,
        purl: pkg.purl,
        ecosystem: key.label,
        type: pkg.type,
        location: pkg.location,
      },
      status: fixed !== undefined ? 'fixed' : unfixedStatus(row.unfixedStatus),
      severity: rated.severity,
      severitySource: rated.source,
      cvss: [...advisory.cvss, ...(facts?.cvss ?? [])],
      dataSource: advisory.feed,
      references: [...advisory.references],
    };
    if (isOsPackageType(pkg.type) && pkg.source) finding.package.source = { ...pkg.source };
    if (fixed !== undefined) finding.fixedVersion = fixed;
    if (advisory.summary) finding.title = advisory.summary;
    const layer = this.layerOf(pkg);
    if (layer) finding.layer = layer;
    if (facts?.epss) finding.epss = facts.epss;
    if (facts?.kev) finding.kev = facts.kev;
    return finding;
  }

  private layerOf(pkg: Package): FindingLayer | undefined {
    if (pkg.layer === undefined) return undefined;
    const ref = this.layers.find((l) => l.index === pkg.layer);
    const layer: FindingLayer = { index: pkg.layer };
    if (ref?.diffId) layer.diffId = ref.diffId;
    if (ref?.digest) layer.digest = ref.digest;
    if (ref?.createdBy) layer.createdBy = ref.createdBy;
    return layer;
  }
}

function unfixedStatus(status: string | null): AffectedStatus {
  return status && AFFECTED_STATUSES.includes(status) ? (status as AffectedStatus) : 'affected';
}
