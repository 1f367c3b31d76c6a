// The version a person or a scanner expects to read for a package, as each package manager prints it.
// rpm: https://rpm-software-management.github.io/rpm/manual/dependencies.html (EPOCH:VERSION-RELEASE)

import type { Package } from '../model/package.js';

/**
 * The Inventory keeps the rpm epoch apart from `version`; it is shown in front, `EPOCH:VERSION-RELEASE`, when it is
 * not 0 (as rpm and Trivy print it). dpkg versions already carry their epoch.
 */
export function displayVersion(pkg: Package): string {
  return pkg.epoch ? `${pkg.epoch}:${pkg.version}` : pkg.version;
}
