// After a vulnerability database update: every stored package is matched again (by its stored key, no image is read
// again), the differences are written, and each new (vulnerability, image) pair with containers running now raises an
// alert, delivered to the webhook when one is set.

import { deliverAlerts } from '../alerts/deliver-alerts.js';
import type { ServerContext } from '../context.js';
import { insertAlerts } from '../store/alerts.js';
import { setMeta } from '../store/meta.js';
import {
  packagesToMatch,
  replacePackageMatches,
  runningImagesOfPackages,
} from '../store/package-matches.js';
import type { VulnDatabase } from '../../vulndb/database.js';
import { matchPackages } from './match-packages.js';

export interface RematchResult {
  packages: number;
  added: number;
  removed: number;
  alerts: number;
  seconds: number;
}

/** The meta key holding which database the stored matches come from. */
export const MATCHED_DB_KEY = 'vulndb';

/** What identifies a database's contents: its last import time and its row counts. */
export function databaseIdentity(db: VulnDatabase): string {
  const status = db.status();
  return `${status.updatedAt ?? 'never'} ${status.counts.advisories} ${status.counts.affected}`;
}

export async function rematchAll(ctx: ServerContext): Promise<RematchResult> {
  const started = process.hrtime.bigint();
  const db = ctx.vulnDb();
  const rows = await packagesToMatch(ctx.store);
  const changes = await replacePackageMatches(ctx.store, matchPackages(db, rows));
  const alerts = await raiseAlerts(ctx, changes.added);
  await setMeta(ctx.store, MATCHED_DB_KEY, databaseIdentity(db));
  // Also retries what an earlier delivery left undelivered.
  await deliverAlerts(ctx);
  return {
    packages: rows.length,
    added: changes.added.length,
    removed: changes.removed,
    alerts,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** One alert per new (vulnerability, image) pair whose image has containers running now. */
async function raiseAlerts(
  ctx: ServerContext,
  added: ReadonlyArray<{ packageId: number; vulnId: string }>,
): Promise<number> {
  if (added.length === 0) return 0;
  const running = await runningImagesOfPackages(
    ctx.store,
    added.map((a) => a.packageId),
  );
  if (running.size === 0) return 0;
  const purls = new Map<number, string>();
  for (const row of await packagesToMatch(ctx.store, [...running.keys()]))
    purls.set(row.id, row.purl);
  const pairs = new Map<
    string,
    { vulnId: string; imageId: number; running: number; packages: Set<string> }
  >();
  for (const { packageId, vulnId } of added) {
    for (const { imageId, running: n } of running.get(packageId) ?? []) {
      const key = `${vulnId}\n${imageId}`;
      const pair = pairs.get(key) ?? { vulnId, imageId, running: n, packages: new Set<string>() };
      pair.packages.add(purls.get(packageId) ?? String(packageId));
      pairs.set(key, pair);
    }
  }
  const createdAt = ctx.now().toISOString();
  const rows = [...pairs.values()]
    .sort((a, b) => (a.vulnId < b.vulnId ? -1 : a.vulnId > b.vulnId ? 1 : a.imageId - b.imageId))
    .map((p) => ({
      createdAt,
      vulnId: p.vulnId,
      imageId: p.imageId,
      packages: [...p.packages].sort(),
      runningContainers: p.running,
    }));
  await insertAlerts(ctx.store, rows);
  return rows.length;
}
