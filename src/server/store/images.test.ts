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
import { imageDetail, imageIdOf, listImages, packageKey, storeImageInventory } from './images.js';
import type { ImageRef } from './types.js';

const WEB: ImageRef = {
  digest: testDigest('1a'),
  digestKind: 'image',
  name: 'registry.example.com/shop/web:2.4.1',
};
const API: ImageRef = {
  digest: testDigest('2b'),
  digestKind: 'image',
  name: 'ghcr.io/example/api:1.0.0',
};
const AT = '2024-03-01T12:00:00.000Z';

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
const requests = {
  purl: 'pkg:pypi/requests@2.25.1',
  name: 'requests',
  version: '2.25.1',
  type: 'python',
  ecosystem: 'PyPI',
  release: '',
  matchName: 'requests',
  ecosystemLabel: 'PyPI',
  licenses: ['Apache-2.0'],
};

forEachStoreDialect('image inventories', (open) => {
  it('stores each package once across images and says which ones are new', async () => {
    const store = await open();
    const web = await storeImageInventory(
      store,
      WEB,
      { os: 'debian 11', packages: [curl, libcurl, zlib] },
      AT,
    );
    assert.equal(web.packageIds.length, 3);
    assert.deepEqual(
      web.newPackageIds,
      [...web.packageIds].sort((a, b) => a - b),
    );

    // The same packages again (one twice), and two new ones.
    const api = await storeImageInventory(
      store,
      API,
      { os: 'debian 11', packages: [zlib, libssl, curl, requests, curl] },
      AT,
    );
    assert.equal(api.packageIds.length, 4);
    assert.equal(api.newPackageIds.length, 2);
    const ids = new Map(
      (await store.db.selectFrom('packages').select(['id', 'key']).execute()).map((r) => [
        r.key,
        Number(r.id),
      ]),
    );
    assert.equal(ids.size, 5);
    assert.deepEqual(
      api.newPackageIds,
      [ids.get(packageKey(libssl))!, ids.get(packageKey(requests))!].sort((a, b) => a - b),
    );
    assert.ok(api.packageIds.includes(ids.get(packageKey(curl))!));
    assert.equal(await imageIdOf(store, API.digest), api.imageId);
    assert.equal(await imageIdOf(store, testDigest('ff')), undefined);

    // The same purl under another advisory key is another package.
    const unmatched = { ...curl, ecosystem: '', release: '', ecosystemLabel: '' };
    const third = await storeImageInventory(
      store,
      { digest: testDigest('3c'), digestKind: 'rootfs' },
      { packages: [unmatched] },
      AT,
    );
    assert.equal(third.newPackageIds.length, 1);
  });

  it('replaces an image’s packages and findings when it is stored again', async () => {
    const store = await open();
    await recordContainerEvents(store, [
      runEvent('node-1', 'a'.repeat(64), { ...WEB, name: undefined }, '2024-03-01T11:00:00.000Z'),
    ]);
    const findings = [
      {
        ruleId: 'aws-access-key-id',
        severity: 'critical',
        title: 'AWS access key ID',
        location: { path: 'app/.env', line: 3 },
      },
      { ruleId: 'CIS-DI-0001', severity: 'medium', title: 'Image runs as root', location: {} },
    ];
    const first = await storeImageInventory(
      store,
      WEB,
      { os: 'debian 11', packages: [curl, libcurl], findings },
      AT,
    );
    const second = await storeImageInventory(
      store,
      WEB,
      { os: 'debian 11', packages: [curl, zlib], findings: [findings[1]!] },
      '2024-03-02T12:00:00.000Z',
    );
    assert.equal(second.imageId, first.imageId);
    const detail = await imageDetail(store, WEB.digest);
    assert.ok(detail);
    assert.deepEqual(
      detail.packages.map((p) => p.name),
      ['curl', 'zlib1g'],
    );
    assert.deepEqual(detail.findings, [findings[1]]);
    assert.equal(detail.scannedAt, '2024-03-02T12:00:00.000Z');
    assert.equal(detail.firstSeen, '2024-03-01T11:00:00.000Z', 'first seen when its container ran');
    assert.equal(detail.name, WEB.name, 'the name the SBOM upload gave');
    assert.equal(detail.registry, 'registry.example.com');
    assert.equal(detail.packageCount, 2);
    assert.equal(detail.runningContainers, 1);
  });

  it('shows an image with its packages, licences, vulnerabilities and findings, sorted', async () => {
    const store = await open();
    const stored = await storeImageInventory(
      store,
      WEB,
      {
        os: 'debian 11',
        packages: [zlib, libcurl, curl, requests],
        findings: [
          {
            ruleId: 'CIS-DI-0001',
            severity: 'medium',
            title: 'Image runs as root',
            location: { path: 'Dockerfile' },
          },
        ],
      },
      AT,
    );
    const id = (pkg: { purl: string; ecosystem: string; release: string }) =>
      stored.packageIds[
        [zlib, libcurl, curl, requests].map(packageKey).sort().indexOf(packageKey(pkg))
      ]!;
    await insertVulnerability(store, {
      id: 'DSA-5365-1',
      aliases: ['CVE-2023-23916'],
      severity: 'medium',
      title: 'curl - security update',
      published: '2023-02-27',
      matches: [
        { packageId: id(curl), status: 'fixed', fixedVersion: '7.74.0-1.3+deb11u7' },
        { packageId: id(libcurl), status: 'fixed', fixedVersion: '7.74.0-1.3+deb11u7' },
      ],
    });
    await insertVulnerability(store, {
      id: 'DSA-5218-1',
      aliases: ['CVE-2022-37434'],
      severity: 'critical',
      published: '2022-08-25',
      matches: [
        {
          packageId: id(zlib),
          status: 'fixed',
          fixedVersion: '1:1.2.11.dfsg-2+deb11u2',
          severity: 'high',
        },
      ],
    });

    const detail = await imageDetail(store, WEB.digest);
    assert.ok(detail);
    assert.deepEqual(
      detail.packages.map((p) => [p.name, p.ecosystem, p.licenses]),
      [
        ['curl', 'Debian:11', ['curl']],
        ['libcurl4', 'Debian:11', ['curl']],
        ['requests', 'PyPI', ['Apache-2.0']],
        ['zlib1g', 'Debian:11', ['Zlib']],
      ],
    );
    assert.deepEqual(detail.packages[3], {
      name: 'zlib1g',
      version: '1:1.2.11.dfsg-2+deb11u1',
      type: 'deb',
      purl: 'pkg:deb/debian/zlib1g@1%3A1.2.11.dfsg-2%2Bdeb11u1?arch=amd64&distro=debian-11',
      ecosystem: 'Debian:11',
      licenses: ['Zlib'],
    });
    assert.deepEqual(
      detail.vulnerabilities.map((v) => [v.id, v.package.name, v.fixedVersion, v.severity]),
      [
        ['DSA-5218-1', 'zlib1g', '1:1.2.11.dfsg-2+deb11u2', 'high'],
        ['DSA-5365-1', 'curl', '7.74.0-1.3+deb11u7', 'medium'],
        ['DSA-5365-1', 'libcurl4', '7.74.0-1.3+deb11u7', 'medium'],
      ],
    );
    assert.deepEqual(detail.vulnerabilities[1], {
      id: 'DSA-5365-1',
      aliases: ['CVE-2023-23916'],
      severity: 'medium',
      title: 'curl - security update',
      published: '2023-02-27',
      package: { name: 'curl', version: '7.74.0-1.3+deb11u3', purl: curl.purl },
      status: 'fixed',
      fixedVersion: '7.74.0-1.3+deb11u7',
    });
    assert.deepEqual(detail.findings, [
      {
        ruleId: 'CIS-DI-0001',
        severity: 'medium',
        title: 'Image runs as root',
        location: { path: 'Dockerfile' },
      },
    ]);
    assert.equal(await imageDetail(store, testDigest('ee')), undefined);
  });

  it('lists images by digest a page at a time, or only those never scanned', async () => {
    const store = await open();
    await storeImageInventory(store, API, { packages: [requests] }, AT);
    const events = ['4d', '5e', '6f'].map((b, n) =>
      runEvent(
        'node-1',
        `${n}`.repeat(64),
        { digest: testDigest(b), digestKind: 'image', name: `nginx:1.2${n}` },
        AT,
      ),
    );
    await recordContainerEvents(store, events);
    const first = await listImages(store, { limit: 3 });
    assert.deepEqual(
      first.items.map((i) => i.digest),
      [API.digest, testDigest('4d'), testDigest('5e')],
    );
    assert.deepEqual(first.items[0], {
      digest: API.digest,
      digestKind: 'image',
      name: API.name,
      registry: 'ghcr.io',
      firstSeen: AT,
      scannedAt: AT,
      packageCount: 1,
      runningContainers: 0,
    });
    assert.equal(first.items[1]?.runningContainers, 1);
    const rest = await listImages(store, { limit: 3, after: first.next });
    assert.deepEqual(
      rest.items.map((i) => i.digest),
      [testDigest('6f')],
    );
    assert.equal(rest.next, undefined);
    const unscanned = await listImages(store, { unscanned: true });
    assert.deepEqual(
      unscanned.items.map((i) => [i.digest, i.registry, i.scannedAt]),
      [
        [testDigest('4d'), 'docker.io', undefined],
        [testDigest('5e'), 'docker.io', undefined],
        [testDigest('6f'), 'docker.io', undefined],
      ],
    );
  });
});
