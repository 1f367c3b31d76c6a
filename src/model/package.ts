// An installed package, as every analyzer reports it and every report and detector reads it.
// purl: https://github.com/package-url/purl-spec

import type { License } from './license.js';

/** The package manager or ecosystem; later analyzers add language ecosystems. */
export type PackageType = 'deb' | 'apk' | 'rpm';

export interface Package {
  type: PackageType;
  name: string;
  /**
   * The version as the package manager writes it: dpkg `[epoch:]upstream[-revision]`,
   * apk `pkgver-rN`, rpm `VERSION-RELEASE` (the rpm epoch is kept apart in `epoch`).
   */
  version: string;
  /** rpm epoch, when the header has one. */
  epoch?: number;
  arch?: string;
  /** The source package: dpkg `Source:`, apk origin, rpm source rpm's name and version-release. */
  source?: { name: string; version: string };
  licenses: License[];
  /** Package URL; also the package's reference id (bom-ref) inside one inventory. */
  purl: string;
  /** Files the package manager says the package installed, relative to the root, sorted. */
  files: string[];
  /** purls of the installed packages this one depends on, sorted. */
  dependsOn: string[];
  /** Index of the layer that introduced this package (in this version). */
  layer?: number;
  /** Name of the analyzer that found it. */
  foundBy: string;
  /** The package database file it was read from, relative to the root. */
  location: string;
  maintainer?: string;
  description?: string;
}
