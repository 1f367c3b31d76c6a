import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InputError } from '../../errors.js';
import {
  bullseyePackage,
  forEachStoreDialect,
  insertVulnerability,
  runEvent,
  testDigest,
} from '../../testing/store-dialects.js';
import { recordContainerEvents } from './containers.js';
import { packageKey, storeImageInventory } from './images.js';
import { vulnerabilityImpact } from './impact.js';
import type { FleetStore, ImageRef, StoredPackageInput } from './types.js';

const AT = '2024-03-01T12:00:00.000Z';
const WEB: ImageRef = {
  digest: testDigest('c1'),
  digestKind: 'image',
  name: 'registry.example.com/shop/web:2.4.1',
};
const API: ImageRef = {
  digest: testDigest('a2'),
  digestKind: 'image',
  name: 'registry.example.com/shop/api:1.9.0',
};
const OLD: ImageRef = {
  digest: testDigest('b3'),
  digestKind: 'image',
  name: 'registry.example.com/shop/legacy:0.9',
};
const IDLE: ImageRef = {
  digest: testDigest('d4'),
  digestKind: 'image',
  name: 'registry.example.com/tools/debug:1',
};
const ALPINE: ImageRef = { digest: testDigest('e5'), digestKind: 'image', name: 'alpine:3.19.1' };

const curl = bullseyePackage('curl', '7.74.0-1.3+deb11u3', { licenses: ['curl'] });
const libcurl = bullseyePackage('libcurl4', '7.74.0-1.3+deb11u3', {
  source: 'curl',
  licenses: ['curl'],
});
const oldCurl = bullseyePackage('curl', '7.74.0-1.3+deb11u1', { licenses: ['curl'] });
const libssl = bullseyePackage('libssl1.1', '1.1.1n-0+deb11u3', {
  source: 'openssl',
  licenses: ['OpenSSL'],
});
const busybox: StoredPackageInput = {
  purl: 'pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1',
  name: 'busybox',
  version: '1.36.1-r15',
  type: 'apk',
  ecosystem: 'Alpine',
  release: 'v3.19',
  matchName: 'busybox',
  ecosystemLabel: 'Alpine:v3.19',
  licenses: ['GPL-2.0-only'],
};

const cid = (n: number) => `${n}`.repeat(64).slice(0, 64);

/** Five images, curl's advisories matching four of them, containers on three hosts. */
async function fleet(store: FleetStore): Promise<void> {
  const ids = new Map<string, number>();
  for (const [ref, packages] of [
    [WEB, [curl, libcurl, libssl]],
    [API, [curl, libssl]],
    [OLD, [oldCurl]],
    [IDLE, [curl]],
    [ALPINE, [busybox]],
  ] as const) {
    const stored = await storeImageInventory(
      store,
      ref,
      { os: 'debian 11', packages: [...packages] },
      AT,
    );
    const keys = packages.map(packageKey).sort();
    keys.forEach((k, i) => ids.set(k, stored.packageIds[i]!));
  }
  const id = (p: StoredPackageInput) => ids.get(packageKey(p))!;
  await insertVulnerability(store, {
    id: 'DSA-5365-1',
    aliases: ['CVE-2023-23916'],
    severity: 'medium',
    title: 'curl - security update',
    published: '2023-02-27',
    matches: [curl, libcurl, oldCurl].map((p) => ({
      packageId: id(p),
      status: 'fixed',
      fixedVersion: '7.74.0-1.3+deb11u7',
    })),
  });
  await insertVulnerability(store, {
    id: 'DSA-5330-1',
    aliases: ['CVE-2022-32221', 'CVE-2022-43552'],
    severity: 'high',
    published: '2023-01-27',
    matches: [{ packageId: id(oldCurl), status: 'fixed', fixedVersion: '7.74.0-1.3+deb11u5' }],
  });
  const start = '2024-03-01T08:00:00.000Z';
  await recordContainerEvents(store, [
    runEvent('node-1', cid(1), WEB, start, { name: 'web-1' }),
    runEvent('node-1', cid(2), WEB, '2024-03-01T08:01:00.000Z', { name: 'web-2' }),
    runEvent('node-2', cid(3), WEB, start, { name: 'web-3' }),
    runEvent('node-3', cid(4), WEB, start, { stoppedAt: '2024-03-01T09:00:00.000Z' }),
    runEvent('node-2', cid(5), API, start, { runtime: 'crun' }),
    runEvent('node-3', cid(6), OLD, start),
    runEvent('node-3', cid(7), OLD, '2024-03-01T07:00:00.000Z'),
    runEvent('node-4', cid(8), IDLE, start, { stoppedAt: '2024-03-01T08:30:00.000Z' }),
    runEvent('node-4', cid(9), ALPINE, start),
  ]);
}

forEachStoreDialect('vulnerability impact', (open) => {
  it('counts exactly when more images are affected than a query names (1,200 images, a base package)', async () => {
    const store = await open();
    // A base package every image shares, and a running container on every third image, on 7 hosts.
    const base = bullseyePackage('libc6', '2.31-13+deb11u5', {
      source: 'glibc',
      licenses: ['LGPL-2.1-or-later'],
    });
    const events = [];
    let packageId = 0;
    for (let n = 0; n < 1200; n++) {
      const ref: ImageRef = {
        digest: testDigest(n.toString(16).padStart(4, '0')),
        digestKind: 'image',
      };
      const stored = await storeImageInventory(
        store,
        ref,
        { os: 'debian 11', packages: [base] },
        AT,
      );
      packageId = stored.packageIds[0]!;
      if (n % 3 === 0) events.push(runEvent(`node-${n % 7}`, cid(n + 10), ref, AT));
    }
    await recordContainerEvents(store, events);
    await insertVulnerability(store, {
      id: 'DSA-5514-1',
      aliases: ['CVE-2023-4911'],
      severity: 'high',
      published: '2023-10-03',
      matches: [{ packageId, status: 'fixed', fixedVersion: '2.31-13+deb11u7' }],
    });
    const impact = await vulnerabilityImpact(store, 'CVE-2023-4911', { imageLimit: 450 });
    assert.deepEqual(impact.totals, { images: 1200, runningContainers: 400, hosts: 7 });
    assert.equal(
      impact.hosts.reduce((sum, h) => sum + h.runningContainers, 0),
      400,
    );
    // The 400 running images first (one container each, then by digest), then idle ones by digest.
    assert.equal(impact.images.length, 450);
    assert.ok(impact.images.slice(0, 400).every((i) => i.runningContainers === 1));
    assert.ok(impact.images.slice(400).every((i) => i.runningContainers === 0));
    const idle = impact.images.slice(400).map((i) => i.digest);
    assert.deepEqual(idle, [...idle].sort());
  });

  it('finds the images and running containers of a CVE through the advisory that lists it', async () => {
    const store = await open();
    await fleet(store);
    const impact = await vulnerabilityImpact(store, 'CVE-2023-23916');
    assert.equal(impact.query, 'CVE-2023-23916');
    assert.deepEqual(impact.vulnerabilities, [
      {
        id: 'DSA-5365-1',
        aliases: ['CVE-2023-23916'],
        severity: 'medium',
        title: 'curl - security update',
        published: '2023-02-27',
      },
    ]);
    // Most running containers first, then by digest; the image nobody runs comes last.
    assert.deepEqual(
      impact.images.map((i) => [i.name, i.runningContainers]),
      [
        [WEB.name, 3],
        [OLD.name, 2],
        [API.name, 1],
        [IDLE.name, 0],
      ],
    );
    assert.deepEqual(impact.images[0]?.packages, [
      {
        name: 'curl',
        version: '7.74.0-1.3+deb11u3',
        purl: curl.purl,
        status: 'fixed',
        fixedVersion: '7.74.0-1.3+deb11u7',
      },
      {
        name: 'libcurl4',
        version: '7.74.0-1.3+deb11u3',
        purl: libcurl.purl,
        status: 'fixed',
        fixedVersion: '7.74.0-1.3+deb11u7',
      },
    ]);
    // Each host's containers in the order of their images, newest first within one.
    assert.deepEqual(impact.hosts, [
      {
        host: 'node-1',
        runningContainers: 2,
        containers: [
          {
            runtime: 'runc',
            containerId: cid(2),
            name: 'web-2',
            image: WEB.digest,
            startedAt: '2024-03-01T08:01:00.000Z',
          },
          {
            runtime: 'runc',
            containerId: cid(1),
            name: 'web-1',
            image: WEB.digest,
            startedAt: '2024-03-01T08:00:00.000Z',
          },
        ],
      },
      {
        host: 'node-2',
        runningContainers: 2,
        containers: [
          {
            runtime: 'runc',
            containerId: cid(3),
            name: 'web-3',
            image: WEB.digest,
            startedAt: '2024-03-01T08:00:00.000Z',
          },
          {
            runtime: 'crun',
            containerId: cid(5),
            image: API.digest,
            startedAt: '2024-03-01T08:00:00.000Z',
          },
        ],
      },
      {
        host: 'node-3',
        runningContainers: 2,
        containers: [
          {
            runtime: 'runc',
            containerId: cid(6),
            image: OLD.digest,
            startedAt: '2024-03-01T08:00:00.000Z',
          },
          {
            runtime: 'runc',
            containerId: cid(7),
            image: OLD.digest,
            startedAt: '2024-03-01T07:00:00.000Z',
          },
        ],
      },
    ]);
    assert.deepEqual(impact.totals, { images: 4, runningContainers: 6, hosts: 3 });

    // By the advisory's own id, or the CVE in lower case: the same answer.
    const byId = await vulnerabilityImpact(store, 'DSA-5365-1');
    assert.deepEqual({ ...byId, query: 'CVE-2023-23916' }, impact);
    const lower = await vulnerabilityImpact(store, 'cve-2023-23916');
    assert.deepEqual(lower.totals, impact.totals);
  });

  it('caps the images listed but keeps every total exact', async () => {
    const store = await open();
    await fleet(store);
    const impact = await vulnerabilityImpact(store, 'CVE-2023-23916', { imageLimit: 2 });
    assert.deepEqual(
      impact.images.map((i) => i.digest),
      [WEB.digest, OLD.digest],
    );
    assert.deepEqual(impact.totals, { images: 4, runningContainers: 6, hosts: 3 });
    const node2 = impact.hosts.find((h) => h.host === 'node-2');
    assert.equal(node2?.runningContainers, 2);
    assert.deepEqual(
      node2?.containers.map((c) => c.containerId),
      [cid(3)],
      'only the containers of the images listed',
    );
    // Two containers at most: the top image's newest, then by host.
    const sample = await vulnerabilityImpact(store, 'CVE-2023-23916', { containerLimit: 2 });
    assert.deepEqual(
      sample.hosts.map((h) => [
        h.host,
        h.runningContainers,
        h.containers.map((c) => c.containerId),
      ]),
      [
        ['node-1', 2, [cid(2), cid(1)]],
        ['node-2', 2, []],
        ['node-3', 2, []],
      ],
    );
    assert.equal(sample.images.length, 4);
    const none = await vulnerabilityImpact(store, 'CVE-2023-23916', {
      imageLimit: 0,
      containerLimit: 0,
    });
    assert.deepEqual(none.images, []);
    assert.ok(none.hosts.every((h) => h.containers.length === 0));
    assert.deepEqual(none.totals, { images: 4, runningContainers: 6, hosts: 3 });
    await assert.rejects(
      vulnerabilityImpact(store, 'CVE-2023-23916', { imageLimit: -1 }),
      InputError,
    );

    // A second container of API ties it with OLD for the last place: the smaller digest takes it.
    await recordContainerEvents(store, [
      runEvent('node-4', cid(10), API, '2024-03-01T09:00:00.000Z'),
    ]);
    const tied = await vulnerabilityImpact(store, 'CVE-2023-23916', { imageLimit: 2 });
    assert.deepEqual(
      tied.images.map((i) => [i.digest, i.runningContainers]),
      [
        [WEB.digest, 3],
        [API.digest, 2],
      ],
    );
    assert.deepEqual(tied.totals, { images: 4, runningContainers: 7, hosts: 4 });
  });

  it('narrows to the package versions an advisory matches; an unknown id affects nothing', async () => {
    const store = await open();
    await fleet(store);
    const older = await vulnerabilityImpact(store, 'CVE-2022-43552');
    assert.deepEqual(
      older.vulnerabilities.map((v) => [v.id, v.aliases]),
      [['DSA-5330-1', ['CVE-2022-32221', 'CVE-2022-43552']]],
    );
    assert.deepEqual(
      older.images.map((i) => [
        i.digest,
        i.packages.map((p) => `${p.name}@${p.version} fixed in ${p.fixedVersion}`),
      ]),
      [[OLD.digest, ['curl@7.74.0-1.3+deb11u1 fixed in 7.74.0-1.3+deb11u5']]],
    );
    assert.deepEqual(older.totals, { images: 1, runningContainers: 2, hosts: 1 });

    assert.deepEqual(await vulnerabilityImpact(store, 'CVE-2024-3094'), {
      query: 'CVE-2024-3094',
      vulnerabilities: [],
      images: [],
      hosts: [],
      totals: { images: 0, runningContainers: 0, hosts: 0 },
    });
  });
});
