import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  bullseyePackage,
  forEachStoreDialect,
  insertVulnerability,
  runEvent,
  testDigest,
} from '../../testing/store-dialects.js';
import { recordContainerEvents } from './containers.js';
import { packageKey, storeImageInventory } from './images.js';
import {
  imagesByFixAge,
  imagesOutsideRegistries,
  licenseCounts,
  registryAllowed,
} from './reports.js';
import type { FleetStore, ImageRef, StoredPackageInput } from './types.js';

const AT = '2024-03-01T12:00:00.000Z';
const WEB: ImageRef = {
  digest: testDigest('11'),
  digestKind: 'image',
  name: 'registry.example.com/shop/web:2.4.1',
};
const API: ImageRef = {
  digest: testDigest('22'),
  digestKind: 'image',
  name: 'eu.registry.example.com:5000/shop/api:1',
};
const HUB: ImageRef = { digest: testDigest('33'), digestKind: 'image', name: 'nginx:1.25.3' };
const GHCR: ImageRef = {
  digest: testDigest('44'),
  digestKind: 'image',
  name: 'ghcr.io/example/worker:3',
};
const ROOT: ImageRef = { digest: testDigest('55'), digestKind: 'rootfs' };
const SEEN: ImageRef = {
  digest: testDigest('66'),
  digestKind: 'image',
  name: 'example.com/base:1',
};

const curl = bullseyePackage('curl', '7.74.0-1.3+deb11u3', { licenses: ['curl'] });
const libcurl = bullseyePackage('libcurl4', '7.74.0-1.3+deb11u3', {
  source: 'curl',
  licenses: ['curl'],
});
const zlib = bullseyePackage('zlib1g', '1:1.2.11.dfsg-2+deb11u1', {
  source: 'zlib',
  licenses: ['Zlib'],
});
const libssl = bullseyePackage('libssl1.1', '1.1.1n-0+deb11u3', {
  source: 'openssl',
  licenses: ['OpenSSL'],
});
const tzdata = bullseyePackage('tzdata', '2021a-1+deb11u8');
const bash = bullseyePackage('bash', '5.1-2+deb11u1', {
  licenses: ['GPL-3.0-or-later', 'GPL-3.0-only'],
});

async function store3(store: FleetStore) {
  const ids = new Map<string, number>();
  const put = async (ref: ImageRef, packages: StoredPackageInput[]) => {
    const stored = await storeImageInventory(store, ref, { os: 'debian 11', packages }, AT);
    packages
      .map(packageKey)
      .sort()
      .forEach((k, i) => ids.set(k, stored.packageIds[i]!));
  };
  await put(WEB, [curl, libcurl, zlib, tzdata]);
  await put(API, [curl, libssl, bash]);
  await put(HUB, [zlib]);
  return (p: StoredPackageInput) => ids.get(packageKey(p))!;
}

it('allows registries by exact host, host:port, or a wildcard domain', () => {
  assert.equal(registryAllowed('registry.example.com', 'registry.example.com'), true);
  assert.equal(registryAllowed('registry.example.com', 'Registry.Example.com:443'), true);
  assert.equal(registryAllowed('registry.example.com:5000', 'registry.example.com'), false);
  assert.equal(registryAllowed('*.example.com', 'eu.registry.example.com:5000'), true);
  assert.equal(registryAllowed('*.example.com', 'example.com'), false);
  assert.equal(registryAllowed('*.example.com', 'badexample.com'), false);
  assert.equal(registryAllowed('docker.io', 'docker.io'), true);
});

forEachStoreDialect('fleet reports', (open) => {
  it('counts licences by package and image; a package without one is NOASSERTION', async () => {
    const store = await open();
    await store3(store);
    // An image seen running but never scanned has no packages to count.
    await recordContainerEvents(store, [runEvent('node-1', 'f'.repeat(64), SEEN, AT)]);
    assert.deepEqual(await licenseCounts(store), [
      { license: 'curl', packages: 2, images: 2 },
      { license: 'Zlib', packages: 1, images: 2 },
      { license: 'GPL-3.0-only', packages: 1, images: 1 },
      { license: 'GPL-3.0-or-later', packages: 1, images: 1 },
      { license: 'NOASSERTION', packages: 1, images: 1 },
      { license: 'OpenSSL', packages: 1, images: 1 },
    ]);
  });

  it('orders images by the age of the oldest fix they lack, at a pinned time', async () => {
    const store = await open();
    const id = await store3(store);
    await insertVulnerability(store, {
      id: 'DSA-5365-1',
      aliases: ['CVE-2023-23916'],
      severity: 'medium',
      published: '2023-02-27',
      matches: [curl, libcurl].map((p) => ({
        packageId: id(p),
        status: 'fixed',
        fixedVersion: '7.74.0-1.3+deb11u7',
      })),
    });
    await insertVulnerability(store, {
      id: 'DSA-5218-1',
      aliases: ['CVE-2022-37434'],
      severity: 'critical',
      published: '2022-08-25',
      matches: [{ packageId: id(zlib), status: 'fixed', fixedVersion: '1:1.2.11.dfsg-2+deb11u2' }],
    });
    await insertVulnerability(store, {
      id: 'DSA-5343-1',
      aliases: ['CVE-2023-0286', 'CVE-2022-4304'],
      severity: 'high',
      published: '2023-02-07',
      matches: [{ packageId: id(libssl), status: 'fixed', fixedVersion: '1.1.1n-0+deb11u4' }],
    });
    // No fix: not counted.
    await insertVulnerability(store, {
      id: 'CVE-2022-3715',
      aliases: [],
      severity: 'high',
      published: '2023-01-05',
      matches: [{ packageId: id(bash), status: 'affected' }],
    });
    await recordContainerEvents(store, [
      runEvent('node-1', 'a'.repeat(64), API, AT),
      runEvent('node-2', 'b'.repeat(64), API, AT),
    ]);

    const now = new Date('2024-03-01T00:00:00Z');
    const rows = await imagesByFixAge(store, now);
    assert.deepEqual(rows, [
      {
        digest: WEB.digest,
        name: WEB.name,
        missingFixes: 2,
        newestFixPublished: '2023-02-27',
        oldestFixPublished: '2022-08-25',
        ageDays: 554,
        runningContainers: 0,
      },
      {
        digest: HUB.digest,
        name: HUB.name,
        missingFixes: 1,
        newestFixPublished: '2022-08-25',
        oldestFixPublished: '2022-08-25',
        ageDays: 554,
        runningContainers: 0,
      },
      {
        digest: API.digest,
        name: API.name,
        missingFixes: 2,
        newestFixPublished: '2023-02-27',
        oldestFixPublished: '2023-02-07',
        ageDays: 388,
        runningContainers: 2,
      },
    ]);
    assert.deepEqual(
      (await imagesByFixAge(store, now, { limit: 1 })).map((r) => r.digest),
      [WEB.digest],
    );
  });

  it('lists images from registries outside the allowed ones, and those of no known registry', async () => {
    const store = await open();
    await store3(store);
    await recordContainerEvents(store, [
      runEvent('node-1', 'a'.repeat(64), GHCR, AT),
      runEvent('node-1', 'b'.repeat(64), ROOT, AT),
    ]);
    const outside = await imagesOutsideRegistries(store, ['*.example.com', 'docker.io']);
    assert.deepEqual(
      outside.map((i) => [i.digest, i.registry]),
      [
        [GHCR.digest, 'ghcr.io'],
        [ROOT.digest, undefined],
      ],
    );
    assert.equal(outside[0]?.runningContainers, 1);
    assert.deepEqual(
      (await imagesOutsideRegistries(store, ['registry.example.com'])).map((i) => i.digest),
      [API.digest, HUB.digest, GHCR.digest, ROOT.digest].sort(),
    );
    assert.equal((await imagesOutsideRegistries(store, [])).length, 5);
  });
});
