// A small inventory of real Debian 10 (buster) packages at versions the bundled advisory data has findings for, plus
// one pip-installed Python package: what the fleet server's tests store and match (the bundled data's Debian
// coverage ends at 11, so the Debian 12 test images have no findings in it).

import type { Inventory } from '../model/inventory.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';

export const BUSTER_OS: OsInfo = {
  family: 'debian',
  version: '10',
  codename: 'buster',
  source: 'etc/os-release',
};

/** A Debian 10 binary package built from `source` at `version`. */
export function busterPackage(
  name: string,
  source: string,
  version: string,
  license = 'curl',
): Package {
  return {
    type: 'deb',
    name,
    version,
    purl: `pkg:deb/debian/${name}@${encodeURIComponent(version)}?arch=amd64&distro=debian-10`,
    source: { name: source, version },
    licenses: [{ expression: license }],
    files: [],
    location: 'var/lib/dpkg/status',
    dependsOn: [],
    foundBy: 'dpkg',
  };
}

export function busterInventory(): Inventory {
  const requests: Package = {
    type: 'pypi',
    name: 'requests',
    version: '2.25.1',
    purl: 'pkg:pypi/requests@2.25.1',
    licenses: [{ expression: 'Apache-2.0' }],
    files: [],
    location: 'usr/local/lib/python3.7/dist-packages/requests-2.25.1.dist-info/METADATA',
    dependsOn: [],
    foundBy: 'python',
  };
  return {
    target: { input: 'dir:/srv/buster-app', kind: 'rootfs', name: '/srv/buster-app', layers: [] },
    os: BUSTER_OS,
    packages: [
      busterPackage('curl', 'curl', '7.64.0-4+deb10u2'),
      busterPackage('libcurl4', 'curl', '7.64.0-4+deb10u2'),
      busterPackage('openssl', 'openssl', '1.1.1d-0+deb10u7', 'OpenSSL'),
      busterPackage('libssl1.1', 'openssl', '1.1.1d-0+deb10u7', 'OpenSSL'),
      busterPackage('base-files', 'base-files', '10.3+deb10u13', 'GPL-2.0-or-later'),
      requests,
    ],
    warnings: [],
  };
}
