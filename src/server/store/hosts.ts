// The hosts agents report from: one row per host name with its labels and when it was first and last seen, kept by
// the event batches (src/server/store/containers.ts) and listed with how many containers run on each now.

import type { ExpressionBuilder, Kysely, OnConflictDatabase, OnConflictTables } from 'kysely';
import type { FleetDatabase } from './schema.js';
import type { FleetStore, HostReport, HostRow } from './types.js';

/** A label set as stored: JSON with sorted keys, so equal sets are equal text. */
export function labelsJson(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, labels[k]])));
}

/**
 * Records hosts in one transaction's `db`: the reporting host with its labels and agent (taken when the report is
 * not older than what is stored), and the other hosts events name, by the times of their events. First-seen only
 * moves back, last-seen only forward, so batches applied in any order leave the same rows.
 */
export async function recordHosts(
  db: Kysely<FleetDatabase>,
  report: HostReport | undefined,
  seen: ReadonlyMap<string, { first: string; last: string }>,
): Promise<void> {
  const others = [...seen]
    .filter(([name]) => name !== report?.name)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  // Every host row in name order, the reporting host's at its place: concurrent batches then lock shared hosts in
  // one order and cannot deadlock (PostgreSQL), whichever host each reports from.
  const split = report ? others.findIndex(([name]) => name > report.name) : -1;
  await upsertSeenHosts(db, split === -1 ? others : others.slice(0, split));
  if (report) await upsertReportedHost(db, report);
  if (split !== -1) await upsertSeenHosts(db, others.slice(split));
}

/** The reporting host: its labels and agent are taken when the report is not older than what is stored. */
async function upsertReportedHost(db: Kysely<FleetDatabase>, report: HostReport): Promise<void> {
  await db
    .insertInto('hosts')
    .values({
      name: report.name,
      labels: labelsJson(report.labels),
      first_seen: report.seenAt,
      last_seen: report.seenAt,
      agent: report.agent ?? null,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => {
        const newer = eb('excluded.last_seen', '>=', eb.ref('hosts.last_seen'));
        return {
          labels: eb
            .case()
            .when(newer)
            .then(eb.ref('excluded.labels'))
            .else(eb.ref('hosts.labels'))
            .end(),
          agent: eb
            .case()
            .when(eb.and([newer, eb('excluded.agent', 'is not', null)]))
            .then(eb.ref('excluded.agent'))
            .else(eb.ref('hosts.agent'))
            .end(),
          last_seen: eb
            .case()
            .when(newer)
            .then(eb.ref('excluded.last_seen'))
            .else(eb.ref('hosts.last_seen'))
            .end(),
          first_seen: earliestFirstSeen(eb),
        };
      }),
    )
    .execute();
}

/** First-seen only moves back, whatever order reports arrive in. */
function earliestFirstSeen(
  eb: ExpressionBuilder<OnConflictDatabase<FleetDatabase, 'hosts'>, OnConflictTables<'hosts'>>,
) {
  return eb
    .case()
    .when('excluded.first_seen', '<', eb.ref('hosts.first_seen'))
    .then(eb.ref('excluded.first_seen'))
    .else(eb.ref('hosts.first_seen'))
    .end();
}

/** Hosts the events name, by the times of their events. */
async function upsertSeenHosts(
  db: Kysely<FleetDatabase>,
  others: ReadonlyArray<[string, { first: string; last: string }]>,
): Promise<void> {
  for (let i = 0; i < others.length; i += 1000) {
    await db
      .insertInto('hosts')
      .values(
        others.slice(i, i + 1000).map(([name, times]) => ({
          name,
          labels: '{}',
          first_seen: times.first,
          last_seen: times.last,
          agent: null,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            last_seen: eb
              .case()
              .when('excluded.last_seen', '>', eb.ref('hosts.last_seen'))
              .then(eb.ref('excluded.last_seen'))
              .else(eb.ref('hosts.last_seen'))
              .end(),
            first_seen: earliestFirstSeen(eb),
          }))
          .where((eb) =>
            eb.or([
              eb('excluded.last_seen', '>', eb.ref('hosts.last_seen')),
              eb('excluded.first_seen', '<', eb.ref('hosts.first_seen')),
            ]),
          ),
      )
      .execute();
  }
}

/** Every host, by name, with the number of containers running on it now. */
export async function listHosts(store: FleetStore): Promise<HostRow[]> {
  const [hosts, running] = await Promise.all([
    store.db.selectFrom('hosts').selectAll().orderBy('name').execute(),
    store.db
      .selectFrom('containers')
      .where('stopped_at', 'is', null)
      .select(['host', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('host')
      .execute(),
  ]);
  const counts = new Map(running.map((r) => [r.host, Number(r.n)]));
  return hosts
    .map((h) => {
      const row: HostRow = {
        name: h.name,
        labels: JSON.parse(h.labels) as Record<string, string>,
        firstSeen: h.first_seen,
        lastSeen: h.last_seen,
        runningContainers: counts.get(h.name) ?? 0,
      };
      if (h.agent !== null) row.agent = h.agent;
      return row;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
