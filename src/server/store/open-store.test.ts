import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { freePort } from '../../testing/ports.js';
import {
  dropDatabase,
  freshDatabase,
  postgresAvailable,
  startPostgres,
} from '../../testing/postgres.js';
import { STORE_DIALECTS, newStoreLocation } from '../../testing/store-dialects.js';
import { VULNDB_APPLICATION_ID } from '../../vulndb/schema.js';
import { STORE_APPLICATION_ID } from './migrations/001-initial.js';
import { MIGRATION_NAMES, MIGRATION_TABLE } from './migrations/index.js';
import { openStore, parseStoreLocation, redactUrl } from './open-store.js';
import type { FleetStore, StoreLocation } from './types.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const scratch = scratchDir('open-store');
after(() => scratch.remove());

/** The InputError `action` throws: its message is one line. */
async function inputError(action: Promise<unknown>): Promise<InputError> {
  try {
    await action;
  } catch (err) {
    assert.ok(err instanceof InputError, `an InputError, not ${String(err)}`);
    assert.ok(!err.message.includes('\n'), `one line: ${err.message}`);
    return err;
  }
  assert.fail('expected an InputError');
}

describe('store locations', () => {
  it('takes --db or --database, not both, and the default file otherwise', () => {
    assert.deepEqual(parseStoreLocation(undefined, undefined, '/var/cache/seawall/fleet.db'), {
      kind: 'sqlite',
      file: '/var/cache/seawall/fleet.db',
    });
    assert.deepEqual(parseStoreLocation('fleet.db', undefined, '/x'), {
      kind: 'sqlite',
      file: 'fleet.db',
    });
    assert.deepEqual(
      parseStoreLocation(undefined, 'postgresql://seawall@db.internal:5432/fleet', '/x'),
      {
        kind: 'postgres',
        url: 'postgresql://seawall@db.internal:5432/fleet',
      },
    );
    assert.throws(() => parseStoreLocation('a.db', 'postgres://db/fleet', '/x'), InputError);
    assert.throws(() => parseStoreLocation('', undefined, '/x'), InputError);
  });

  it('refuses a URL that is not PostgreSQL, never repeating its password', () => {
    for (const url of [
      'mysql://root:hunter2@db/fleet',
      'db.internal:5432/fleet',
      'postgres://seawall:hunter2@[bad/fleet',
    ]) {
      assert.throws(
        () => parseStoreLocation(undefined, url, '/x'),
        (err: unknown) =>
          err instanceof InputError &&
          !err.message.includes('hunter2') &&
          /not a PostgreSQL URL/.test(err.message),
      );
    }
  });

  it('opens no URL it cannot parse, never repeating its password', async () => {
    const err = await inputError(
      openStore({ kind: 'postgres', url: 'postgres://seawall:hunter2@[bad/fleet' }),
    );
    assert.equal(err.subject, 'postgres://seawall@[bad/fleet');
    assert.ok(!err.message.includes('hunter2'));
  });

  it('shows URLs without their password', () => {
    assert.equal(
      redactUrl('postgres://seawall:s3cr%40t@db.internal:5432/fleet'),
      'postgres://seawall@db.internal:5432/fleet',
    );
    assert.equal(
      redactUrl('postgres://db.internal/fleet?user=seawall&password=s3cret&sslmode=require'),
      'postgres://db.internal/fleet?user=seawall&sslmode=require',
    );
    assert.equal(
      redactUrl('postgres://seawall:s3cret@[bad/fleet'),
      'postgres://seawall@[bad/fleet',
    );
  });
});

describe('opening a SQLite store', () => {
  it('creates the file and its directory, in WAL mode, marked as a Seawall store', async () => {
    const file = join(scratch.dir, 'new', 'nested', 'fleet.db');
    const store = await openStore({ kind: 'sqlite', file });
    try {
      assert.equal(store.location, file);
      assert.equal(store.dialect, 'sqlite');
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      assert.equal(mode.rows[0]?.journal_mode, 'wal');
      const appId = await sql<{ application_id: number }>`pragma application_id`.execute(store.db);
      assert.equal(appId.rows[0]?.application_id, STORE_APPLICATION_ID);
      // The running set's index is partial.
      const index = await sql<{
        sql: string;
      }>`select sql from sqlite_master where name = 'containers_running'`.execute(store.db);
      assert.match(index.rows[0]?.sql ?? '', /where "stopped_at" is null/i);
    } finally {
      await store.close();
    }
  });

  it('refuses a file that is not SQLite, a directory, and another application’s database', async () => {
    const text = join(scratch.dir, 'notes.txt');
    writeFileSync(text, 'Seawall fleet notes\n'.repeat(200));
    assert.match(
      (await inputError(openStore({ kind: 'sqlite', file: text }))).message,
      /not a SQLite database/,
    );

    const dir = join(scratch.dir, 'a-directory');
    mkdirSync(dir);
    assert.match((await inputError(openStore({ kind: 'sqlite', file: dir }))).message, /directory/);

    const other = join(scratch.dir, 'other.db');
    const db = new Database(other);
    db.exec('create table moz_places (id integer primary key, url text)');
    db.close();
    assert.match(
      (await inputError(openStore({ kind: 'sqlite', file: other }))).message,
      /another application/,
    );

    const vulndb = join(scratch.dir, 'vulndb.db');
    const v = new Database(vulndb);
    v.pragma(`application_id = ${VULNDB_APPLICATION_ID}`);
    v.exec('create table advisories (id text)');
    v.close();
    const err = await inputError(openStore({ kind: 'sqlite', file: vulndb }));
    assert.equal(err.subject, vulndb);
    assert.match(err.message, /another application/);
  });
});

describe(
  'opening a PostgreSQL store',
  { skip: postgresAvailable() ? false : 'no PostgreSQL server' },
  () => {
    it('refuses a server that is not there, and a database that does not exist, never showing the password', async () => {
      const port = await freePort();
      const refused = await inputError(
        openStore({ kind: 'postgres', url: `postgres://seawall:hunter2@127.0.0.1:${port}/fleet` }),
      );
      assert.equal(refused.subject, `postgres://seawall@127.0.0.1:${port}/fleet`);
      assert.match(refused.message, /cannot connect/);
      assert.ok(!refused.message.includes('hunter2'));

      const { url } = await startPostgres();
      const missing = new URL(url);
      missing.password = 'hunter2';
      missing.pathname = '/no_such_fleet';
      const absent = await inputError(openStore({ kind: 'postgres', url: missing.toString() }));
      assert.match(absent.message, /no_such_fleet/);
      assert.ok(!absent.message.includes('hunter2'));
    });

    it('refuses a database holding another application’s tables of the same names', async () => {
      const url = await freshDatabase();
      try {
        const store = await openStore({ kind: 'postgres', url }, { migrate: false });
        await sql`create table images (id serial primary key, path text)`.execute(store.db);
        await store.close();
        assert.match(
          (await inputError(openStore({ kind: 'postgres', url }))).message,
          /another application.*images/,
        );
      } finally {
        await dropDatabase(url);
      }
    });
  },
);

for (const dialect of STORE_DIALECTS) {
  const skip = dialect === 'postgres' && !postgresAvailable() ? 'no PostgreSQL server' : false;
  describe(`store migrations (${dialect})`, { skip }, () => {
    let made: { location: StoreLocation; remove: () => Promise<void> };
    after(async () => made?.remove());

    const applied = async (store: FleetStore) =>
      (
        await sql<{
          name: string;
        }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(store.db)
      ).rows.map((r) => r.name);

    it('migrates once: opening again changes nothing', async () => {
      made = await newStoreLocation(dialect);
      const first = await openStore(made.location);
      await first.db
        .insertInto('meta')
        .values({ key: 'vulndb', value: 'bundled 2024-03-01' })
        .execute();
      await first.close();
      const second = await openStore(made.location);
      try {
        assert.deepEqual(await applied(second), [...MIGRATION_NAMES]);
        assert.deepEqual(await second.db.selectFrom('meta').selectAll().execute(), [
          { key: 'vulndb', value: 'bundled 2024-03-01' },
        ]);
        const tables = (await second.db.introspection.getTables()).map((t) => t.name);
        for (const table of [
          'hosts',
          'images',
          'packages',
          'image_packages',
          'containers',
          'alerts',
          'tokens',
        ])
          assert.ok(tables.includes(table), table);
      } finally {
        await second.close();
      }
    });

    it('refuses a store a newer Seawall migrated', async () => {
      const store = await openStore(made.location);
      await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values ('002-container-retention', '2030-01-01T00:00:00.000Z')`.execute(
        store.db,
      );
      await store.close();
      const err = await inputError(openStore(made.location));
      assert.match(
        err.message,
        /newer Seawall \(schema 002-container-retention; this version knows up to 001-initial\)/,
      );
      const again = await inputError(openStore(made.location, { migrate: false }));
      assert.match(again.message, /newer Seawall/);
    });

    it('opens without migrating when told not to', async () => {
      const fresh = await newStoreLocation(dialect);
      try {
        const store = await openStore(fresh.location, { migrate: false });
        const tables = (await store.db.introspection.getTables()).map((t) => t.name);
        await store.close();
        assert.ok(!tables.includes('containers'));
      } finally {
        await fresh.remove();
      }
    });
  });
}
