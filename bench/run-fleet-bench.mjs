// `npm run bench`, seventh part: the fleet server at the scale. A synthetic fleet (bench/fleet/) of 20,000
// images of 300 real packages each, 1,000 hosts and 1,000,000 containers over a day is loaded into the store on
// SQLite and on PostgreSQL; container events go through the HTTP API as agents send them; then the impact query's
// latency is measured over HTTP, and all images are matched again after a database update.
// Targets: ingest >= 5,000 events/s; impact p99 <= 50 ms; re-match of all images <= 60 s.
// Exit status: 0 every target met; 1 a step failed; 3 measured, but a target was missed.

import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { request, Agent } from 'undici';
import { VulnDatabase } from '../dist/vulndb/database.js';
import { openScanDatabase } from '../dist/vulndb/bundled.js';
import { openStore } from '../dist/server/store/open-store.js';
import { createToken } from '../dist/server/store/tokens.js';
import { ingestInventory } from '../dist/server/ingest/store-inventory.js';
import { rematchAll } from '../dist/server/match/rematch.js';
import { startServer } from '../dist/server/http/start-server.js';
import { freePort } from '../dist/testing/ports.js';
import { freshDatabase, startPostgres } from '../dist/testing/postgres.js';
import {
  containerRuns,
  eventOf,
  eventOrder,
  images,
  packagePool,
} from './fleet/synthetic-fleet.mjs';

const TARGETS = { eventsPerSecond: 5000, impactP99Ms: 50, rematchSeconds: 60 };

const { values: opts } = parseArgs({
  options: {
    images: { type: 'string', default: '20000' },
    packages: { type: 'string', default: '300' },
    hosts: { type: 'string', default: '1000' },
    containers: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '500' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    senders: { type: 'string', default: '4' },
    batch: { type: 'string', default: '1000' },
    work: { type: 'string', default: '.work/bench/fleet' },
  },
});
const work = resolve(opts.work);
mkdirSync(work, { recursive: true });
const log = (msg) => console.error(`bench: fleet: ${msg}`);
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Two databases: v1 without the Debian LTS advisories (DLA-list), v2 the whole bundled set: the "update". */
async function databases() {
  const full = await openScanDatabase(undefined, { onWarning: log });
  const v2Path = full.status().path;
  full.close();
  const v1Path = join(work, 'vulndb-v1.db');
  copyFileSync(v2Path, v1Path);
  const v1 = VulnDatabase.open(v1Path);
  const dla = v1.status().sources.find((s) => s.location.endsWith('DLA-list'));
  if (!dla) throw new Error('the bundled database has no DLA-list source to leave out of v1');
  v1.removeSource(dla.location);
  v1.close();
  return {
    v1: VulnDatabase.open(v1Path, { readonly: true }),
    v2: VulnDatabase.open(v2Path, { readonly: true }),
    v2Path,
  };
}

async function storeFor(dialect) {
  if (dialect === 'sqlite') {
    const file = join(work, 'fleet.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return { store: await openStore({ kind: 'sqlite', file }), stop: async () => {} };
  }
  // PostgreSQL's own defaults (fsync, synchronous commit), not the tests' fast settings.
  await startPostgres({ durable: true });
  const url = await freshDatabase();
  return {
    store: await openStore({ kind: 'postgres', url }),
    stop: async () => (await startPostgres()).stop(),
  };
}

async function runDialect(dialect, dbs, pool) {
  log(`${dialect}: opening the store`);
  const { store, stop } = await storeFor(dialect);
  let current = dbs.v1;
  const ctx = { store, vulnDb: () => current, registryAllow: [], now: () => new Date() };
  const result = { dialect };
  let server;
  try {
    // Images, through the same path an SBOM upload takes (parse aside), several at a time as agents would.
    const stored = [];
    const t0 = performance.now();
    const concurrency = dialect === 'sqlite' ? 1 : 4;
    const pending = new Set();
    for (const image of images(pool, {
      count: Number(opts.images),
      packagesPerImage: Number(opts.packages),
    })) {
      const ref = { digest: image.digest, digestKind: 'image', name: image.name };
      const p = ingestInventory(ctx, ref, { os: image.os, packages: image.packages }).then(() =>
        pending.delete(p),
      );
      pending.add(p);
      stored.push({ digest: image.digest, name: image.name });
      if (pending.size >= concurrency) await Promise.race(pending);
      if (stored.length % 2000 === 0) log(`${dialect}: ${stored.length} images stored`);
    }
    await Promise.all(pending);
    result.imagesPerSecond = stored.length / ((performance.now() - t0) / 1000);
    log(`${dialect}: ${stored.length} images in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const port = await freePort();
    server = await startServer(ctx, { port, rateLimit: { max: 1_000_000, timeWindow: 60_000 } });
    const agentToken = (await createToken(store, 'agent', 'bench-agent', new Date().toISOString()))
      .token;
    const viewerToken = (
      await createToken(store, 'viewer', 'bench-viewer', new Date().toISOString())
    ).token;
    const dispatcher = new Agent({ connections: 8, keepAliveTimeout: 30_000 });

    // Container events, in time order, in batches from several senders at once.
    const end = Date.UTC(2026, 10, 23, 12, 0, 0);
    const runs = containerRuns({
      count: Number(opts.containers),
      hosts: Number(opts.hosts),
      images: stored,
      end,
    });
    const order = eventOrder(runs);
    const batch = Number(opts.batch);
    let next = 0;
    let sent = 0;
    const send = async () => {
      while (next < order.length) {
        const from = next;
        next = Math.min(order.length, next + batch);
        const events = [];
        for (let i = from; i < next; i++) events.push(eventOf(runs, order[i]));
        const res = await request(`${server.url}/v1/agent/report`, {
          method: 'POST',
          dispatcher,
          headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            host: { name: events[0].host, labels: { zone: 'bench' } },
            events,
          }),
        });
        const body = await res.body.text();
        if (res.statusCode !== 200)
          throw new Error(`report answered ${res.statusCode}: ${body.slice(0, 200)}`);
        sent += events.length;
      }
    };
    const t1 = performance.now();
    await Promise.all(Array.from({ length: Number(opts.senders) }, send));
    const seconds = (performance.now() - t1) / 1000;
    result.events = sent;
    result.eventsPerSecond = sent / seconds;
    result.runningContainers = runs.filter((r) => r.stop === undefined).length;
    log(
      `${dialect}: ${sent} events in ${seconds.toFixed(1)} s (${result.eventsPerSecond.toFixed(0)}/s)`,
    );

    // What PostgreSQL's manual asks after a bulk load ("Populating a Database": run ANALYZE afterwards): fresh
    // statistics, and a visibility map so index-only scans need no heap visits. Autovacuum would get there on its
    // own, later, while the queries below ran; the time it takes is reported.
    if (dialect === 'postgres') {
      const v0 = performance.now();
      await sql`VACUUM (ANALYZE)`.execute(store.db);
      result.vacuumSeconds = (performance.now() - v0) / 1000;
      log(`${dialect}: VACUUM (ANALYZE) in ${result.vacuumSeconds.toFixed(1)} s`);
    }

    // The impact query: vulnerabilities stored images have, asked by their own id and by an alias, one at a time.
    const ids = await queryIds(store, Number(opts.queries));
    const latencies = [];
    for (const id of ids) {
      const q0 = performance.now();
      const res = await request(
        `${server.url}/v1/vulnerabilities/${encodeURIComponent(id)}/impact`,
        {
          dispatcher,
          headers: { authorization: `Bearer ${viewerToken}` },
        },
      );
      const body = await res.body.json();
      latencies.push(performance.now() - q0);
      if (res.statusCode !== 200 || body.totals.images === 0)
        throw new Error(`impact of ${id}: ${res.statusCode} ${JSON.stringify(body).slice(0, 200)}`);
    }
    latencies.sort((a, b) => a - b);
    result.impact = {
      queries: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
    };
    log(
      `${dialect}: impact p50 ${result.impact.p50Ms.toFixed(1)} ms, p99 ${result.impact.p99Ms.toFixed(1)} ms`,
    );

    // The database update: every stored package matched again against v2.
    current = dbs.v2;
    const r = await rematchAll(ctx);
    result.rematch = r;
    log(
      `${dialect}: re-match of ${r.packages} packages in ${r.seconds.toFixed(1)} s: +${r.added} -${r.removed}, ${r.alerts} alerts`,
    );
    await dispatcher.close();
  } finally {
    await server?.close();
    await store.close();
    await stop();
  }
  result.met =
    result.eventsPerSecond >= TARGETS.eventsPerSecond &&
    result.impact.p99Ms <= TARGETS.impactP99Ms &&
    result.rematch.seconds <= TARGETS.rematchSeconds;
  return result;
}

/** Ids to ask about: stored vulnerabilities picked evenly, every other one by an alias when it has one. */
async function queryIds(store, count) {
  const rows = await store.db
    .selectFrom('vulnerabilities')
    .select(['id', 'aliases'])
    .orderBy('id')
    .execute();
  const out = [];
  const step = Math.max(1, Math.floor(rows.length / count));
  for (let i = 0; i < rows.length && out.length < count; i += step) {
    const aliases = JSON.parse(rows[i].aliases);
    out.push(out.length % 2 === 1 && aliases.length > 0 ? aliases[0] : rows[i].id);
  }
  return out;
}

let failed = false;
const results = [];
try {
  const dbs = await databases();
  const pool = packagePool(dbs.v2Path);
  for (const dialect of opts.dialects.split(','))
    results.push(await runDialect(dialect, dbs, pool));
} catch (err) {
  failed = true;
  console.error(`bench: fleet benchmark failed: ${err instanceof Error ? err.stack : err}`);
}
writeFileSync(
  join(work, 'fleet-results.json'),
  `${JSON.stringify({ options: opts, targets: TARGETS, results }, null, 2)}\n`,
);
for (const r of results) {
  console.log(
    `fleet      ${r.dialect}: ${r.eventsPerSecond.toFixed(0)} events/s (target >= ${TARGETS.eventsPerSecond}), ` +
      `impact p99 ${r.impact.p99Ms.toFixed(1)} ms (<= ${TARGETS.impactP99Ms}), ` +
      `re-match ${r.rematch.seconds.toFixed(1)} s (<= ${TARGETS.rematchSeconds}) ${r.met ? 'met' : 'MISSED'}`,
  );
}
process.exitCode = failed ? 1 : results.every((r) => r.met) ? 0 : 3;
