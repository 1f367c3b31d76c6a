// Package URLs for rpm packages: the vendor namespace from the OS identity, arch, epoch and distro qualifiers.
// purl spec, type rpm: https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#rpm

import type { OsInfo } from '../../model/os.js';
import { packageUrl } from '../purl.js';

/** os-release ids whose purl vendor name differs from the id. */
const VENDOR_OF_OS_ID: Readonly<Record<string, string>> = {
  rhel: 'redhat',
  ol: 'oracle',
  amzn: 'amazon',
};

/**
 * The purl namespace (the vendor) for an OS: SUSE's products (sles, sle-micro, opensuse-leap, ...) share openSUSE's
 * package vendor name, as purl's examples and scanners write it; other ids are their own vendor names.
 */
export function rpmNamespace(os: OsInfo | undefined): string | undefined {
  if (!os) return undefined;
  const id = os.family.toLowerCase();
  if (id.startsWith('opensuse') || id === 'sles' || id.startsWith('sle-') || id === 'sled') {
    return 'opensuse';
  }
  return VENDOR_OF_OS_ID[id] ?? id;
}

export interface RpmIdentity {
  name: string;
  /** VERSION-RELEASE. */
  version: string;
  epoch?: number;
  arch?: string;
}

/**
 * `pkg:rpm/fedora/NAME@VERSION-RELEASE?arch=x86_64&epoch=1&distro=fedora-39`: epoch only when it is not 0, distro as
 * `<os id>-<os version>` only when the OS and its version are known.
 */
export function rpmPackageUrl(pkg: RpmIdentity, os: OsInfo | undefined): string {
  const distro = os?.version ? `${os.family}-${os.version}` : undefined;
  const epoch = pkg.epoch ? String(pkg.epoch) : undefined;
  return packageUrl('rpm', rpmNamespace(os), pkg.name, pkg.version, {
    arch: pkg.arch,
    epoch,
    distro,
  });
}
