import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import {
  EXTERNAL_URL_VARIABLE,
  dropDatabase,
  freshDatabase,
  postgresAvailable,
  startPostgres,
} from './postgres.js';

async function query(url: string, text: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

describe(
  'the tests’ PostgreSQL server',
  { skip: postgresAvailable() ? false : 'no PostgreSQL server' },
  () => {
    it('is one server per process, on the loopback address only, without fsync', async () => {
      const first = await startPostgres();
      const second = await startPostgres();
      assert.equal(first.url, second.url);
      if (process.env[EXTERNAL_URL_VARIABLE]) return;
      assert.match(first.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      assert.deepEqual(await query(first.url, 'show listen_addresses'), [
        { listen_addresses: '127.0.0.1' },
      ]);
      assert.deepEqual(await query(first.url, 'show fsync'), [{ fsync: 'off' }]);
    });

    it('hands out a new empty database each time, and drops it', async () => {
      const [a, b] = [await freshDatabase(), await freshDatabase()];
      assert.notEqual(a, b);
      assert.deepEqual(
        await query(a, `select count(*)::int as n from pg_tables where schemaname = 'public'`),
        [{ n: 0 }],
      );
      await query(a, 'create table images (id int)');
      assert.deepEqual(
        await query(b, `select count(*)::int as n from pg_tables where schemaname = 'public'`),
        [{ n: 0 }],
      );
      await dropDatabase(a);
      await dropDatabase(b);
      const name = new URL(a).pathname.slice(1);
      const { url } = await startPostgres();
      assert.deepEqual(
        await query(url, `select count(*)::int as n from pg_database where datname = '${name}'`),
        [{ n: 0 }],
      );
    });
  },
);
