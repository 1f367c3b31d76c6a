// "Which images have vulnerability X, and where do they run now": from the id or any alias, through the packages
// that match it, to the images that contain them and the containers running those, by host. Integer joins all the
// way, running containers read from the partial index of the running set; totals exact, the lists capped.

import { sql, type Kysely } from 'kysely';
import { InputError } from '../../errors.js';
import { compareText } from '../../model/order.js';
import { chunks } from './chunks.js';
import type { FleetDatabase } from './schema.js';
import type { FleetStore, VulnerabilityImpact, VulnerabilityRef } from './types.js';

// A page, as list APIs give by default: the totals and every host's count are exact whatever the limits, and a
// caller that wants more of the lists asks for it (imageLimit, containerLimit).
export const DEFAULT_IMAGE_LIMIT = 100;
export const DEFAULT_CONTAINER_LIMIT = 100;
/** The most either list holds, whatever is asked. */
export const MAX_LIMIT = 10_000;
/** Package ids passed as a literal list up to this many; beyond it, the list is the subquery that found them. */
const LITERAL_IDS = 5000;

type ImpactImage = VulnerabilityImpact['images'][number];
type ImpactPackage = ImpactImage['packages'][number];
type ImpactHost = VulnerabilityImpact['hosts'][number];
type ImpactContainer = ImpactHost['containers'][number];

export interface ImpactOptions {
  /** Images listed at most (most running containers first, then by digest); 1,000 unless given. */
  imageLimit?: number;
  /**
   * Containers listed at most, those of the listed images in the same order (newest first within an image);
   * 1,000 unless given. Each host's `runningContainers` and the totals count them all.
   */
  containerLimit?: number;
}

/**
 * The impact of vulnerability `id` (its own id or any alias): the stored vulnerabilities it names, the images with
 * a package matching one of them, every host running one of those now with how many containers, and a sample of
 * those containers. Totals count everything, whatever the limits.
 */
export async function vulnerabilityImpact(
  store: FleetStore,
  id: string,
  options: ImpactOptions = {},
): Promise<VulnerabilityImpact> {
  const imageLimit = limitOf('imageLimit', options.imageLimit, DEFAULT_IMAGE_LIMIT);
  const containerLimit = limitOf('containerLimit', options.containerLimit, DEFAULT_CONTAINER_LIMIT);
  const db = store.db;
  // CVE ids are upper case by definition; 'cve-2024-3094' finds the same.
  const names = [...new Set([id, id.toUpperCase()])];

  const named = await db
    .selectFrom('vulnerability_aliases as va')
    .leftJoin('vulnerabilities as v', 'v.id', 'va.vuln_id')
    .select(['va.vuln_id', 'v.id', 'v.aliases', 'v.severity', 'v.title', 'v.published'])
    .where('va.alias', 'in', names)
    .execute();
  const vulnerabilities = uniqueVulnerabilities(named);
  // A match whose vulnerability is not described (yet) is still found by its own id.
  const vulnIds = [...new Set([...named.map((r) => r.vuln_id), ...names])].sort(compareText);

  const matches = await db
    .selectFrom('package_vulnerabilities as pv')
    .innerJoin('packages as p', 'p.id', 'pv.package_id')
    .select(['pv.package_id', 'pv.status', 'pv.fixed_version', 'p.name', 'p.version', 'p.purl'])
    .where('pv.vuln_id', 'in', vulnIds)
    .execute();
  const impact: VulnerabilityImpact = {
    query: id,
    vulnerabilities,
    images: [],
    hosts: [],
    totals: { images: 0, runningContainers: 0, hosts: 0 },
  };
  if (matches.length === 0) return impact;

  const packagesById = new Map<number, ImpactPackage[]>();
  for (const m of matches) {
    const entry: ImpactPackage = {
      name: m.name,
      version: m.version,
      purl: m.purl,
      status: m.status,
    };
    if (m.fixed_version !== null) entry.fixedVersion = m.fixed_version;
    const list = packagesById.get(Number(m.package_id)) ?? [];
    if (!list.some((e) => samePackageEntry(e, entry))) list.push(entry);
    packagesById.set(Number(m.package_id), list);
  }
  const affected: Affected = {
    packageIds: [...packagesById.keys()].sort((a, b) => a - b),
    vulnIds,
  };

  // The affected images, read once: their count is the total, and every step below works from the list.
  const imageIds = (
    await db
      .selectFrom('image_packages')
      .select('image_id')
      .distinct()
      .where('package_id', 'in', packageList(db, affected))
      .execute()
  ).map((r) => Number(r.image_id));
  const { running, byHost, runningIds } = await runningAffected(store, imageIds, imageLimit);
  // Fewer images running it than the limit: the rest of the list is the idle ones, by digest.
  const idle =
    running.length < imageLimit
      ? await imagesById(
          db,
          imageIds.filter((i) => !runningIds.has(i)),
          imageLimit - running.length,
        )
      : [];
  const listed = [
    ...running,
    ...idle.map((r) => ({ id: Number(r.id), digest: r.digest, name: r.name, running: 0 })),
  ];

  const listedIds = listed.map((r) => r.id);
  const [links, containers] = await Promise.all([
    inChunks(listedIds, (ids) =>
      db
        .selectFrom('image_packages')
        .select(['image_id', 'package_id'])
        .where('image_id', 'in', ids)
        .where('package_id', 'in', packageList(db, affected))
        .execute(),
    ),
    sampleContainers(db, listed, containerLimit),
  ]);

  const packagesOfImage = new Map<number, ImpactPackage[]>();
  for (const l of links) {
    const list = packagesOfImage.get(Number(l.image_id)) ?? [];
    for (const entry of packagesById.get(Number(l.package_id)) ?? [])
      if (!list.some((e) => samePackageEntry(e, entry))) list.push(entry);
    packagesOfImage.set(Number(l.image_id), list);
  }
  impact.images = listed.map((r) => {
    const image: ImpactImage = {
      digest: r.digest,
      packages: (packagesOfImage.get(r.id) ?? []).sort(comparePackageEntries),
      runningContainers: r.running,
    };
    if (r.name !== null) image.name = r.name;
    return image;
  });

  const hostContainers = new Map<string, ImpactContainer[]>();
  for (const { host, container } of containers) {
    const list = hostContainers.get(host) ?? [];
    list.push(container);
    hostContainers.set(host, list);
  }
  impact.hosts = [...byHost]
    .map(([host, n]) => ({
      host,
      runningContainers: n,
      containers: hostContainers.get(host) ?? [],
    }))
    .sort((a, b) => compareText(a.host, b.host));
  impact.totals = {
    images: imageIds.length,
    runningContainers: impact.hosts.reduce((sum, h) => sum + h.runningContainers, 0),
    hosts: impact.hosts.length,
  };
  return impact;
}

interface Affected {
  /** The packages matching the vulnerabilities, sorted. */
  packageIds: number[];
  vulnIds: string[];
}

function limitOf(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new InputError(name, `must be a whole number, got ${value}`);
  return Math.min(value, MAX_LIMIT);
}

/** The rows `read` finds for each slice of `ids` short enough for one `in (...)` list. */
async function inChunks<T>(
  ids: readonly number[],
  read: (slice: number[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (const slice of chunks(ids)) out.push(...(await read(slice)));
  return out;
}

/** The package ids as a literal list (which planners size best), or when too many, as the subquery finding them. */
function packageList(db: Kysely<FleetDatabase>, affected: Affected) {
  return affected.packageIds.length <= LITERAL_IDS
    ? affected.packageIds
    : db
        .selectFrom('package_vulnerabilities')
        .select('package_id')
        .where('vuln_id', 'in', affected.vulnIds);
}

/** Up to this many affected images are named in the query; beyond, the whole running set is read and filtered here. */
const NAMED_IMAGES = 1000;

/**
 * The affected images running now, ranked (at most `limit`), the running containers of all affected images counted
 * by host, and which images run. The running set is read once, as (image, host) pairs counted here: one pass where
 * grouping it by image and again by host in SQL costs two. SQLite hands the pairs over as one JSON array, which it
 * builds faster than it returns rows.
 */
async function runningAffected(
  store: FleetStore,
  imageIds: readonly number[],
  limit: number,
): Promise<{ running: ListedImage[]; byHost: Map<string, number>; runningIds: Set<number> }> {
  const db = store.db;
  const few = imageIds.length <= NAMED_IMAGES;
  const running = () => {
    const all = db.selectFrom('containers as c').where('c.stopped_at', 'is', null);
    return few ? all.where('c.image_id', 'in', imageIds.length > 0 ? [...imageIds] : [-1]) : all;
  };
  const pairs: Array<[number, string]> =
    store.dialect === 'sqlite'
      ? (JSON.parse(
          (
            await running()
              .select(sql<string>`json_group_array(json_array(c.image_id, c.host))`.as('entries'))
              .executeTakeFirstOrThrow()
          ).entries,
        ) as Array<[number, string]>)
      : (await running().select(['c.image_id', 'c.host']).execute()).map((r) => [
          Number(r.image_id),
          r.host,
        ]);
  const affected = few ? undefined : new Set(imageIds);
  const byHost = new Map<string, number>();
  const byImage = new Map<number, number>();
  for (const [image, host] of pairs) {
    if (affected && !affected.has(image)) continue;
    byImage.set(image, (byImage.get(image) ?? 0) + 1);
    byHost.set(host, (byHost.get(host) ?? 0) + 1);
  }
  return {
    running: await rankRunningImages(db, byImage, limit),
    byHost,
    runningIds: new Set(byImage.keys()),
  };
}

interface ListedImage {
  id: number;
  digest: string;
  name: string | null;
  running: number;
}

/**
 * The `limit` images with the most running containers, ties by digest. Only the images that can make the list
 * are read: those above the count of the last place, and of those at it, the first by digest.
 */
async function rankRunningImages(
  db: Kysely<FleetDatabase>,
  byImage: ReadonlyMap<number, number>,
  limit: number,
): Promise<ListedImage[]> {
  if (limit === 0 || byImage.size === 0) return [];
  const counts = [...byImage].sort((a, b) => b[1] - a[1]);
  const cutoff = counts[Math.min(limit, counts.length) - 1]![1];
  const above = counts.filter(([, n]) => n > cutoff).map(([id]) => id);
  const tied = counts.filter(([, n]) => n === cutoff).map(([id]) => id);
  const rows = [
    ...(await imagesById(db, above)),
    ...(await imagesById(db, tied, limit - above.length)),
  ];
  return rows
    .map((r) => ({
      id: Number(r.id),
      digest: r.digest,
      name: r.name,
      running: byImage.get(Number(r.id))!,
    }))
    .sort((a, b) => b.running - a.running || compareText(a.digest, b.digest))
    .slice(0, limit);
}

/** The digests and names of images by id; with `first`, only the first that many by digest. */
async function imagesById(db: Kysely<FleetDatabase>, ids: number[], first?: number) {
  const out = await inChunks(ids, (slice) => {
    const query = db.selectFrom('images').select(['id', 'digest', 'name']).where('id', 'in', slice);
    return (first === undefined ? query : query.orderBy('digest').limit(first)).execute();
  });
  if (first === undefined) return out;
  return out.sort((a, b) => compareText(a.digest, b.digest)).slice(0, first);
}

/**
 * Up to `limit` running containers of the listed images, taking the images in their order and each image's
 * containers newest first. The running counts say which images are needed, so no more is read than is shown.
 */
async function sampleContainers(
  db: Kysely<FleetDatabase>,
  listed: ReadonlyArray<{ id: number; digest: string; running: number }>,
  limit: number,
): Promise<Array<{ host: string; container: ImpactContainer }>> {
  const whole: number[] = [];
  let partial: { id: number; take: number } | undefined;
  let room = limit;
  for (const image of listed) {
    if (room === 0 || image.running === 0) break;
    if (image.running <= room) {
      whole.push(image.id);
      room -= image.running;
    } else {
      partial = { id: image.id, take: room };
      room = 0;
    }
  }
  const select = () =>
    db
      .selectFrom('containers')
      .select(['host', 'runtime', 'container_id', 'name', 'image_id', 'started_at'])
      .where('stopped_at', 'is', null);
  const [rows, partialRows] = await Promise.all([
    inChunks(whole, (ids) => select().where('image_id', 'in', ids).execute()),
    partial
      ? select()
          .where('image_id', '=', partial.id)
          .orderBy('started_at', 'desc')
          .orderBy('host')
          .orderBy('runtime')
          .orderBy('container_id')
          .limit(partial.take)
          .execute()
      : Promise.resolve([]),
  ]);
  const rank = new Map(listed.map((image, i) => [image.id, i]));
  const digestOf = new Map(listed.map((image) => [image.id, image.digest]));
  return [...rows, ...partialRows]
    .sort(
      (a, b) =>
        rank.get(Number(a.image_id))! - rank.get(Number(b.image_id))! ||
        compareText(b.started_at, a.started_at) ||
        compareText(a.host, b.host) ||
        compareText(a.runtime, b.runtime) ||
        compareText(a.container_id, b.container_id),
    )
    .map((c) => {
      const container: ImpactContainer = {
        runtime: c.runtime,
        containerId: c.container_id,
        image: digestOf.get(Number(c.image_id))!,
        startedAt: c.started_at,
      };
      if (c.name !== null) container.name = c.name;
      return { host: c.host, container };
    });
}

function uniqueVulnerabilities(
  rows: Array<{
    id: string | null;
    aliases: string | null;
    severity: string | null;
    title: string | null;
    published: string | null;
  }>,
): VulnerabilityRef[] {
  const byId = new Map<string, VulnerabilityRef>();
  for (const r of rows) {
    if (r.id === null) continue;
    const ref: VulnerabilityRef = {
      id: r.id,
      aliases: (JSON.parse(r.aliases ?? '[]') as string[]).slice().sort(compareText),
      severity: r.severity ?? 'unknown',
    };
    if (r.title !== null) ref.title = r.title;
    if (r.published !== null) ref.published = r.published;
    byId.set(r.id, ref);
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}

const samePackageEntry = (a: ImpactPackage, b: ImpactPackage): boolean =>
  a.purl === b.purl && a.status === b.status && a.fixedVersion === b.fixedVersion;

function comparePackageEntries(a: ImpactPackage, b: ImpactPackage): number {
  return (
    compareText(a.name, b.name) ||
    compareText(a.version, b.version) ||
    compareText(a.purl, b.purl) ||
    compareText(a.status, b.status) ||
    compareText(a.fixedVersion ?? '', b.fixedVersion ?? '')
  );
}
