// Matching on real advisory facts: Debian's DSA-5380-1 and DSA-5365-1 (bullseye), the tracker's per-CVE view of the
// same fix, PYSEC-2023-74 (requests < 2.31.0) and GO-2024-2491 (runc < 1.1.12): the right release, the source
// package, the ecosystem's own version order, one finding per vulnerability and package.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Inventory } from '../../model/inventory.js';
import type { Package } from '../../model/package.js';
import { scratchDir } from '../../testing/fixtures.js';
import { databaseOf } from '../../testing/vulndb.js';
import type { AdvisoryRecord } from '../../vulndb/advisory.js';
import type { VulnDatabase } from '../../vulndb/database.js';
import { matchInventory } from './match.js';

const debian = (
  id: string,
  source: string,
  name: string,
  release: string,
  fixed: string | undefined,
  extra: Partial<AdvisoryRecord> = {},
  unfixedStatus?: 'will_not_fix' | 'end_of_life',
): AdvisoryRecord => ({
  id,
  source,
  aliases: [],
  cvss: [],
  references: [],
  affected: [
    {
      ecosystem: 'Debian',
      release,
      name,
      scheme: 'deb',
      ranges: [fixed ? { introduced: '0', fixed } : { introduced: '0' }],
      versions: [],
      ...(unfixedStatus ? { unfixedStatus } : {}),
    },
  ],
  ...extra,
});

const RECORDS: AdvisoryRecord[] = [
  debian('DSA-5380-1', 'debian-dsa', 'xorg-server', '11', '2:1.20.11-1+deb11u6', {
    aliases: ['CVE-2023-1393'],
    summary: 'xorg-server - security update',
  }),
  // The tracker's view of the same CVE, with Debian's urgency for bullseye.
  {
    ...debian('CVE-2023-1393', 'debian-tracker', 'xorg-server', '11', '2:1.20.11-1+deb11u6'),
    affected: [
      {
        ecosystem: 'Debian',
        release: '11',
        name: 'xorg-server',
        scheme: 'deb',
        ranges: [{ introduced: '0', fixed: '2:1.20.11-1+deb11u6' }],
        versions: [],
        severity: 'high',
      },
    ],
  },
  debian('DSA-5365-1', 'debian-dsa', 'curl', '11', '7.74.0-1.3+deb11u7', {
    aliases: ['CVE-2023-23916'],
  }),
  debian('CVE-2023-38545', 'debian-tracker', 'curl', '11', undefined, {}, 'will_not_fix'),
  debian('DLA-3288-1', 'debian-dla', 'curl', '10', '7.64.0-4+deb10u4', {
    aliases: ['CVE-2022-32221'],
  }),
  {
    id: 'PYSEC-2023-74',
    source: 'osv',
    aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'],
    summary: 'Requests leaks Proxy-Authorization headers',
    cvss: [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N',
        score: 6.1,
        source: 'pypa',
      },
    ],
    references: [],
    affected: [
      {
        ecosystem: 'PyPI',
        release: '',
        name: 'requests',
        scheme: 'pep440',
        ranges: [{ introduced: '2.3.0', fixed: '2.31.0' }],
        versions: [],
      },
    ],
  },
  {
    id: 'GO-2024-2491',
    source: 'osv',
    aliases: ['CVE-2024-21626', 'GHSA-xr7r-f8xq-vfvv'],
    cvss: [],
    references: [],
    affected: [
      {
        ecosystem: 'Go',
        release: '',
        name: 'github.com/opencontainers/runc',
        scheme: 'go',
        ranges: [{ introduced: '1.0.0-rc93', fixed: '1.1.12' }],
        versions: [],
      },
    ],
  },
];

function pkg(p: Partial<Package> & Pick<Package, 'type' | 'name' | 'version' | 'purl'>): Package {
  return {
    licenses: [],
    files: [],
    dependsOn: [],
    foundBy: 'test',
    location: 'var/lib/dpkg/status',
    ...p,
  };
}

function inventory(osVersion: string, packages: Package[]): Inventory {
  return {
    target: {
      input: 'test',
      kind: 'image',
      name: 'test',
      layers: [{ index: 0, diffId: 'sha256:aa' }],
    },
    os: { family: 'debian', version: osVersion, source: 'etc/os-release' },
    packages,
    warnings: [],
  };
}

const xorgCore = (version: string): Package =>
  pkg({
    type: 'deb',
    name: 'xserver-xorg-core',
    version,
    purl: `pkg:deb/debian/xserver-xorg-core@${version}`,
    source: { name: 'xorg-server', version },
    layer: 0,
  });

const scratch = scratchDir('match');
let db: VulnDatabase;
before(async () => {
  db = await databaseOf(join(scratch.dir, 'match.db'), RECORDS);
});
after(() => {
  db.close();
  scratch.remove();
});

describe('matchInventory', () => {
  it('matches a binary package by its source package, on its own release only', () => {
    const found = matchInventory(inventory('11', [xorgCore('2:1.20.11-1+deb11u5')]), db);
    assert.equal(found.length, 1);
    const f = found[0]!;
    assert.equal(f.id, 'DSA-5380-1');
    assert.deepEqual(f.aliases, ['CVE-2023-1393']);
    assert.equal(f.status, 'fixed');
    assert.equal(f.fixedVersion, '2:1.20.11-1+deb11u6');
    assert.equal(f.package.ecosystem, 'Debian:11');
    assert.deepEqual(f.package.source, { name: 'xorg-server', version: '2:1.20.11-1+deb11u5' });
    // The tracker's CVE record folded in, bringing Debian's urgency.
    assert.equal(f.severity, 'high');
    assert.equal(f.severitySource, 'debian');
    assert.deepEqual(f.layer, { index: 0, diffId: 'sha256:aa' });
    assert.deepEqual(matchInventory(inventory('12', [xorgCore('2:1.20.11-1+deb11u5')]), db), []);
  });

  it('does not report a package at or past the fixed version (dpkg order, epochs and ~ included)', () => {
    assert.deepEqual(matchInventory(inventory('11', [xorgCore('2:1.20.11-1+deb11u6')]), db), []);
    assert.deepEqual(matchInventory(inventory('11', [xorgCore('2:21.1.4-1')]), db), []);
    // Epoch 1 sorts below epoch 2 whatever the upstream version.
    assert.equal(matchInventory(inventory('11', [xorgCore('1:99.0-1')]), db).length, 1);
  });

  it('reports an unfixed vulnerability with the feed’s status and no fixed version', () => {
    const curl = pkg({
      type: 'deb',
      name: 'libcurl4',
      version: '7.74.0-1.3+deb11u7',
      purl: 'pkg:deb/debian/libcurl4@7.74.0-1.3+deb11u7',
      source: { name: 'curl', version: '7.74.0-1.3+deb11u7' },
    });
    const found = matchInventory(inventory('11', [curl]), db);
    assert.deepEqual(
      found.map((f) => [f.id, f.status, f.fixedVersion]),
      [['CVE-2023-38545', 'will_not_fix', undefined]],
    );
    assert.equal(found[0]!.severity, 'unknown');
    assert.equal(found[0]!.severitySource, 'none');
  });

  it('matches language packages in their ecosystem, skipping OS-managed ones unless comprehensive', () => {
    const requests = pkg({
      type: 'pypi',
      name: 'requests',
      version: '2.28.1',
      purl: 'pkg:pypi/requests@2.28.1',
      location: 'usr/lib/python3/dist-packages/requests-2.28.1.egg-info',
      managedBy: { type: 'deb', purl: 'pkg:deb/debian/python3-requests@2.28.1+dfsg-1' },
    });
    const runc = pkg({
      type: 'golang',
      name: 'github.com/opencontainers/runc',
      version: 'v1.1.5',
      purl: 'pkg:golang/github.com/opencontainers/runc@v1.1.5',
      location: 'usr/local/bin/runc',
    });
    const inv = inventory('12', [requests, runc]);
    assert.deepEqual(
      matchInventory(inv, db).map((f) => f.id),
      ['GO-2024-2491'],
    );
    const all = matchInventory(inv, db, { detection: 'comprehensive' });
    assert.deepEqual(all.map((f) => f.id).sort(), ['GO-2024-2491', 'PYSEC-2023-74']);
    const pysec = all.find((f) => f.id === 'PYSEC-2023-74')!;
    assert.equal(pysec.fixedVersion, '2.31.0');
    assert.equal(pysec.severity, 'medium');
    assert.equal(pysec.severitySource, 'pypa');
    assert.equal(pysec.package.ecosystem, 'PyPI');
  });

  it('orders findings most severe first, then by package and id', () => {
    const packages = [
      xorgCore('2:1.20.11-1+deb11u5'),
      pkg({
        type: 'deb',
        name: 'curl',
        version: '7.74.0-1.3+deb11u5',
        purl: 'pkg:deb/debian/curl@7.74.0-1.3+deb11u5',
        source: { name: 'curl', version: '7.74.0-1.3+deb11u5' },
      }),
    ];
    const found = matchInventory(inventory('11', packages), db);
    assert.deepEqual(
      found.map((f) => `${f.severity}:${f.package.name}:${f.id}`),
      [
        'high:xserver-xorg-core:DSA-5380-1',
        'unknown:curl:CVE-2023-38545',
        'unknown:curl:DSA-5365-1',
      ],
    );
  });
});
