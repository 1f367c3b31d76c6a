// Fleet reports: licences across the scanned images, images by the age of the fixes they lack, and images from
// registries outside an allowed list. SPDX's NOASSERTION: https://spdx.github.io/spdx-spec/v2.3/package-information/

import { sql } from 'kysely';
import { compareText } from '../../model/order.js';
import { imageSummaries, runningOf, summaryOf } from './images.js';
import type { FixAgeRow, FleetStore, ImageSummary, LicenseCount } from './types.js';

const DAY_MS = 86_400_000;
/** What a package without a declared licence counts under. */
export const NO_LICENSE = 'NOASSERTION';

/**
 * Each licence (an SPDX id or expression as the SBOM gave it) of the packages of scanned images: how many distinct
 * packages carry it and how many images have one of those; most images first, then by licence.
 */
export async function licenseCounts(store: FleetStore): Promise<LicenseCount[]> {
  // Each package's licences as rows: a JSON table function, which each dialect names its own way.
  const licenses = sql<string>`case when p.licenses = '[]' then ${JSON.stringify([NO_LICENSE])} else p.licenses end`;
  const base = store.db
    .selectFrom('image_packages as ip')
    .innerJoin('images as i', 'i.id', 'ip.image_id')
    .innerJoin('packages as p', 'p.id', 'ip.package_id')
    .where('i.scanned_at', 'is not', null);
  const rows =
    store.dialect === 'postgres'
      ? await base
          .innerJoinLateral(
            sql<{ value: string }>`jsonb_array_elements_text(${licenses}::jsonb)`.as('l'),
            (j) => j.onTrue(),
          )
          .select((eb) => [
            sql<string>`l.value`.as('license'),
            eb.fn.count<number>('ip.package_id').distinct().as('packages'),
            eb.fn.count<number>('ip.image_id').distinct().as('images'),
          ])
          .groupBy(sql`l.value`)
          .execute()
      : await base
          .innerJoin(sql<{ value: string }>`json_each(${licenses})`.as('l'), (j) => j.onTrue())
          .select((eb) => [
            sql<string>`l.value`.as('license'),
            eb.fn.count<number>('ip.package_id').distinct().as('packages'),
            eb.fn.count<number>('ip.image_id').distinct().as('images'),
          ])
          .groupBy(sql`l.value`)
          .execute();
  return rows
    .map((r) => ({
      license: String(r.license),
      packages: Number(r.packages),
      images: Number(r.images),
    }))
    .sort(
      (a, b) => b.images - a.images || b.packages - a.packages || compareText(a.license, b.license),
    );
}

/**
 * Images with vulnerabilities that have a fixed version (fixes not applied), each with how many, the newest and
 * oldest publication dates of those advisories, and how many whole days the oldest has waited at `now`. Longest
 * waiting first (images whose advisories carry no date last), then by digest; `limit` rows at most when given.
 */
export async function imagesByFixAge(
  store: FleetStore,
  now: Date,
  options: { limit?: number } = {},
): Promise<FixAgeRow[]> {
  const fixes = store.db
    .selectFrom('package_vulnerabilities as pv')
    .innerJoin('image_packages as ip', 'ip.package_id', 'pv.package_id')
    .leftJoin('vulnerabilities as v', 'v.id', 'pv.vuln_id')
    .where('pv.fixed_version', 'is not', null)
    .select((eb) => [
      'ip.image_id',
      eb.fn.count<number>('pv.vuln_id').distinct().as('missing'),
      eb.fn.max('v.published').as('newest'),
      eb.fn.min('v.published').as('oldest'),
    ])
    .groupBy('ip.image_id');
  const rows = await store.db
    .selectFrom(fixes.as('f'))
    .innerJoin('images as i', 'i.id', 'f.image_id')
    .select((eb) => [
      'i.digest',
      'i.name',
      'f.missing',
      'f.newest',
      'f.oldest',
      runningOf(eb).as('running'),
    ])
    .execute();
  const out = rows.map((r) => {
    const row: FixAgeRow = {
      digest: r.digest,
      missingFixes: Number(r.missing),
      runningContainers: Number(r.running ?? 0),
    };
    if (r.name !== null) row.name = r.name;
    if (r.newest !== null) row.newestFixPublished = r.newest;
    if (r.oldest !== null) {
      row.oldestFixPublished = r.oldest;
      const published = Date.parse(r.oldest);
      if (!Number.isNaN(published))
        row.ageDays = Math.max(0, Math.floor((now.getTime() - published) / DAY_MS));
    }
    return row;
  });
  out.sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1) || compareText(a.digest, b.digest));
  return options.limit !== undefined ? out.slice(0, Math.max(0, options.limit)) : out;
}

/**
 * Images whose registry is not allowed, by digest: an entry allows a registry host exactly (case aside; with its
 * port when the entry names one), or `*.example.com` any host under example.com. Images whose registry is not
 * known (no name, or a rootfs) are listed too.
 */
export async function imagesOutsideRegistries(
  store: FleetStore,
  allow: readonly string[],
): Promise<ImageSummary[]> {
  const rules = allow.map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  const rows = await imageSummaries(store.db).orderBy('i.digest').execute();
  return rows
    .filter((r) => r.registry === null || !rules.some((rule) => registryAllowed(rule, r.registry!)))
    .map(summaryOf)
    .sort((a, b) => compareText(a.digest, b.digest));
}

/** Whether `rule` (a host, host:port, or *.domain) allows `registry`. */
export function registryAllowed(rule: string, registry: string): boolean {
  const full = registry.toLowerCase();
  const ruleHasPort = /:\d+$/.test(rule);
  const subject = ruleHasPort ? full : full.replace(/:\d+$/, '');
  if (rule.startsWith('*.'))
    return subject.endsWith(rule.slice(1)) && subject.length > rule.length - 1;
  return subject === rule;
}
