// The current matches of stored packages (package_vulnerabilities) and what is known of the vulnerabilities they
// name. A new match set replaces a package's old one by difference, so a re-match writes only what changed and can say
// which (package, vulnerability) pairs are new: those are what alerts are raised for.

import type { Transaction } from 'kysely';
import type { PackageMatchSet } from '../match/match-packages.js';
import type { FleetDatabase } from './schema.js';
import { chunks } from './chunks.js';
import { writeTransaction } from './transaction.js';
import type { FleetStore, PackageMatch, PackageToMatch } from './types.js';

/** Stored packages that an advisory ecosystem covers: all of them, or those of `ids`. */
export async function packagesToMatch(
  store: FleetStore,
  ids?: readonly number[],
): Promise<PackageToMatch[]> {
  const select = () =>
    store.db
      .selectFrom('packages')
      .select([
        'id',
        'purl',
        'name',
        'version',
        'type',
        'ecosystem',
        'release',
        'match_name',
        'ecosystem_label',
        'licenses',
      ])
      .where('ecosystem', '<>', '');
  const rows =
    ids === undefined
      ? await select().orderBy('id').execute()
      : (await Promise.all(chunks(ids).map((c) => select().where('id', 'in', c).execute()))).flat();
  return rows.map((r) => ({
    id: Number(r.id),
    purl: r.purl,
    name: r.name,
    version: r.version,
    type: r.type,
    ecosystem: r.ecosystem,
    release: r.release,
    matchName: r.match_name,
    ecosystemLabel: r.ecosystem_label,
    licenses: JSON.parse(r.licenses) as string[],
  }));
}

export interface MatchChanges {
  /** Pairs that did not match before. */
  added: Array<{ packageId: number; vulnId: string }>;
  removed: number;
  /** Pairs whose status, fixed version or severity changed. */
  changed: number;
}

const pairKey = (packageId: number, vulnId: string) => `${packageId}\n${vulnId}`;
const sameMatch = (a: PackageMatch, b: PackageMatch) =>
  a.status === b.status &&
  (a.fixedVersion ?? null) === (b.fixedVersion ?? null) &&
  a.severity === b.severity;

/** Replaces the matches of every package in `set` (and only those), in one transaction. */
export async function replacePackageMatches(
  store: FleetStore,
  set: PackageMatchSet,
): Promise<MatchChanges> {
  return writeTransaction(store, async (tx) => {
    await upsertVulnerabilities(tx, set);
    const ids = [...set.matches.keys()];
    const before = await currentMatches(tx, ids, set.matches.size);
    const added: MatchChanges['added'] = [];
    const inserts: FleetDatabase['package_vulnerabilities'][] = [];
    const updates: Array<{ packageId: number; match: PackageMatch }> = [];
    const kept = new Set<string>();
    for (const [packageId, matches] of set.matches) {
      for (const m of matches) {
        const key = pairKey(packageId, m.vulnId);
        if (kept.has(key)) continue;
        kept.add(key);
        const old = before.get(key);
        if (!old) {
          added.push({ packageId, vulnId: m.vulnId });
          inserts.push(rowOf(packageId, m));
        } else if (!sameMatch(old.match, m)) updates.push({ packageId, match: m });
      }
    }
    const removed = [...before.values()].filter(
      (b) => !kept.has(pairKey(b.packageId, b.match.vulnId)),
    );
    for (const c of chunks(removed, 200)) {
      await tx
        .deleteFrom('package_vulnerabilities')
        .where((eb) =>
          eb.or(
            c.map((r) =>
              eb.and([eb('package_id', '=', r.packageId), eb('vuln_id', '=', r.match.vulnId)]),
            ),
          ),
        )
        .execute();
    }
    for (const c of chunks(inserts))
      await tx.insertInto('package_vulnerabilities').values(c).execute();
    for (const u of updates) {
      await tx
        .updateTable('package_vulnerabilities')
        .set({
          status: u.match.status,
          fixed_version: u.match.fixedVersion ?? null,
          severity: u.match.severity,
        })
        .where('package_id', '=', u.packageId)
        .where('vuln_id', '=', u.match.vulnId)
        .execute();
    }
    added.sort(
      (a, b) =>
        a.packageId - b.packageId || (a.vulnId < b.vulnId ? -1 : a.vulnId > b.vulnId ? 1 : 0),
    );
    return { added, removed: removed.length, changed: updates.length };
  });
}

function rowOf(packageId: number, m: PackageMatch): FleetDatabase['package_vulnerabilities'] {
  return {
    package_id: packageId,
    vuln_id: m.vulnId,
    status: m.status,
    fixed_version: m.fixedVersion ?? null,
    severity: m.severity,
  };
}

/** The stored matches of the packages, by pair; a set covering most of the store reads the table whole. */
async function currentMatches(
  tx: Transaction<FleetDatabase>,
  ids: number[],
  size: number,
): Promise<Map<string, { packageId: number; match: PackageMatch }>> {
  const select = () =>
    tx
      .selectFrom('package_vulnerabilities')
      .select(['package_id', 'vuln_id', 'status', 'fixed_version', 'severity']);
  let rows;
  if (size > 20_000) {
    const wanted = new Set(ids);
    rows = (await select().execute()).filter((r) => wanted.has(Number(r.package_id)));
  } else {
    rows = (
      await Promise.all(chunks(ids).map((c) => select().where('package_id', 'in', c).execute()))
    ).flat();
  }
  const out = new Map<string, { packageId: number; match: PackageMatch }>();
  for (const r of rows) {
    const packageId = Number(r.package_id);
    const match: PackageMatch = { vulnId: r.vuln_id, status: r.status, severity: r.severity };
    if (r.fixed_version !== null) match.fixedVersion = r.fixed_version;
    out.set(pairKey(packageId, r.vuln_id), { packageId, match });
  }
  return out;
}

/** What is known of each vulnerability named, and every id and alias it answers to (its own id included). */
async function upsertVulnerabilities(
  tx: Transaction<FleetDatabase>,
  set: PackageMatchSet,
): Promise<void> {
  const vulns = [...set.vulnerabilities.values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const c of chunks(vulns)) {
    await tx
      .insertInto('vulnerabilities')
      .values(
        c.map((v) => ({
          id: v.id,
          aliases: JSON.stringify(v.aliases),
          severity: v.severity,
          title: v.title ?? null,
          published: v.published ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          aliases: eb.ref('excluded.aliases'),
          severity: eb.ref('excluded.severity'),
          title: eb.ref('excluded.title'),
          published: eb.ref('excluded.published'),
        })),
      )
      .execute();
  }
  const aliases = vulns.flatMap((v) =>
    [v.id, ...v.aliases].map((alias) => ({ alias, vuln_id: v.id })),
  );
  for (const c of chunks(aliases)) {
    await tx
      .insertInto('vulnerability_aliases')
      .values(c)
      .onConflict((oc) => oc.columns(['alias', 'vuln_id']).doNothing())
      .execute();
  }
}

/** How many distinct vulnerabilities the image's packages have now. */
export async function imageVulnerabilityCount(store: FleetStore, imageId: number): Promise<number> {
  const row = await store.db
    .selectFrom('package_vulnerabilities as pv')
    .innerJoin('image_packages as ip', 'ip.package_id', 'pv.package_id')
    .where('ip.image_id', '=', imageId)
    .select((eb) => eb.fn.count<number>('pv.vuln_id').distinct().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The images running now (with how many containers) that contain any of the packages, by package: what a new match
 * of those packages affects.
 */
export async function runningImagesOfPackages(
  store: FleetStore,
  packageIds: readonly number[],
): Promise<Map<number, Array<{ imageId: number; running: number }>>> {
  const running = new Map<number, number>();
  const counts = await store.db
    .selectFrom('containers')
    .where('stopped_at', 'is', null)
    .select(['image_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('image_id')
    .execute();
  for (const r of counts) running.set(Number(r.image_id), Number(r.n));
  const out = new Map<number, Array<{ imageId: number; running: number }>>();
  if (running.size === 0) return out;
  for (const c of chunks([...new Set(packageIds)])) {
    const rows = await store.db
      .selectFrom('image_packages')
      .select(['image_id', 'package_id'])
      .where('package_id', 'in', c)
      .execute();
    for (const r of rows) {
      const n = running.get(Number(r.image_id));
      if (n === undefined) continue;
      const list = out.get(Number(r.package_id)) ?? [];
      list.push({ imageId: Number(r.image_id), running: n });
      out.set(Number(r.package_id), list);
    }
  }
  return out;
}
