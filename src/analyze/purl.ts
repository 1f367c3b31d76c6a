// Package URLs for OS packages: one generic builder over packageurl-js, and the deb and apk conventions on top of it.
// purl spec: https://github.com/package-url/purl-spec (types deb and apk in PURL-TYPES.rst); distro qualifiers as Trivy writes them.

import { PackageURL } from 'packageurl-js';
import type { OsInfo } from '../model/os.js';

/** Qualifier values left undefined or empty are dropped, so callers can pass optional facts straight through. */
export type Qualifiers = Record<string, string | undefined>;

/**
 * A canonical purl string. packageurl-js sorts qualifiers and percent-encodes per the spec; notably it leaves ':' in a
 * version as is (the spec's character rules say ':' is never percent-encoded), so a dpkg epoch reads `@1:2.3-4`.
 */
export function packageUrl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
  qualifiers: Qualifiers = {},
): string {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(qualifiers)) if (value) kept[key] = value;
  const hasQualifiers = Object.keys(kept).length > 0;
  return new PackageURL(
    type,
    namespace || undefined,
    name,
    version || undefined,
    hasQualifiers ? kept : undefined,
    undefined,
  ).toString();
}

/** The vendor a dpkg package belongs to when the OS is unknown: dpkg databases come from Debian or its derivatives. */
const DEFAULT_DEB_VENDOR = 'debian';
const DEFAULT_APK_VENDOR = 'alpine';

/** `pkg:deb/debian/NAME@VERSION?arch=amd64&distro=debian-12`: namespace is the OS id, distro is id-version. */
export function debPackageUrl(
  name: string,
  version: string,
  arch: string | undefined,
  os: OsInfo | undefined,
): string {
  const distro = os?.version ? `${os.family}-${os.version}` : undefined;
  return packageUrl('deb', os?.family ?? DEFAULT_DEB_VENDOR, name, version, { arch, distro });
}

/** `pkg:apk/alpine/NAME@VERSION?arch=x86_64&distro=3.19.1`: namespace is the OS id, distro the bare release number. */
export function apkPackageUrl(
  name: string,
  version: string,
  arch: string | undefined,
  os: OsInfo | undefined,
): string {
  return packageUrl('apk', os?.family ?? DEFAULT_APK_VENDOR, name, version, {
    arch,
    distro: os?.version,
  });
}
