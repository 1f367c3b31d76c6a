import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { BUSTER_OS, busterPackage } from '../../testing/buster-inventory.js';
import { scratchDir } from '../../testing/fixtures.js';
import { forEachStoreDialect } from '../../testing/store-dialects.js';
import { bundledTestDb } from '../../testing/vulndb.js';
import { VulnDatabase } from '../../vulndb/database.js';
import type { ServerContext } from '../context.js';
import { ingestInventory } from '../ingest/store-inventory.js';
import { listAlerts } from '../store/alerts.js';
import { recordContainerEvents } from '../store/containers.js';
import { vulnerabilityImpact } from '../store/impact.js';
import { getMeta } from '../store/meta.js';
import { MATCHED_DB_KEY, databaseIdentity, rematchAll } from './rematch.js';

const scratch = scratchDir('server-rematch');
let v1: VulnDatabase;
let v2: VulnDatabase;

before(async () => {
  // v1: the bundled real data without the Debian LTS advisories; v2: all of it, as after `seawall db update`.
  const full = await bundledTestDb();
  const v1Path = join(scratch.dir, 'v1.db');
  copyFileSync(full, v1Path);
  const writable = VulnDatabase.open(v1Path);
  writable.removeSource('bundled:DLA-list');
  writable.close();
  v1 = VulnDatabase.open(v1Path, { readonly: true });
  v2 = VulnDatabase.open(full, { readonly: true });
});
after(() => {
  v1.close();
  v2.close();
  scratch.remove();
});

const deb = busterPackage;
const BUSTER = BUSTER_OS;
const CURL_IMAGE = `sha256:${'c0'.repeat(32)}`;
const IDLE_IMAGE = `sha256:${'d0'.repeat(32)}`;

/** A webhook that records what it is sent and answers with `status`. */
async function webhook(status: { code: number }) {
  const received: Array<{
    alerts: Array<{ vulnerability: string; image: { digest: string }; runningContainers: number }>;
  }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (status.code === 200) received.push(JSON.parse(body));
      res.writeHead(status.code).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

forEachStoreDialect('re-matching after a database update', (open) => {
  it('finds the new advisories without the images, alerts for running containers, and delivers', async () => {
    const store = await open();
    const status = { code: 500 };
    const hook = await webhook(status);
    let current = v1;
    const ctx: ServerContext = {
      store,
      vulnDb: () => current,
      registryAllow: [],
      webhookUrl: hook.url,
      now: () => new Date('2026-11-23T12:00:00Z'),
    };
    try {
      const packages = [
        deb('curl', 'curl', '7.64.0-4+deb10u2'),
        deb('libcurl4', 'curl', '7.64.0-4+deb10u2'),
      ];
      await ingestInventory(
        ctx,
        { digest: CURL_IMAGE, digestKind: 'image', name: 'registry.example.com/web:1' },
        { os: BUSTER, packages },
      );
      await ingestInventory(
        ctx,
        { digest: IDLE_IMAGE, digestKind: 'image' },
        { os: BUSTER, packages: [packages[0]!] },
      );
      const run = (id: string, digest: string, stoppedAt?: string) => ({
        host: 'node-1',
        runtime: 'runc',
        containerId: id,
        image: { digest, digestKind: 'image' as const },
        labels: { app: 'web' },
        startedAt: '2026-11-23T11:00:00.000Z',
        ...(stoppedAt ? { stoppedAt } : {}),
      });
      await recordContainerEvents(store, [
        run('web-1', CURL_IMAGE),
        run('web-2', CURL_IMAGE),
        run('old', IDLE_IMAGE, '2026-11-23T11:30:00.000Z'),
      ]);

      const before = await vulnerabilityImpact(store, 'CVE-2023-23916');
      assert.equal(before.totals.images, 0, 'v1 has no DLA-3341-1');

      current = v2;
      const result = await rematchAll(ctx);
      assert.ok(result.added >= 3, `the DLAs add matches (${result.added})`);
      assert.equal(result.removed, 0);
      assert.equal(await getMeta(store, MATCHED_DB_KEY), databaseIdentity(v2));

      const impact = await vulnerabilityImpact(store, 'CVE-2023-23916');
      assert.deepEqual(
        impact.vulnerabilities.map((v) => v.id),
        ['DLA-3341-1'],
      );
      assert.deepEqual(impact.images.map((i) => i.digest).sort(), [CURL_IMAGE, IDLE_IMAGE]);
      const web = impact.images.find((i) => i.digest === CURL_IMAGE)!;
      assert.deepEqual(web.packages.map((p) => [p.name, p.fixedVersion]).sort(), [
        ['curl', '7.64.0-4+deb10u5'],
        ['libcurl4', '7.64.0-4+deb10u5'],
      ]);
      assert.equal(impact.totals.runningContainers, 2);
      assert.deepEqual(
        impact.hosts.map((h) => [h.host, h.containers.map((c) => c.containerId).sort()]),
        [['node-1', ['web-1', 'web-2']]],
      );

      // Alerts: only the image with running containers, one per new vulnerability; the webhook refused them.
      const alerts = await listAlerts(store, {});
      assert.equal(alerts.length, result.alerts);
      assert.ok(
        alerts.every(
          (a) => a.image.digest === CURL_IMAGE && a.runningContainers === 2 && !a.deliveredAt,
        ),
      );
      const dla = alerts.find((a) => a.vulnerability === 'DLA-3341-1');
      assert.ok(dla);
      assert.deepEqual(dla.packages, packages.map((p) => p.purl).sort());
      assert.equal(hook.received.length, 0);

      // The same database again changes nothing; the webhook, back, gets the undelivered alerts.
      status.code = 200;
      const again = await rematchAll(ctx);
      assert.equal(again.added, 0);
      assert.equal(again.alerts, 0);
      assert.equal(hook.received.flatMap((b) => b.alerts).length, alerts.length);
      const received = hook.received
        .flatMap((b) => b.alerts)
        .find((a) => a.vulnerability === 'DLA-3341-1');
      assert.equal(received?.image.digest, CURL_IMAGE);
      assert.equal(received?.runningContainers, 2);
      assert.ok(
        (await listAlerts(store, {})).every((a) => a.deliveredAt === '2026-11-23T12:00:00.000Z'),
      );

      // Back to v1: the DLA matches go, and no alert is raised for a removal.
      current = v1;
      const back = await rematchAll(ctx);
      assert.ok(back.removed >= 3);
      assert.equal(back.alerts, 0);
      assert.equal((await vulnerabilityImpact(store, 'DLA-3341-1')).totals.images, 0);
    } finally {
      await hook.close();
      await store.close();
    }
  });
});
