// The fleet store's schema versions, in order, run by Kysely's Migrator from this in-code list (the CLI is one esbuild
// bundle, so migrations cannot be found by globbing files). https://kysely.dev/docs/migrations

import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { InputError, messageOf } from '../../../errors.js';
import { initialMigration, type StoreDialect } from './001-initial.js';

/** Where Kysely records which migrations ran: named after Seawall, so another application's tables are told apart. */
export const MIGRATION_TABLE = 'seawall_migration';
export const MIGRATION_LOCK_TABLE = 'seawall_migration_lock';

const MIGRATIONS: ReadonlyArray<readonly [string, (dialect: StoreDialect) => Migration]> = [
  ['001-initial', initialMigration],
];

/** The names of every migration this Seawall knows, oldest first. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

function providerFor(dialect: StoreDialect): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(MIGRATIONS.map(([name, make]) => [name, make(dialect)])),
  };
}

/** The migrations already applied to the store, oldest first; empty when it has none. */
export async function appliedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await (db as unknown as Kysely<{ seawall_migration: { name: string } }>)
    .selectFrom('seawall_migration')
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

/** Refuses a store that a newer Seawall has migrated: its tables may mean something this version does not know. */
export function checkNotNewer(location: string, applied: readonly string[]): void {
  const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length > 0)
    throw new InputError(
      location,
      `written by a newer Seawall (schema ${unknown[unknown.length - 1]}; this version knows up to ${MIGRATION_NAMES[MIGRATION_NAMES.length - 1]}): upgrade Seawall`,
    );
}

/** Brings the store to the newest schema; a store already there is left alone. */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  dialect: StoreDialect,
  location: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: providerFor(dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new InputError(
      location,
      `cannot bring the store's tables up to date${failed ? ` (migration ${failed})` : ''}: ${oneLine(messageOf(error))}`,
      { cause: error },
    );
  }
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
