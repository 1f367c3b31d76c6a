// Whether an installed version falls in an advisory's affected ranges, in the ecosystem's own version order.
// Range semantics follow OSV: introduced <= v < fixed, or <= last_affected (https://ossf.github.io/osv-schema/#evaluation).

import type { AffectedRow } from '../../vulndb/database.js';
import type { VersionScheme } from '../../version/index.js';

export type RangeVerdict = { affected: false } | { affected: true; fixed?: string };

export function evaluateAffected(
  scheme: VersionScheme,
  version: string,
  row: Pick<AffectedRow, 'ranges' | 'versions'>,
): RangeVerdict {
  for (const [introduced, fixed, lastAffected] of row.ranges) {
    if (introduced !== '0' && scheme.compare(version, introduced) < 0) continue;
    if (fixed !== null) {
      if (scheme.compare(version, fixed) < 0) return { affected: true, fixed };
      continue;
    }
    if (lastAffected !== null) {
      if (scheme.compare(version, lastAffected) <= 0) return { affected: true };
      continue;
    }
    return { affected: true };
  }
  // Versions listed one by one: OSV producers enumerate them from the ranges, but some records have only these.
  if (row.versions?.some((v) => v === version || scheme.compare(v, version) === 0))
    return { affected: true };
  return { affected: false };
}
