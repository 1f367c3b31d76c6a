// One finding per vulnerability and package: an advisory that another matched advisory names as an alias (the
// Debian tracker's CVE-2023-1393 inside DSA-5380-1, a GHSA inside its PYSEC record) is folded into that one.

import type { VulnerabilityFinding } from '../scan-report.js';
import { compareSeverity } from './order.js';

/** Advisories of a distribution or ecosystem database come before GHSA ids, which come before bare CVE ids. */
function idRank(id: string): number {
  if (id.startsWith('CVE-')) return 2;
  if (id.startsWith('GHSA-')) return 1;
  return 0;
}

/**
 * Folds the findings of ONE package. Two findings with different ids of their own never merge, even when they share
 * a CVE (a DSA and its regression update): only a finding whose own id the other lists is folded.
 */
export function foldPackageFindings(
  findings: VulnerabilityFinding[],
  compareVersions: (a: string, b: string) => number,
): VulnerabilityFinding[] {
  const ordered = [...findings].sort(
    (a, b) => idRank(a.id) - idRank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const kept: VulnerabilityFinding[] = [];
  const byName = new Map<string, VulnerabilityFinding>();
  for (const f of ordered) {
    const into = byName.get(f.id);
    if (into) {
      mergeInto(into, f, compareVersions);
      for (const alias of f.aliases) if (!byName.has(alias)) byName.set(alias, into);
      continue;
    }
    kept.push(f);
    byName.set(f.id, f);
    for (const alias of f.aliases) if (!byName.has(alias)) byName.set(alias, f);
  }
  for (const f of kept) f.aliases = [...new Set(f.aliases)].filter((a) => a !== f.id).sort();
  return kept;
}

function mergeInto(
  target: VulnerabilityFinding,
  other: VulnerabilityFinding,
  compareVersions: (a: string, b: string) => number,
): void {
  target.aliases.push(other.id, ...other.aliases);
  // Still present without a fix by either account: the finding is unfixed. Both fixed: the later fix covers both.
  if (other.status !== 'fixed' && target.status === 'fixed') {
    target.status = other.status;
    delete target.fixedVersion;
  } else if (other.status === 'fixed' && target.status === 'fixed' && other.fixedVersion) {
    if (!target.fixedVersion || compareVersions(other.fixedVersion, target.fixedVersion) > 0)
      target.fixedVersion = other.fixedVersion;
  }
  if (target.severity === 'unknown' && other.severity !== 'unknown') {
    target.severity = other.severity;
    target.severitySource = other.severitySource;
  } else if (
    compareSeverity(other.severity, target.severity) < 0 &&
    other.severitySource === target.severitySource
  ) {
    target.severity = other.severity;
  }
  for (const c of other.cvss)
    if (!target.cvss.some((t) => t.vector === c.vector && t.source === c.source))
      target.cvss.push(c);
  for (const r of other.references) if (!target.references.includes(r)) target.references.push(r);
  target.references.sort();
  target.epss ??= other.epss;
  target.kev ??= other.kev;
}
