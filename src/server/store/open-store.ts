// Opens the fleet store: a SQLite file (better-sqlite3) or a PostgreSQL database (a pg Pool), both through Kysely,
// with its tables migrated. https://kysely.dev/docs/dialects, https://www.sqlite.org/pragma.html, https://node-postgres.com/

import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Pool, PoolConfig } from 'pg';
import { InputError, messageOf } from '../../errors.js';
import { STORE_APPLICATION_ID } from './migrations/001-initial.js';
import {
  MIGRATION_TABLE,
  appliedMigrations,
  checkNotNewer,
  migrateToLatest,
} from './migrations/index.js';
import type { FleetDatabase } from './schema.js';
import type { FleetStore, StoreLocation } from './types.js';

/** Connections to PostgreSQL: enough for the server's concurrent requests without crowding a shared server. */
const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 10_000;
const SQLITE_CACHE_KIB = 64 * 1024;

/** The tables of schema.ts: a database holding some of them without Seawall's migration table is not Seawall's. */
const STORE_TABLES = [
  'hosts',
  'images',
  'packages',
  'image_packages',
  'containers',
  'tokens',
  'audit_log',
  'alerts',
];

/**
 * Opens (and unless `migrate` is false, creates or upgrades) the store. Throws InputError naming the location when
 * it cannot be opened: not a SQLite file, another application's database, a newer schema, a server that refuses.
 */
export async function openStore(
  location: StoreLocation,
  options: { migrate?: boolean } = {},
): Promise<FleetStore> {
  const store =
    location.kind === 'sqlite' ? openSqlite(location.file) : await openPostgres(location.url);
  try {
    await checkIdentity(store);
    if (options.migrate !== false) await migrateToLatest(store.db, store.dialect, store.location);
  } catch (err) {
    await store.close();
    if (err instanceof InputError) throw err;
    throw new InputError(store.location, `cannot read the store (${oneLine(messageOf(err))})`, {
      cause: err,
    });
  }
  return store;
}

/**
 * The store the command line names: `--db FILE` (SQLite) or `--database postgres://...`, at most one of them, or the
 * default SQLite file.
 */
export function parseStoreLocation(
  db: string | undefined,
  database: string | undefined,
  defaultFile: string,
): StoreLocation {
  if (db !== undefined && database !== undefined)
    throw new InputError(
      '--db/--database',
      'give one of --db FILE or --database postgres://..., not both',
    );
  if (database !== undefined) {
    if (!/^postgres(?:ql)?:\/\//i.test(database) || !URL.canParse(database))
      throw new InputError(
        redactUrl(database),
        'not a PostgreSQL URL (postgres://user@host:5432/database)',
      );
    return { kind: 'postgres', url: database };
  }
  if (db !== undefined) {
    if (db === '') throw new InputError('--db', 'an empty file name');
    return { kind: 'sqlite', file: db };
  }
  return { kind: 'sqlite', file: defaultFile };
}

/** The URL as messages may show it: without its password, in the authority or in the query. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: drop whatever sits between "user:" and "@", the usual place of a password.
    return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1@');
  }
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()])
    if (/pass/i.test(key)) parsed.searchParams.delete(key);
  return parsed.toString();
}

let sqliteModule: typeof BetterSqlite3 | undefined;

function openSqlite(file: string): FleetStore {
  const directory = statSync(file, { throwIfNoEntry: false })?.isDirectory();
  if (directory) throw new InputError(file, 'a directory, not a SQLite file');
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    throw new InputError(file, `cannot create its directory (${oneLine(messageOf(err))})`, {
      cause: err,
    });
  }
  sqliteModule ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  let database: BetterSqlite3.Database;
  try {
    database = new sqliteModule(file);
  } catch (err) {
    throw new InputError(file, `cannot open (${oneLine(messageOf(err))})`, { cause: err });
  }
  try {
    // The first read of the header: a file that is not SQLite fails here.
    const appId = database.pragma('application_id', { simple: true }) as number;
    if (appId !== 0 && appId !== STORE_APPLICATION_ID)
      throw new InputError(
        file,
        `another application's SQLite database (application id ${appId}), not a Seawall store`,
      );
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    database.pragma('temp_store = MEMORY');
  } catch (err) {
    database.close();
    if (err instanceof InputError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB')
      throw new InputError(file, 'not a SQLite database', { cause: err });
    throw new InputError(file, `cannot open (${oneLine(messageOf(err))})`, { cause: err });
  }
  const db = new Kysely<FleetDatabase>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<FleetStore> {
  const location = redactUrl(url);
  if (!URL.canParse(url))
    throw new InputError(location, 'not a PostgreSQL URL (postgres://user@host:5432/database)');
  const raw = new URL(url).password;
  const secrets = [raw, safeDecode(raw)].filter((p) => p !== '');
  const scrub = (text: string): string =>
    oneLine(secrets.reduce((out, secret) => out.split(secret).join('***'), text));
  const { default: pg } = await import('pg');
  let pool: Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      types: numericTypes(pg.types),
    });
  } catch (err) {
    throw new InputError(location, `not a usable PostgreSQL URL (${scrub(messageOf(err))})`);
  }
  // An idle connection the server drops must not take the process down; the next query reports the problem.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new InputError(
      location,
      `cannot connect to PostgreSQL (${scrub(messageOf(err)) || codeOf(err)})`,
    );
  }
  const db = new Kysely<FleetDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}

/**
 * pg returns int8 (count(), bigint ids) and numeric (sum() of int8) as strings so that no digit is lost; the store's
 * numbers are counts and ids far below 2^53, so they are read as numbers.
 */
function numericTypes(types: typeof import('pg').types): NonNullable<PoolConfig['types']> {
  const INT8 = 20;
  const NUMERIC = 1700;
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8 || oid === NUMERIC
        ? (value: string) => Number(value)
        : types.getTypeParser(oid, format ?? 'text')) as NonNullable<
      PoolConfig['types']
    >['getTypeParser'],
  };
}

/** Refuses another application's database and a store a newer Seawall wrote. */
async function checkIdentity(store: FleetStore): Promise<void> {
  const tables = new Set((await store.db.introspection.getTables()).map((t) => t.name));
  if (!tables.has(MIGRATION_TABLE)) {
    const foreign =
      store.dialect === 'sqlite' ? [...tables] : STORE_TABLES.filter((name) => tables.has(name));
    if (foreign.length > 0)
      throw new InputError(
        store.location,
        `holds another application's tables (${foreign.sort().slice(0, 5).join(', ')}), not a Seawall store`,
      );
    return;
  }
  checkNotNewer(store.location, await appliedMigrations(store.db));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const codeOf = (err: unknown): string =>
  String((err as { code?: unknown }).code ?? 'unknown error');
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
