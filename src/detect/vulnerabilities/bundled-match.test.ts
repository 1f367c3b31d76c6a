// Matching OS packages against the bundled real advisories (data/advisories): Debian's DSA list scoped to bullseye by
// source package, and Alpine's secdb scoped to its branch by origin, each in its own version order.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Inventory } from '../../model/inventory.js';
import type { Package } from '../../model/package.js';
import { bundledTestDb } from '../../testing/vulndb.js';
import { VulnDatabase } from '../../vulndb/database.js';
import { matchInventory } from './match.js';

let db: VulnDatabase;
before(async () => {
  db = VulnDatabase.open(await bundledTestDb(), { readonly: true });
});
after(() => db.close());

function osPackage(type: 'deb' | 'apk', name: string, version: string, source: string): Package {
  return {
    type,
    name,
    version,
    purl: `pkg:${type}/x/${name}@${version}`,
    source: { name: source, version },
    licenses: [],
    files: [],
    dependsOn: [],
    foundBy: type === 'deb' ? 'dpkg' : 'apk',
    location: type === 'deb' ? 'var/lib/dpkg/status' : 'lib/apk/db/installed',
  };
}

function inventory(family: string, version: string, packages: Package[]): Inventory {
  return {
    target: { input: 'test', kind: 'rootfs', name: 'test', layers: [] },
    os: { family, version, source: 'etc/os-release' },
    packages,
    warnings: [],
  };
}

describe('matching against the bundled advisories', () => {
  it('finds DSA-5380-1 for bullseye’s xorg-server one revision before the fix, and nothing at the fix', () => {
    const before = matchInventory(
      inventory('debian', '11', [
        osPackage('deb', 'xserver-xorg-core', '2:1.20.11-1+deb11u5', 'xorg-server'),
      ]),
      db,
    );
    assert.deepEqual(
      before.map((f) => [f.id, f.fixedVersion, f.status, f.dataSource]),
      [['DSA-5380-1', '2:1.20.11-1+deb11u6', 'fixed', 'debian-dsa']],
    );
    assert.deepEqual(before[0]!.aliases, ['CVE-2023-1393']);
    const fixed = matchInventory(
      inventory('debian', '11', [
        osPackage('deb', 'xserver-xorg-core', '2:1.20.11-1+deb11u6', 'xorg-server'),
      ]),
      db,
    );
    assert.deepEqual(fixed, []);
  });

  it('matches Alpine packages by origin on their own branch', () => {
    const found = matchInventory(
      inventory('alpine', '3.11.3', [
        osPackage('apk', 'libcrypto1.1', '1.1.1d-r2', 'openssl'),
        osPackage('apk', 'musl', '1.1.24-r0', 'musl'),
      ]),
      db,
    );
    assert.deepEqual(
      found.map((f) => [f.id, f.package.name, f.fixedVersion, f.package.ecosystem]),
      [['CVE-2019-1551', 'libcrypto1.1', '1.1.1d-r3', 'Alpine:v3.11']],
    );
    // The same package on a branch the data does not cover matches nothing.
    assert.deepEqual(
      matchInventory(
        inventory('alpine', '3.19.1', [osPackage('apk', 'libcrypto1.1', '1.1.1d-r2', 'openssl')]),
        db,
      ),
      [],
    );
  });
});
