import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStoreDialect, testDigest } from '../../testing/store-dialects.js';
import { insertAlerts, listAlerts, markAlertsDelivered, undeliveredAlerts } from './alerts.js';
import { storeImageInventory } from './images.js';

const WEB = {
  digest: testDigest('a7'),
  digestKind: 'image' as const,
  name: 'registry.example.com/shop/web:2.4.1',
};
const JOB = { digest: testDigest('b8'), digestKind: 'rootfs' as const };

forEachStoreDialect('alerts', (open) => {
  it('stores alerts in order, lists them after an id, and marks them delivered', async () => {
    const store = await open();
    const web = await storeImageInventory(store, WEB, { packages: [] }, '2024-03-01T00:00:00.000Z');
    const job = await storeImageInventory(store, JOB, { packages: [] }, '2024-03-01T00:00:00.000Z');
    const createdAt = '2024-03-02T06:00:00.000Z';
    const curl = 'pkg:deb/debian/curl@7.74.0-1.3%2Bdeb11u3?arch=amd64&distro=debian-11';
    const libcurl = 'pkg:deb/debian/libcurl4@7.74.0-1.3%2Bdeb11u3?arch=amd64&distro=debian-11';
    const ids = await insertAlerts(store, [
      {
        createdAt,
        vulnId: 'DSA-5365-1',
        imageId: web.imageId,
        packages: [curl, libcurl],
        runningContainers: 12,
      },
      {
        createdAt,
        vulnId: 'DSA-5365-1',
        imageId: job.imageId,
        packages: [curl],
        runningContainers: 1,
      },
      {
        createdAt,
        vulnId: 'DSA-5343-1',
        imageId: web.imageId,
        packages: [],
        runningContainers: 12,
      },
    ]);
    assert.equal(ids.length, 3);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.deepEqual(await insertAlerts(store, []), []);

    const all = await listAlerts(store, {});
    assert.deepEqual(
      all.map((a) => a.id),
      ids,
    );
    assert.deepEqual(all[0], {
      id: ids[0],
      createdAt,
      vulnerability: 'DSA-5365-1',
      image: { digest: WEB.digest, name: WEB.name },
      packages: [curl, libcurl],
      runningContainers: 12,
    });
    assert.deepEqual(all[1]?.image, { digest: JOB.digest });
    assert.deepEqual(
      (await listAlerts(store, { after: ids[0], limit: 1 })).map((a) => a.id),
      [ids[1]],
    );

    await markAlertsDelivered(store, [ids[0]!, ids[2]!], '2024-03-02T06:00:05.000Z');
    assert.deepEqual(
      (await undeliveredAlerts(store)).map((a) => a.id),
      [ids[1]],
    );
    // Delivered once: a second delivery does not move the time.
    await markAlertsDelivered(store, [ids[0]!], '2024-03-03T00:00:00.000Z');
    assert.equal((await listAlerts(store, {}))[0]?.deliveredAt, '2024-03-02T06:00:05.000Z');
  });

  it('inserts more alerts than one statement holds, keeping their order', async () => {
    const store = await open();
    const web = await storeImageInventory(store, WEB, { packages: [] }, '2024-03-01T00:00:00.000Z');
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      createdAt: '2024-03-02T06:00:00.000Z',
      vulnId: `GHSA-${i.toString(36).padStart(4, '0')}-x2m4-8f4q`,
      imageId: web.imageId,
      packages: ['pkg:npm/lodash@4.17.20'],
      runningContainers: i,
    }));
    const ids = await insertAlerts(store, rows);
    assert.equal(new Set(ids).size, 2500);
    const stored = await undeliveredAlerts(store);
    assert.deepEqual(
      stored.map((a) => [a.id, a.runningContainers]),
      ids.map((id, i) => [id, i]),
    );
  });
});
