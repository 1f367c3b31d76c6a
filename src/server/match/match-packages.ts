// Matches stored packages against the vulnerability database: the current matches of each package and what is known
// of each vulnerability they name (the rows package-matches.ts writes).

import { keyMatcher } from '../../detect/vulnerabilities/match.js';
import type { VulnDatabase } from '../../vulndb/database.js';
import type { PackageMatch, PackageToMatch, VulnerabilityRef } from '../store/types.js';
import { matchInputOf } from './stored-package.js';

export interface PackageMatchSet {
  /** Every package given, with its matches (an empty list: none). */
  matches: Map<number, PackageMatch[]>;
  /** The vulnerabilities the matches name, by id. */
  vulnerabilities: Map<string, VulnerabilityRef>;
}

export function matchPackages(db: VulnDatabase, rows: readonly PackageToMatch[]): PackageMatchSet {
  const matches = new Map<number, PackageMatch[]>();
  const vulnerabilities = new Map<string, VulnerabilityRef>();
  const match = keyMatcher(db);
  db.read(() => {
    for (const row of rows) {
      const input = matchInputOf(row);
      const found: PackageMatch[] = [];
      for (const { finding, published } of input ? match(input.pkg, input.key) : []) {
        const m: PackageMatch = {
          vulnId: finding.id,
          status: finding.status,
          severity: finding.severity,
        };
        if (finding.fixedVersion !== undefined) m.fixedVersion = finding.fixedVersion;
        found.push(m);
        if (!vulnerabilities.has(finding.id)) {
          const ref: VulnerabilityRef = {
            id: finding.id,
            aliases: [...finding.aliases].sort(),
            severity: finding.severity,
          };
          if (finding.title) ref.title = finding.title;
          if (published) ref.published = published;
          vulnerabilities.set(finding.id, ref);
        }
      }
      matches.set(row.id, found);
    }
  });
  return { matches, vulnerabilities };
}
