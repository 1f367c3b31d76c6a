// A package as the fleet store keeps it: its identity plus the advisory key the matcher looks it up by, so a stored
// inventory is matched again after a database update without its image.

import type { OsInfo } from '../../model/os.js';
import type { Package, PackageType } from '../../model/package.js';
import { matchKeyOf, type MatchKey } from '../../detect/vulnerabilities/package-key.js';
import type { PackageToMatch, StoredPackageInput } from '../store/types.js';

/**
 * The stored form of an inventory package (the key computed once, with the image's OS). As `seawall scan` does by
 * default, a language package an OS package installed gets no key: the distribution's advisories cover it, so it is
 * kept in the inventory but not matched on its own.
 */
export function storedPackageOf(pkg: Package, os: OsInfo | undefined): StoredPackageInput {
  const key = pkg.managedBy ? undefined : matchKeyOf(pkg, os);
  return {
    purl: pkg.purl,
    name: pkg.name,
    version: pkg.version,
    type: pkg.type,
    ecosystem: key?.ecosystem ?? '',
    release: key?.release ?? '',
    matchName: key?.name ?? pkg.name,
    ecosystemLabel: key?.label ?? '',
    licenses: [
      ...new Set(pkg.licenses.map((l) => l.expression ?? l.text ?? '').filter(Boolean)),
    ].sort(),
  };
}

/** The package and key a stored row is matched by; undefined when no advisory ecosystem covers it. */
export function matchInputOf(row: PackageToMatch): { pkg: Package; key: MatchKey } | undefined {
  if (row.ecosystem === '') return undefined;
  const pkg: Package = {
    type: row.type as PackageType,
    name: row.name,
    version: row.version,
    purl: row.purl,
    licenses: [],
    files: [],
    location: '',
    dependsOn: [],
    foundBy: 'fleet-store',
  };
  const key: MatchKey = {
    ecosystem: row.ecosystem,
    release: row.release,
    name: row.matchName,
    version: row.version,
    label: row.ecosystemLabel,
  };
  return { pkg, key };
}
