import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InputError } from '../../errors.js';
import { forEachStoreDialect, runEvent, testDigest } from '../../testing/store-dialects.js';
import { listContainers, recordContainerEvents } from './containers.js';
import { listHosts } from './hosts.js';
import { storeImageInventory } from './images.js';
import type { ContainerEvent, FleetStore, ImageRef } from './types.js';

const NGINX: ImageRef = {
  digest: testDigest('a1'),
  digestKind: 'image',
  name: 'docker.io/library/nginx:1.25.3',
};
const POSTGRES: ImageRef = {
  digest: testDigest('b2'),
  digestKind: 'image',
  name: 'postgres:16.1-bookworm',
};
const ROOTFS: ImageRef = { digest: testDigest('c3'), digestKind: 'rootfs' };

const CID = (n: number) => n.toString(16).padStart(64, '7');

const startWeb = runEvent('node-1', CID(1), NGINX, '2024-03-01T08:00:00.000Z', {
  name: 'web-1',
  labels: { 'io.kubernetes.pod.namespace': 'shop', app: 'web' },
});
const stopWeb: ContainerEvent = { ...startWeb, stoppedAt: '2024-03-01T09:30:00.000Z' };
const startDb = runEvent('node-2', CID(2), POSTGRES, '2024-03-01T08:05:00.000Z', {
  name: 'db-0',
  runtime: 'crun',
  labels: { app: 'db' },
});
const startBuild = runEvent('node-2', CID(3), ROOTFS, '2024-03-01T10:00:00.000Z');

/** Every stored run, as comparable rows. */
async function storedRuns(store: FleetStore) {
  return store.db
    .selectFrom('containers as c')
    .innerJoin('images as i', 'i.id', 'c.image_id')
    .select([
      'c.host',
      'c.runtime',
      'c.container_id',
      'c.name',
      'c.labels',
      'c.started_at',
      'c.stopped_at',
      'i.digest',
    ])
    .orderBy('c.host')
    .orderBy('c.container_id')
    .execute();
}

forEachStoreDialect('container events', (open) => {
  it('records runs, their images (named, by registry) and hosts; a repeat or a reordering changes nothing', async () => {
    const inOrder = await open();
    const result = await recordContainerEvents(inOrder, [startWeb, startDb, startBuild, stopWeb]);
    assert.deepEqual(result, {
      accepted: 4,
      unknownImages: [NGINX.digest, POSTGRES.digest, ROOTFS.digest].sort(),
    });
    const expected = await storedRuns(inOrder);
    assert.equal(expected.length, 3);
    assert.deepEqual(
      expected.find((r) => r.container_id === CID(1)),
      {
        host: 'node-1',
        runtime: 'runc',
        container_id: CID(1),
        name: 'web-1',
        labels: '{"app":"web","io.kubernetes.pod.namespace":"shop"}',
        started_at: '2024-03-01T08:00:00.000Z',
        stopped_at: '2024-03-01T09:30:00.000Z',
        digest: NGINX.digest,
      },
    );
    const images = await inOrder.db
      .selectFrom('images')
      .select(['digest', 'digest_kind', 'name', 'registry', 'first_seen', 'scanned_at'])
      .orderBy('digest')
      .execute();
    assert.deepEqual(images, [
      {
        digest: NGINX.digest,
        digest_kind: 'image',
        name: NGINX.name,
        registry: 'docker.io',
        first_seen: '2024-03-01T08:00:00.000Z',
        scanned_at: null,
      },
      {
        digest: POSTGRES.digest,
        digest_kind: 'image',
        name: POSTGRES.name,
        registry: 'docker.io',
        first_seen: '2024-03-01T08:05:00.000Z',
        scanned_at: null,
      },
      {
        digest: ROOTFS.digest,
        digest_kind: 'rootfs',
        name: null,
        registry: null,
        first_seen: '2024-03-01T10:00:00.000Z',
        scanned_at: null,
      },
    ]);

    const twice = await open();
    await recordContainerEvents(twice, [startWeb, startDb, startBuild, stopWeb]);
    await recordContainerEvents(twice, [startWeb, startDb, startBuild, stopWeb]);
    await recordContainerEvents(twice, [stopWeb, startWeb]);
    assert.deepEqual(await storedRuns(twice), expected);

    // The stop before its start, in one batch and across batches; the start again after the stop.
    const reversed = await open();
    await recordContainerEvents(reversed, [stopWeb, startBuild, startDb, startWeb]);
    assert.deepEqual(await storedRuns(reversed), expected);
    const split = await open();
    await recordContainerEvents(split, [stopWeb]);
    await recordContainerEvents(split, [startBuild]);
    await recordContainerEvents(split, [startDb, startWeb]);
    await recordContainerEvents(split, [startWeb]);
    assert.deepEqual(await storedRuns(split), expected);
    assert.equal((await inOrder.db.selectFrom('images').select('id').execute()).length, 3);
  });

  it('fills what a run lacked (a name, labels) without overwriting what it had', async () => {
    const store = await open();
    const bare = runEvent('node-1', CID(9), NGINX, '2024-03-02T00:00:00.000Z');
    await recordContainerEvents(store, [bare]);
    await recordContainerEvents(store, [{ ...bare, name: 'late-name', labels: { app: 'web' } }]);
    await recordContainerEvents(store, [{ ...bare, name: 'other', labels: { app: 'other' } }]);
    const [row] = await storedRuns(store);
    assert.equal(row?.name, 'late-name');
    assert.equal(row?.labels, '{"app":"web"}');
  });

  it('names an image first seen without a name once an event names it, and keeps that name', async () => {
    const store = await open();
    const unnamed: ImageRef = { digest: POSTGRES.digest, digestKind: 'image' };
    await recordContainerEvents(store, [
      runEvent('node-1', CID(11), unnamed, '2024-03-02T00:00:00.000Z'),
    ]);
    const image = () =>
      store.db
        .selectFrom('images')
        .select(['name', 'registry', 'first_seen'])
        .executeTakeFirstOrThrow();
    assert.deepEqual(await image(), {
      name: null,
      registry: null,
      first_seen: '2024-03-02T00:00:00.000Z',
    });
    await recordContainerEvents(store, [
      runEvent('node-1', CID(12), POSTGRES, '2024-03-02T01:00:00.000Z'),
    ]);
    const named = {
      name: POSTGRES.name,
      registry: 'docker.io',
      first_seen: '2024-03-02T00:00:00.000Z',
    };
    assert.deepEqual(await image(), named);
    await recordContainerEvents(store, [
      runEvent(
        'node-1',
        CID(13),
        { ...POSTGRES, name: 'ghcr.io/example/postgres:16' },
        '2024-03-02T02:00:00.000Z',
      ),
    ]);
    assert.deepEqual(await image(), named);
  });

  it('applies 5,000 events over 1,500 images in one batch (more than one statement can bind)', async () => {
    const store = await open();
    const events: ContainerEvent[] = [];
    for (let n = 0; n < 5000; n++) {
      const image: ImageRef = {
        digest: `sha256:${(n % 1500).toString(16).padStart(64, '0')}`,
        digestKind: 'image',
        name: `registry.example.com/batch/job-${n % 1500}:2024.03`,
      };
      const startedAt = new Date(Date.UTC(2024, 2, 3) + n * 1000).toISOString();
      events.push(
        runEvent(`node-${n % 40}`, CID(100_000 + n), image, startedAt, {
          labels: { 'batch.kubernetes.io/job-name': `job-${n % 1500}` },
          ...(n % 2 === 0
            ? { stoppedAt: new Date(Date.UTC(2024, 2, 3) + n * 1000 + 60_000).toISOString() }
            : {}),
        }),
      );
    }
    const result = await recordContainerEvents(store, events);
    assert.equal(result.accepted, 5000);
    assert.equal(result.unknownImages.length, 1500);
    assert.deepEqual(result.unknownImages, [...result.unknownImages].sort());
    const count = async (running: boolean) =>
      Number(
        (
          await store.db
            .selectFrom('containers')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('stopped_at', running ? 'is' : 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await count(true), 2500);
    assert.equal(await count(false), 2500);
    const hosts = await listHosts(store);
    assert.equal(hosts.length, 40);
    assert.equal(
      hosts.reduce((sum, h) => sum + h.runningContainers, 0),
      2500,
    );
    // Again, in reverse: nothing changes.
    await recordContainerEvents(store, events.slice().reverse());
    assert.equal(await count(true), 2500);
  });

  it('applies batches from several agents at once, each reporting its own host, without a deadlock', async () => {
    const store = await open();
    // Every batch names every host and image, reported from a different host, with starts in one batch and the
    // stops of the same runs in another: the row locks concurrent transactions take overlap every way round.
    const image = (n: number): ImageRef => ({
      digest: `sha256:${(n % 50).toString(16).padStart(64, 'e')}`,
      digestKind: 'image',
    });
    const start = (n: number) =>
      runEvent(
        `node-${n % 20}`,
        CID(200_000 + n),
        image(n),
        new Date(Date.UTC(2024, 2, 4) + n * 1000).toISOString(),
      );
    const runs = Array.from({ length: 2000 }, (_, n) => start(n));
    const stops = runs.map((e) => ({
      ...e,
      stoppedAt: new Date(Date.parse(e.startedAt) + 30_000).toISOString(),
    }));
    const batches = [
      runs.slice(0, 1000),
      stops.slice(0, 1000),
      runs.slice(1000),
      stops.slice(1000),
      stops,
      runs,
    ];
    await Promise.all(
      batches.map((events, i) =>
        recordContainerEvents(store, events, {
          name: `node-${(i * 7) % 20}`,
          labels: { agent: String(i) },
          seenAt: new Date(Date.UTC(2024, 2, 5, 0, i)).toISOString(),
        }),
      ),
    );
    const rows = await store.db
      .selectFrom('containers')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('stopped_at').as('stopped')])
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(rows.n), Number(rows.stopped)], [2000, 2000]);
    assert.equal((await listHosts(store)).length, 20);
  });

  it('says which images still lack an SBOM', async () => {
    const store = await open();
    await storeImageInventory(
      store,
      NGINX,
      { os: 'debian 12', packages: [] },
      '2024-03-01T07:00:00.000Z',
    );
    const result = await recordContainerEvents(store, [startWeb, startDb]);
    assert.deepEqual(result.unknownImages, [POSTGRES.digest]);
    assert.deepEqual(await recordContainerEvents(store, []), { accepted: 0, unknownImages: [] });
  });

  it('lists runs newest first, filtered by state, host, image, labels and time, a page at a time', async () => {
    const store = await open();
    const stopDb: ContainerEvent = { ...startDb, stoppedAt: '2024-03-01T08:10:00.000Z' };
    await recordContainerEvents(store, [startWeb, stopWeb, startDb, stopDb, startBuild]);
    const ids = (rows: { containerId: string }[]) => rows.map((r) => r.containerId);

    const running = await listContainers(store, {});
    assert.deepEqual(ids(running.items), [CID(3)]);
    assert.equal(running.next, undefined);
    assert.deepEqual(running.items[0], {
      host: 'node-2',
      runtime: 'runc',
      containerId: CID(3),
      image: { digest: ROOTFS.digest },
      labels: {},
      startedAt: '2024-03-01T10:00:00.000Z',
    });
    assert.deepEqual(ids((await listContainers(store, { state: 'all' })).items), [
      CID(3),
      CID(2),
      CID(1),
    ]);
    const stopped = await listContainers(store, { state: 'stopped' });
    assert.deepEqual(ids(stopped.items), [CID(2), CID(1)]);
    assert.deepEqual(stopped.items[1], {
      host: 'node-1',
      runtime: 'runc',
      containerId: CID(1),
      name: 'web-1',
      image: { digest: NGINX.digest, name: NGINX.name },
      labels: { app: 'web', 'io.kubernetes.pod.namespace': 'shop' },
      startedAt: '2024-03-01T08:00:00.000Z',
      stoppedAt: '2024-03-01T09:30:00.000Z',
    });

    assert.deepEqual(ids((await listContainers(store, { state: 'all', host: 'node-2' })).items), [
      CID(3),
      CID(2),
    ]);
    assert.deepEqual(
      ids((await listContainers(store, { state: 'all', image: NGINX.digest })).items),
      [CID(1)],
    );
    assert.deepEqual(
      ids(
        (
          await listContainers(store, {
            state: 'all',
            labels: { 'io.kubernetes.pod.namespace': 'shop' },
          })
        ).items,
      ),
      [CID(1)],
    );
    assert.deepEqual(
      ids(
        (
          await listContainers(store, {
            state: 'all',
            labels: { app: 'web', 'io.kubernetes.pod.namespace': 'x' },
          })
        ).items,
      ),
      [],
    );
    // Ran at some moment of [08:20, 09:00]: web (08:00-09:30) only; db stopped at 08:10, the build began at 10:00.
    assert.deepEqual(
      ids(
        (
          await listContainers(store, {
            state: 'all',
            since: '2024-03-01T08:20:00.000Z',
            until: '2024-03-01T09:00:00.000Z',
          })
        ).items,
      ),
      [CID(1)],
    );
    assert.deepEqual(
      ids((await listContainers(store, { state: 'all', since: '2024-03-01T09:45:00.000Z' })).items),
      [CID(3)],
    );

    const first = await listContainers(store, { state: 'all', limit: 2 });
    assert.deepEqual(ids(first.items), [CID(3), CID(2)]);
    assert.ok(first.next);
    const second = await listContainers(store, { state: 'all', limit: 2, after: first.next });
    assert.deepEqual(ids(second.items), [CID(1)]);
    assert.equal(second.next, undefined);

    await assert.rejects(listContainers(store, { after: 'not-a-cursor' }), InputError);
    await assert.rejects(listContainers(store, { limit: 0 }), InputError);
  });

  it('matches a label whose key holds a quote, and caps a page at 1,000', async () => {
    const store = await open();
    const quoted = runEvent('node-1', CID(7), NGINX, '2024-03-05T00:00:00.000Z', {
      labels: { 'odd"key': 'v', 'com.docker.compose.project': 'shop' },
    });
    await recordContainerEvents(store, [quoted]);
    assert.equal((await listContainers(store, { labels: { 'odd"key': 'v' } })).items.length, 1);
    assert.equal(
      (await listContainers(store, { labels: { 'com.docker.compose.project': 'shop' } })).items
        .length,
      1,
    );
    assert.equal((await listContainers(store, { labels: { 'odd"key': 'w' } })).items.length, 0);
    assert.equal((await listContainers(store, { limit: 5000 })).items.length, 1);
  });
});
