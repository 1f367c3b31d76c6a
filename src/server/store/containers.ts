// Container runs as agents report them: batches of start and stop events applied in one transaction, idempotently
// (a run is its host, runtime, id and start time), and the runs listed with filters. SQLite's upsert, which
// PostgreSQL shares: https://www.sqlite.org/lang_upsert.html, https://www.postgresql.org/docs/current/sql-insert.html

import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { InputError } from '../../errors.js';
import { labelsJson, recordHosts } from './hosts.js';
import { registryOf } from './registry-of.js';
import { writeTransaction } from './transaction.js';
import type { FleetDatabase } from './schema.js';
import type {
  ContainerEvent,
  ContainerFilter,
  ContainerRow,
  EventBatchResult,
  FleetStore,
  HostReport,
  Page,
} from './types.js';

/**
 * Rows per multi-row statement. A container row binds 8 values: 2,000 rows stay under SQLite's 32,766 and
 * PostgreSQL's 65,535 bound parameters, and a batch of ~1,000 events is one statement.
 */
const CONTAINER_ROWS = 2000;
/** Values in one `in (...)` list or one image insert (7 values a row). */
const LIST_CHUNK = 1000;

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

interface Run {
  host: string;
  runtime: string;
  container_id: string;
  name: string | null;
  digest: string;
  labels: string;
  started_at: string;
  stopped_at: string | null;
}

interface SeenImage {
  digest: string;
  kind: string;
  name: string | null;
  first: string;
}

/**
 * Applies a batch of events (and the reporting host's report) in one transaction. A run's start and stop may come
 * in either order, in one batch or several, any number of times: the stored run is the same. Returns the digests of
 * the batch's images that have no stored SBOM, sorted.
 */
export async function recordContainerEvents(
  store: FleetStore,
  events: readonly ContainerEvent[],
  host?: HostReport,
): Promise<EventBatchResult> {
  const runs = new Map<string, Run>();
  const images = new Map<string, SeenImage>();
  const hosts = new Map<string, { first: string; last: string }>();
  for (const e of events) {
    const key = `${e.host}\0${e.runtime}\0${e.containerId}\0${e.startedAt}`;
    const labels = labelsJson(e.labels);
    const run = runs.get(key);
    if (!run) {
      runs.set(key, {
        host: e.host,
        runtime: e.runtime,
        container_id: e.containerId,
        name: e.name || null,
        digest: e.image.digest,
        labels,
        started_at: e.startedAt,
        stopped_at: e.stoppedAt ?? null,
      });
    } else {
      // The same merge the upsert makes with a stored run: what is known first is kept, gaps are filled.
      run.stopped_at ??= e.stoppedAt ?? null;
      run.name ??= e.name || null;
      if (run.labels === '{}') run.labels = labels;
    }
    const image = images.get(e.image.digest);
    if (!image)
      images.set(e.image.digest, {
        digest: e.image.digest,
        kind: e.image.digestKind,
        name: e.image.name || null,
        first: e.startedAt,
      });
    else {
      image.name ??= e.image.name || null;
      if (e.startedAt < image.first) image.first = e.startedAt;
    }
    const last = e.stoppedAt && e.stoppedAt > e.startedAt ? e.stoppedAt : e.startedAt;
    const seen = hosts.get(e.host);
    if (!seen) hosts.set(e.host, { first: e.startedAt, last });
    else {
      if (e.startedAt < seen.first) seen.first = e.startedAt;
      if (last > seen.last) seen.last = last;
    }
  }
  if (runs.size === 0 && !host) return { accepted: events.length, unknownImages: [] };

  return writeTransaction(store, async (tx) => {
    await recordHosts(tx, host, hosts);
    const ids = await ensureImages(tx, [...images.values()]);
    // In the unique index's order: concurrent batches lock shared runs in one order, and inserts walk the index.
    const rows = [...runs.values()]
      .sort(
        (a, b) =>
          compareText(a.host, b.host) ||
          compareText(a.started_at, b.started_at) ||
          compareText(a.runtime, b.runtime) ||
          compareText(a.container_id, b.container_id),
      )
      .map(({ digest, ...run }) => ({ ...run, image_id: ids.get(digest)!.id }));
    for (let i = 0; i < rows.length; i += CONTAINER_ROWS)
      await upsertRuns(tx, store.dialect, rows.slice(i, i + CONTAINER_ROWS));
    const unknownImages = [...ids.values()]
      .filter((i) => !i.scanned)
      .map((i) => i.digest)
      .sort();
    return { accepted: events.length, unknownImages };
  });
}

type RunRow = Omit<Run, 'digest'> & { image_id: number };

/**
 * Inserts runs, or fills what a stored run lacks: its stop time, a name, labels. PostgreSQL takes the rows as one
 * array per column through unnest (8 bound values whatever the count, and about a third faster than as many VALUES
 * rows); SQLite as multi-row VALUES.
 */
async function upsertRuns(
  db: Kysely<FleetDatabase>,
  dialect: FleetStore['dialect'],
  rows: RunRow[],
): Promise<void> {
  const insert = db.insertInto('containers');
  const source =
    dialect === 'postgres'
      ? insert
          .columns([
            'host',
            'runtime',
            'container_id',
            'name',
            'image_id',
            'labels',
            'started_at',
            'stopped_at',
          ])
          .expression(
            sql`select * from unnest(${rows.map((r) => r.host)}::text[], ${rows.map((r) => r.runtime)}::text[],
              ${rows.map((r) => r.container_id)}::text[], ${rows.map((r) => r.name)}::text[],
              ${rows.map((r) => r.image_id)}::int4[], ${rows.map((r) => r.labels)}::text[],
              ${rows.map((r) => r.started_at)}::text[], ${rows.map((r) => r.stopped_at)}::text[])`,
          )
      : insert.values(rows);
  await source
    .onConflict((oc) =>
      oc
        .columns(['host', 'runtime', 'container_id', 'started_at'])
        .doUpdateSet((eb) => ({
          stopped_at: eb.fn.coalesce('containers.stopped_at', 'excluded.stopped_at'),
          name: eb.fn.coalesce('containers.name', 'excluded.name'),
          labels: eb
            .case()
            .when('containers.labels', '=', '{}')
            .then(eb.ref('excluded.labels'))
            .else(eb.ref('containers.labels'))
            .end(),
        }))
        // A repeat changes nothing, so it writes nothing (no new row version in PostgreSQL).
        .where((eb) =>
          eb.or([
            eb.and([
              eb('containers.stopped_at', 'is', null),
              eb('excluded.stopped_at', 'is not', null),
            ]),
            eb.and([eb('containers.name', 'is', null), eb('excluded.name', 'is not', null)]),
            eb.and([eb('containers.labels', '=', '{}'), eb('excluded.labels', '<>', '{}')]),
          ]),
        ),
    )
    .execute();
}

/**
 * The ids of the batch's images, inserting those the store has not seen and naming those it knew without a name.
 * Read first, written only when something is missing: nearly every batch names images the store has, and an upsert
 * would lock (in PostgreSQL, write) each of their rows.
 */
async function ensureImages(
  db: Kysely<FleetDatabase>,
  images: SeenImage[],
): Promise<Map<string, { id: number; digest: string; scanned: boolean }>> {
  images.sort((a, b) => (a.digest < b.digest ? -1 : 1));
  const out = new Map<string, { id: number; digest: string; scanned: boolean }>();
  for (let i = 0; i < images.length; i += LIST_CHUNK) {
    const chunk = images.slice(i, i + LIST_CHUNK);
    const byDigest = new Map(chunk.map((image) => [image.digest, image]));
    const unnamed: Array<{ id: number; name: string }> = [];
    const read = async (digests: string[]) => {
      const rows = await db
        .selectFrom('images')
        .select(['id', 'digest', 'scanned_at', 'name'])
        .where('digest', 'in', digests)
        .execute();
      for (const r of rows) {
        out.set(r.digest, { id: Number(r.id), digest: r.digest, scanned: r.scanned_at !== null });
        const seen = byDigest.get(r.digest);
        if (r.name === null && seen?.name) unnamed.push({ id: Number(r.id), name: seen.name });
      }
    };
    await read(chunk.map((image) => image.digest));
    const missing = chunk.filter((image) => !out.has(image.digest));
    if (missing.length > 0) {
      const inserted = await db
        .insertInto('images')
        .values(
          missing.map((image) => ({
            digest: image.digest,
            digest_kind: image.kind,
            name: image.name,
            registry: image.name ? (registryOf(image.name) ?? null) : null,
            first_seen: image.first,
            scanned_at: null,
            package_count: 0,
          })),
        )
        .onConflict((oc) => oc.column('digest').doNothing())
        .returning(['id', 'digest'])
        .execute();
      for (const r of inserted)
        out.set(r.digest, { id: Number(r.id), digest: r.digest, scanned: false });
      // Inserted meanwhile by a concurrent batch (PostgreSQL).
      const raced = missing.filter((image) => !out.has(image.digest)).map((image) => image.digest);
      if (raced.length > 0) await read(raced);
    }
    for (const { id, name } of unnamed)
      await db
        .updateTable('images')
        .set({ name, registry: registryOf(name) ?? null })
        .where('id', '=', id)
        .where('name', 'is', null)
        .execute();
  }
  return out;
}

/**
 * Container runs, newest first (by start time), filtered; `state` is 'running' unless given. A run matches
 * `since`/`until` when it ran at some moment of that interval.
 */
export async function listContainers(
  store: FleetStore,
  filter: ContainerFilter = {},
): Promise<Page<ContainerRow>> {
  const limit = pageLimit(filter.limit);
  const state = filter.state ?? 'running';
  let query = store.db
    .selectFrom('containers as c')
    .innerJoin('images as i', 'i.id', 'c.image_id')
    .select([
      'c.id',
      'c.host',
      'c.runtime',
      'c.container_id',
      'c.name',
      'c.labels',
      'c.started_at',
      'c.stopped_at',
      'i.digest',
      'i.name as image_name',
    ]);
  if (state === 'running') query = query.where('c.stopped_at', 'is', null);
  else if (state === 'stopped') query = query.where('c.stopped_at', 'is not', null);
  if (filter.host !== undefined) query = query.where('c.host', '=', filter.host);
  if (filter.image !== undefined) query = query.where('i.digest', '=', filter.image);
  if (filter.until !== undefined) query = query.where('c.started_at', '<=', filter.until);
  if (filter.since !== undefined) {
    const since = filter.since;
    query = query.where((eb) =>
      eb.or([eb('c.stopped_at', 'is', null), eb('c.stopped_at', '>=', since)]),
    );
  }
  for (const [key, value] of Object.entries(filter.labels ?? {}).sort(([a], [b]) =>
    a < b ? -1 : 1,
  ))
    query = query.where(labelEquals(store.dialect, key, value));
  if (filter.after !== undefined) {
    const [startedAt, id] = decodeCursor(filter.after);
    query = query.where((eb) =>
      eb.or([
        eb('c.started_at', '<', startedAt),
        eb.and([eb('c.started_at', '=', startedAt), eb('c.id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('c.started_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map((r) => {
    const row: ContainerRow = {
      host: r.host,
      runtime: r.runtime,
      containerId: r.container_id,
      image:
        r.image_name !== null ? { digest: r.digest, name: r.image_name } : { digest: r.digest },
      labels: JSON.parse(r.labels) as Record<string, string>,
      startedAt: r.started_at,
    };
    if (r.name !== null) row.name = r.name;
    if (r.stopped_at !== null) row.stoppedAt = r.stopped_at;
    return row;
  });
  const page: Page<ContainerRow> = { items };
  if (rows.length > limit) {
    const last = rows[limit - 1]!;
    page.next = encodeCursor(last.started_at, Number(last.id));
  }
  return page;
}

/** A page size within 1..MAX_PAGE, DEFAULT_PAGE when not given. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InputError('limit', `must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE);
}

/** The container's label `key` equals `value`: JSON functions differ between the dialects. */
function labelEquals(
  dialect: FleetStore['dialect'],
  key: string,
  value: string,
): Expression<SqlBool> {
  if (dialect === 'postgres') return sql<SqlBool>`(c.labels::jsonb ->> ${key}) = ${value}`;
  // A JSON path names a key in double quotes and has no escape for a quote inside one: such keys go through json_each.
  if (/["\\]/.test(key))
    return sql<SqlBool>`exists (select 1 from json_each(c.labels) where key = ${key} and value = ${value})`;
  return sql<SqlBool>`json_extract(c.labels, ${`$."${key}"`}) = ${value}`;
}

function encodeCursor(startedAt: string, id: number): string {
  return Buffer.from(JSON.stringify([startedAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1]))
      return [value[0], value[1] as number];
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor', 'not a cursor from a previous page');
}

/** Code-unit order, the same in every locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
