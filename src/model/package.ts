// An installed package, as every analyzer reports it and every report and detector reads it.
// purl: https://github.com/package-url/purl-spec

import type { License } from './license.js';

/** Operating-system package managers. */
export type OsPackageType = 'deb' | 'apk' | 'rpm';
/** Language ecosystems, named as purl types name them. */
export type LanguagePackageType =
  'npm' | 'pypi' | 'maven' | 'golang' | 'gem' | 'cargo' | 'composer' | 'nuget';
/** The package manager or ecosystem. */
export type PackageType = OsPackageType | LanguagePackageType;

export const OS_PACKAGE_TYPES: readonly OsPackageType[] = ['deb', 'apk', 'rpm'];
export const LANGUAGE_PACKAGE_TYPES: readonly LanguagePackageType[] = [
  'npm',
  'pypi',
  'maven',
  'golang',
  'gem',
  'cargo',
  'composer',
  'nuget',
];

export function isOsPackageType(type: string): type is OsPackageType {
  return (OS_PACKAGE_TYPES as readonly string[]).includes(type);
}

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
  /**
   * The file it was read from, relative to the root: the package database, the metadata file (package.json,
   * METADATA, pom.properties), the lock file, the archive or the binary (for archives inside archives, the outer path
   * then `!/` and the inner path, as Java URLs write them).
   */
  location: string;
  maintainer?: string;
  description?: string;
  /**
   * For a language package whose metadata file an OS package installed: that OS package (matching then uses the
   * distribution's advisories for it rather than the ecosystem's).
   */
  managedBy?: { type: OsPackageType; purl: string };
  /** How sure the analyzer is of the identity: a Java archive known only by its file name is 'low'. */
  confidence?: 'high' | 'medium' | 'low';
  /** Ecosystem facts with no field of their own (a Go binary's toolchain, a module's replacement), by name. */
  properties?: Record<string, string>;
}
