// Alerts: a vulnerability newly matched in an image with running containers, kept until the webhook takes it (or for
// `GET /v1/alerts`), in order of creation.

import { chunks } from './chunks.js';
import { pageLimit } from './containers.js';
import { writeTransaction } from './transaction.js';
import type { AlertRow, FleetStore } from './types.js';

export interface NewAlert {
  createdAt: string;
  vulnId: string;
  imageId: number;
  packages: string[];
  runningContainers: number;
}

/** Stores the alerts; their ids, in the order given. */
export async function insertAlerts(
  store: FleetStore,
  rows: readonly NewAlert[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  return writeTransaction(store, async (tx) => {
    const ids: number[] = [];
    for (const slice of chunks(rows)) {
      const inserted = await tx
        .insertInto('alerts')
        .values(
          slice.map((r) => ({
            created_at: r.createdAt,
            vuln_id: r.vulnId,
            image_id: r.imageId,
            packages: JSON.stringify(r.packages),
            running_containers: r.runningContainers,
            delivered_at: null,
          })),
        )
        .returning('id')
        .execute();
      // One statement's ids ascend in the order of its rows (a sequence, or SQLite's rowid); RETURNING itself
      // promises no order, so they are sorted.
      ids.push(...inserted.map((r) => Number(r.id)).sort((a, b) => a - b));
    }
    return ids;
  });
}

/** Alerts after the id `after`, oldest first; `limit` defaults to 100, at most 1,000. */
export async function listAlerts(
  store: FleetStore,
  options: { after?: number; limit?: number } = {},
): Promise<AlertRow[]> {
  const limit = pageLimit(options.limit);
  return selectAlerts(store, (q) => {
    const after = options.after;
    return (after === undefined ? q : q.where('a.id', '>', after)).limit(limit);
  });
}

/** Every alert the webhook has not taken yet, oldest first. */
export async function undeliveredAlerts(store: FleetStore): Promise<AlertRow[]> {
  return selectAlerts(store, (q) => q.where('a.delivered_at', 'is', null));
}

export async function markAlertsDelivered(
  store: FleetStore,
  ids: readonly number[],
  at: string,
): Promise<void> {
  for (const slice of chunks(ids)) {
    await store.db
      .updateTable('alerts')
      .set({ delivered_at: at })
      .where('id', 'in', slice)
      .where('delivered_at', 'is', null)
      .execute();
  }
}

function alertsQuery(store: FleetStore) {
  return store.db
    .selectFrom('alerts as a')
    .innerJoin('images as i', 'i.id', 'a.image_id')
    .select([
      'a.id',
      'a.created_at',
      'a.vuln_id',
      'a.packages',
      'a.running_containers',
      'a.delivered_at',
      'i.digest',
      'i.name',
    ])
    .orderBy('a.id');
}

async function selectAlerts(
  store: FleetStore,
  refine: (query: ReturnType<typeof alertsQuery>) => ReturnType<typeof alertsQuery>,
): Promise<AlertRow[]> {
  const rows = await refine(alertsQuery(store)).execute();
  return rows.map((r) => {
    const row: AlertRow = {
      id: Number(r.id),
      createdAt: r.created_at,
      vulnerability: r.vuln_id,
      image: r.name !== null ? { digest: r.digest, name: r.name } : { digest: r.digest },
      packages: JSON.parse(r.packages) as string[],
      runningContainers: Number(r.running_containers),
    };
    if (r.delivered_at !== null) row.deliveredAt = r.delivered_at;
    return row;
  });
}
