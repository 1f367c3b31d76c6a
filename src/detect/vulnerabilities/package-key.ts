// Which advisories apply to an installed package: its advisory ecosystem, the distribution release, the name the
// feeds use (the source package for OS packages) and the version to compare. OSV ecosystem names:
// https://ossf.github.io/osv-schema/#affectedpackage-field

import { PackageURL } from 'packageurl-js';
import type { OsInfo } from '../../model/os.js';
import { isOsPackageType, type Package } from '../../model/package.js';
import { debianReleaseNumber } from '../../vulndb/debian-releases.js';
import { normalizePackageName } from '../../vulndb/package-name.js';

export interface MatchKey {
  ecosystem: string;
  release: string;
  name: string;
  version: string;
  /** The ecosystem as reports show it: 'Debian:12', 'Alpine:v3.18', 'PyPI'. */
  label: string;
}

const LANGUAGE_ECOSYSTEMS: Record<string, string> = {
  pypi: 'PyPI',
  npm: 'npm',
  golang: 'Go',
  maven: 'Maven',
  gem: 'RubyGems',
  cargo: 'crates.io',
  composer: 'Packagist',
  nuget: 'NuGet',
};

/** OS families whose rpm advisories OSV publishes, and how their releases are keyed there. */
const RPM_ECOSYSTEMS: Record<string, { ecosystem: string; release: (v: string) => string }> = {
  rocky: { ecosystem: 'Rocky Linux', release: major },
  almalinux: { ecosystem: 'AlmaLinux', release: major },
  rhel: { ecosystem: 'Red Hat', release: major },
  mariner: { ecosystem: 'Azure Linux', release: majorMinor },
  azurelinux: { ecosystem: 'Azure Linux', release: majorMinor },
  'opensuse-leap': { ecosystem: 'openSUSE', release: (v) => `Leap ${majorMinor(v)}` },
  sles: { ecosystem: 'SUSE', release: (v) => v },
};

/** The key to look the package up by, or undefined when no advisory ecosystem covers it. */
export function matchKeyOf(pkg: Package, os: OsInfo | undefined): MatchKey | undefined {
  if (isOsPackageType(pkg.type)) return osKey(pkg, os);
  const ecosystem = LANGUAGE_ECOSYSTEMS[pkg.type];
  if (!ecosystem) return undefined;
  const name = languageName(pkg);
  if (!name) return undefined;
  return {
    ecosystem,
    release: '',
    name: normalizePackageName(ecosystem, name),
    version: pkg.version,
    label: ecosystem,
  };
}

function osKey(pkg: Package, os: OsInfo | undefined): MatchKey | undefined {
  if (!os) return undefined;
  const name = pkg.source?.name ?? pkg.name;
  const version = pkg.source?.version ?? pkg.version;
  if (pkg.type === 'deb') {
    if (os.family === 'debian') {
      const release =
        debianReleaseNumber(major(os.version ?? '')) ?? debianReleaseNumber(os.codename ?? '');
      return release ? osMatchKey('Debian', release, name, version) : undefined;
    }
    if (os.family === 'ubuntu' && os.version)
      return osMatchKey('Ubuntu', majorMinor(os.version), name, version);
    return undefined;
  }
  if (pkg.type === 'apk') {
    if (os.family === 'alpine' && os.version)
      return osMatchKey('Alpine', `v${majorMinor(os.version)}`, name, version);
    if (os.family === 'wolfi') return osMatchKey('Wolfi', '', name, version);
    if (os.family === 'chainguard') return osMatchKey('Chainguard', '', name, version);
    return undefined;
  }
  const rpm = RPM_ECOSYSTEMS[os.family];
  if (!rpm || !os.version) return undefined;
  // The source rpm shares the binary's epoch; OSV's rpm versions carry it as `epoch:`.
  const epoch = pkg.epoch ? `${pkg.epoch}:` : '';
  return osMatchKey(rpm.ecosystem, rpm.release(os.version), name, `${epoch}${version}`);
}

function osMatchKey(ecosystem: string, release: string, name: string, version: string): MatchKey {
  return {
    ecosystem,
    release,
    name,
    version,
    label: release ? `${ecosystem}:${release}` : ecosystem,
  };
}

/** The name as the ecosystem's advisories write it, from the purl (which keeps namespaces apart). */
function languageName(pkg: Package): string | undefined {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(pkg.purl);
  } catch {
    return pkg.name;
  }
  const ns = purl.namespace;
  if (!ns) return purl.name;
  switch (pkg.type) {
    case 'maven':
      return `${ns}:${purl.name}`;
    case 'npm':
    case 'golang':
    case 'composer':
      return `${ns}/${purl.name}`;
    default:
      return purl.name;
  }
}

function major(version: string): string {
  return version.split('.')[0]!;
}

function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}
