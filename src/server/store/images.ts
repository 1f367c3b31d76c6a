// Images once per digest: their stored inventory (packages shared between images by their advisory key, findings),
// listed and shown in detail with the vulnerabilities their packages match.

import { writeTransaction } from './transaction.js';
import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import { compareText } from '../../model/order.js';
import { pageLimit } from './containers.js';
import { registryOf } from './registry-of.js';
import type { FleetDatabase, PackageTable } from './schema.js';
import type {
  DigestKind,
  FleetStore,
  ImageDetail,
  ImageFindingRow,
  ImagePackageRow,
  ImageRef,
  ImageSummary,
  ImageVulnerabilityRow,
  Page,
  StoredPackageInput,
} from './types.js';

/**
 * Rows per multi-row insert: a package row binds 10 values, so 1,000 rows stay under SQLite's 32,766 bound
 * parameters (and PostgreSQL's 65,535); the same size bounds `in (...)` lists.
 */
const CHUNK = 1000;
/** image_packages rows bind 2 values each. */
const LINK_CHUNK = 5000;

export interface StoredInventory {
  imageId: number;
  /** The ids of the image's packages, in the order of their keys. */
  packageIds: number[];
  /** Packages the store did not have before: only these need matching. */
  newPackageIds: number[];
}

/** The deduplication key of a stored package. */
export function packageKey(p: Pick<StoredPackageInput, 'purl' | 'ecosystem' | 'release'>): string {
  return `${p.purl}\n${p.ecosystem}\n${p.release}`;
}

/**
 * Stores an image's inventory in one transaction: the image row (scanned now), its packages (inserted when new,
 * otherwise shared), and its package links and findings, which replace what the image had.
 */
export async function storeImageInventory(
  store: FleetStore,
  ref: ImageRef,
  input: { os?: string; packages: StoredPackageInput[]; findings?: ImageFindingRow[] },
  at: string,
): Promise<StoredInventory> {
  const byKey = new Map<string, StoredPackageInput>();
  for (const p of input.packages) byKey.set(packageKey(p), p);
  // Sorted keys: concurrent stores insert shared packages in one order, so they wait on each other, never deadlock.
  const keys = [...byKey.keys()].sort();
  const registry = ref.name ? (registryOf(ref.name) ?? null) : null;

  return writeTransaction(store, async (tx) => {
    const image = await tx
      .insertInto('images')
      .values({
        digest: ref.digest,
        digest_kind: ref.digestKind,
        name: ref.name || null,
        registry,
        os: input.os ?? null,
        first_seen: at,
        scanned_at: at,
        package_count: keys.length,
      })
      .onConflict((oc) =>
        oc.column('digest').doUpdateSet((eb) => ({
          scanned_at: eb.ref('excluded.scanned_at'),
          os: eb.ref('excluded.os'),
          package_count: eb.ref('excluded.package_count'),
          name: eb.fn.coalesce('excluded.name', 'images.name'),
          registry: eb.fn.coalesce('excluded.registry', 'images.registry'),
        })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const imageId = Number(image.id);

    const idOf = new Map<string, number>();
    const newPackageIds: number[] = [];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      await packageIdsOf(tx, chunk, idOf);
      const missing = chunk.filter((k) => !idOf.has(k));
      if (missing.length === 0) continue;
      const inserted = await tx
        .insertInto('packages')
        .values(missing.map((key) => packageRow(key, byKey.get(key)!)))
        .onConflict((oc) => oc.column('key').doNothing())
        .returning(['id', 'key'])
        .execute();
      for (const r of inserted) {
        idOf.set(r.key, Number(r.id));
        newPackageIds.push(Number(r.id));
      }
      // Inserted meanwhile by a concurrent store (PostgreSQL): theirs to match.
      const raced = missing.filter((k) => !idOf.has(k));
      if (raced.length > 0) await packageIdsOf(tx, raced, idOf);
    }
    const packageIds = keys.map((k) => idOf.get(k)!);

    await tx.deleteFrom('image_packages').where('image_id', '=', imageId).execute();
    const links = [...new Set(packageIds)].sort((a, b) => a - b);
    for (let i = 0; i < links.length; i += LINK_CHUNK) {
      await tx
        .insertInto('image_packages')
        .values(
          links.slice(i, i + LINK_CHUNK).map((package_id) => ({ image_id: imageId, package_id })),
        )
        .execute();
    }

    await tx.deleteFrom('image_findings').where('image_id', '=', imageId).execute();
    const findings = input.findings ?? [];
    for (let i = 0; i < findings.length; i += CHUNK) {
      await tx
        .insertInto('image_findings')
        .values(
          findings.slice(i, i + CHUNK).map((f) => ({
            image_id: imageId,
            rule_id: f.ruleId,
            severity: f.severity,
            title: f.title,
            location: JSON.stringify(f.location ?? {}),
          })),
        )
        .execute();
    }
    return { imageId, packageIds, newPackageIds: newPackageIds.sort((a, b) => a - b) };
  });
}

function packageRow(key: string, p: StoredPackageInput): Insertable<PackageTable> {
  return {
    key,
    purl: p.purl,
    name: p.name,
    version: p.version,
    type: p.type,
    ecosystem: p.ecosystem,
    release: p.release,
    match_name: p.matchName,
    ecosystem_label: p.ecosystemLabel,
    licenses: JSON.stringify(p.licenses),
  };
}

async function packageIdsOf(
  db: Kysely<FleetDatabase>,
  keys: string[],
  into: Map<string, number>,
): Promise<void> {
  const rows = await db
    .selectFrom('packages')
    .select(['id', 'key'])
    .where('key', 'in', keys)
    .execute();
  for (const r of rows) into.set(r.key, Number(r.id));
}

/** The id of the image with `digest`, when the store has seen it. */
export async function imageIdOf(store: FleetStore, digest: string): Promise<number | undefined> {
  const row = await store.db
    .selectFrom('images')
    .select('id')
    .where('digest', '=', digest)
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

/** How many containers run image `i` now: read from the partial index of the running set. */
export function runningOf(
  eb: ExpressionBuilder<FleetDatabase & { i: FleetDatabase['images'] }, 'i'>,
) {
  return eb
    .selectFrom('containers as c')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('c.image_id', '=', 'i.id')
    .where('c.stopped_at', 'is', null);
}

/** The images with their summaries, as a query to narrow. */
export function imageSummaries(db: Kysely<FleetDatabase>) {
  return db
    .selectFrom('images as i')
    .select((eb) => [
      'i.id',
      'i.digest',
      'i.digest_kind',
      'i.name',
      'i.registry',
      'i.os',
      'i.first_seen',
      'i.scanned_at',
      'i.package_count',
      runningOf(eb).as('running'),
    ]);
}

type SummaryRecord = Awaited<
  ReturnType<ReturnType<typeof imageSummaries>['executeTakeFirstOrThrow']>
>;

export function summaryOf(r: SummaryRecord): ImageSummary {
  const out: ImageSummary = {
    digest: r.digest,
    digestKind: r.digest_kind as DigestKind,
    firstSeen: r.first_seen,
    packageCount: Number(r.package_count),
    runningContainers: Number(r.running ?? 0),
  };
  if (r.name !== null) out.name = r.name;
  if (r.registry !== null) out.registry = r.registry;
  if (r.os !== null) out.os = r.os;
  if (r.scanned_at !== null) out.scannedAt = r.scanned_at;
  return out;
}

/** Images by digest, a page at a time (`after` is the `next` of the previous page); `unscanned`: those without SBOM. */
export async function listImages(
  store: FleetStore,
  options: { unscanned?: boolean; limit?: number; after?: string } = {},
): Promise<Page<ImageSummary>> {
  const limit = pageLimit(options.limit);
  let query = imageSummaries(store.db);
  if (options.unscanned) query = query.where('i.scanned_at', 'is', null);
  if (options.after !== undefined) query = query.where('i.digest', '>', options.after);
  const rows = await query
    .orderBy('i.digest')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(summaryOf);
  const page: Page<ImageSummary> = { items };
  if (rows.length > limit) page.next = items[items.length - 1]!.digest;
  return page;
}

/** An image with its packages, the vulnerabilities they match and its findings; undefined for an unknown digest. */
export async function imageDetail(
  store: FleetStore,
  digest: string,
): Promise<ImageDetail | undefined> {
  const summary = await imageSummaries(store.db).where('i.digest', '=', digest).executeTakeFirst();
  if (!summary) return undefined;
  const imageId = Number(summary.id);
  const [packages, vulnerabilities, findings] = await Promise.all([
    store.db
      .selectFrom('image_packages as ip')
      .innerJoin('packages as p', 'p.id', 'ip.package_id')
      .select(['p.name', 'p.version', 'p.type', 'p.purl', 'p.ecosystem_label', 'p.licenses'])
      .where('ip.image_id', '=', imageId)
      .execute(),
    store.db
      .selectFrom('image_packages as ip')
      .innerJoin('package_vulnerabilities as pv', 'pv.package_id', 'ip.package_id')
      .innerJoin('packages as p', 'p.id', 'ip.package_id')
      .leftJoin('vulnerabilities as v', 'v.id', 'pv.vuln_id')
      .select([
        'pv.vuln_id',
        'pv.status',
        'pv.fixed_version',
        'pv.severity',
        'p.name',
        'p.version',
        'p.purl',
        'v.aliases',
        'v.title',
        'v.published',
        'v.severity as vuln_severity',
      ])
      .where('ip.image_id', '=', imageId)
      .execute(),
    store.db
      .selectFrom('image_findings')
      .select(['rule_id', 'severity', 'title', 'location'])
      .where('image_id', '=', imageId)
      .execute(),
  ]);

  const packageRows = packages
    .map((p) => {
      const row: ImagePackageRow = {
        name: p.name,
        version: p.version,
        type: p.type,
        purl: p.purl,
        licenses: JSON.parse(p.licenses) as string[],
      };
      if (p.ecosystem_label !== '') row.ecosystem = p.ecosystem_label;
      return row;
    })
    .sort(
      (a, b) =>
        compareText(a.name, b.name) ||
        compareText(a.version, b.version) ||
        compareText(a.purl, b.purl),
    );

  const vulnerabilityRows = vulnerabilities
    .map((v) => {
      const row: ImageVulnerabilityRow = {
        id: v.vuln_id,
        aliases: v.aliases !== null ? (JSON.parse(v.aliases) as string[]) : [],
        // The match's own rating (the distribution's, for an OS package) before the advisory's overall one.
        severity: v.severity || v.vuln_severity || 'unknown',
        package: { name: v.name, version: v.version, purl: v.purl },
        status: v.status,
      };
      if (v.title !== null) row.title = v.title;
      if (v.published !== null) row.published = v.published;
      if (v.fixed_version !== null) row.fixedVersion = v.fixed_version;
      return row;
    })
    .sort(
      (a, b) =>
        compareText(a.id, b.id) ||
        compareText(a.package.name, b.package.name) ||
        compareText(a.package.version, b.package.version) ||
        compareText(a.package.purl, b.package.purl),
    );

  const findingRows = findings
    .map((f) => ({ ruleId: f.rule_id, severity: f.severity, title: f.title, location: f.location }))
    .sort(
      (a, b) =>
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.title, b.title) ||
        compareText(a.location, b.location),
    )
    .map((f): ImageFindingRow => ({ ...f, location: JSON.parse(f.location) as unknown }));

  return {
    ...summaryOf(summary),
    packages: packageRows,
    vulnerabilities: vulnerabilityRows,
    findings: findingRows,
  };
}
