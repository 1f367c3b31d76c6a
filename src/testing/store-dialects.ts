// Runs a fleet store test suite against each dialect the store supports: SQLite (a scratch file) and PostgreSQL (a
// fresh database on the test process's private server, src/testing/postgres.ts).

import { after, describe } from 'node:test';
import { openStore } from '../server/store/open-store.js';
import type {
  ContainerEvent,
  FleetStore,
  ImageRef,
  StoredPackageInput,
} from '../server/store/types.js';
import { scratchDir } from './fixtures.js';
import { dropDatabase, freshDatabase, postgresAvailable } from './postgres.js';

/** Opens a new, empty, migrated store; every store opened is closed (and removed) after the suite. */
export type OpenTestStore = () => Promise<FleetStore>;

export const STORE_DIALECTS = ['sqlite', 'postgres'] as const;

/**
 * `describe(name (sqlite))` and `describe(name (postgres))`, each calling `suite` with its `open`. Without a
 * PostgreSQL server (no binaries, no SEAWALL_TEST_POSTGRES_URL) the PostgreSQL suite is skipped, saying why.
 */
export function forEachStoreDialect(name: string, suite: (open: OpenTestStore) => void): void {
  for (const dialect of STORE_DIALECTS) {
    const skip =
      dialect === 'postgres' && !postgresAvailable()
        ? 'no PostgreSQL server (set SEAWALL_TEST_POSTGRES_URL)'
        : false;
    describe(`${name} (${dialect})`, { skip }, () => {
      const opened: Array<{ store: FleetStore; remove: () => Promise<void> }> = [];
      after(async () => {
        for (const { store, remove } of opened.splice(0)) {
          await store.close();
          await remove();
        }
      });
      suite(async () => {
        const made = await newStoreLocation(dialect);
        const store = await openStore(made.location);
        opened.push({ store, remove: made.remove });
        return store;
      });
    });
  }
}

/** A location for a new store of `dialect`, and how to remove it. */
export async function newStoreLocation(dialect: (typeof STORE_DIALECTS)[number]) {
  if (dialect === 'sqlite') {
    const scratch = scratchDir('fleet-store');
    return {
      location: { kind: 'sqlite' as const, file: `${scratch.dir}/fleet.db` },
      remove: async () => scratch.remove(),
    };
  }
  const url = await freshDatabase();
  return { location: { kind: 'postgres' as const, url }, remove: () => dropDatabase(url) };
}

/** A Debian 11 (bullseye) package as the store keeps it: matched by its source package, as Seawall matches it. */
export function bullseyePackage(
  name: string,
  version: string,
  options: { source?: string; licenses?: string[] } = {},
): StoredPackageInput {
  return {
    purl: `pkg:deb/debian/${name}@${encodeURIComponent(version)}?arch=amd64&distro=debian-11`,
    name,
    version,
    type: 'deb',
    ecosystem: 'Debian',
    release: '11',
    matchName: options.source ?? name,
    ecosystemLabel: 'Debian:11',
    licenses: options.licenses ?? [],
  };
}

/** An `sha256:` digest made of one repeated byte, for tests. */
export const testDigest = (byte: string): string => `sha256:${byte.repeat(32)}`;

export interface TestVulnerability {
  id: string;
  aliases: string[];
  severity: string;
  title?: string;
  published?: string;
  /** The packages (by id) it matches now. */
  matches: Array<{ packageId: number; status: string; fixedVersion?: string; severity?: string }>;
}

/** Writes a vulnerability, its aliases and its matches as src/server/store/package-matches.ts would. */
export async function insertVulnerability(store: FleetStore, v: TestVulnerability): Promise<void> {
  await store.db
    .insertInto('vulnerabilities')
    .values({
      id: v.id,
      aliases: JSON.stringify(v.aliases),
      severity: v.severity,
      title: v.title ?? null,
      published: v.published ?? null,
    })
    .execute();
  await store.db
    .insertInto('vulnerability_aliases')
    .values([v.id, ...v.aliases].map((alias) => ({ alias, vuln_id: v.id })))
    .execute();
  if (v.matches.length > 0)
    await store.db
      .insertInto('package_vulnerabilities')
      .values(
        v.matches.map((m) => ({
          package_id: m.packageId,
          vuln_id: v.id,
          status: m.status,
          fixed_version: m.fixedVersion ?? null,
          severity: m.severity ?? v.severity,
        })),
      )
      .execute();
}

/** A container run's event on a host, for tests. */
export function runEvent(
  host: string,
  containerId: string,
  image: ImageRef,
  startedAt: string,
  extra: Partial<Pick<ContainerEvent, 'name' | 'labels' | 'stoppedAt' | 'runtime'>> = {},
): ContainerEvent {
  return { host, runtime: 'runc', containerId, image, labels: {}, startedAt, ...extra };
}
