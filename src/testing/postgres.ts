// A private PostgreSQL server for tests: Debian's binaries, a throw-away cluster under .work/postgres/ listening on
// 127.0.0.1 only, one per test process. https://www.postgresql.org/docs/current/app-initdb.html, app-pg-ctl.html

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { workArea } from './fixtures.js';
import { freePort } from './ports.js';

/** A server tests may use instead of starting one (its databases are created and dropped by the tests). */
export const EXTERNAL_URL_VARIABLE = 'SEAWALL_TEST_POSTGRES_URL';

export interface TestPostgres {
  /** The URL of its `postgres` database, as its superuser. */
  url: string;
  stop(): Promise<void>;
}

/** The newest installed server's binaries (Debian's /usr/lib/postgresql/<major>/bin), when any. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length > 0 ? join(root, majors[0]!, 'bin') : undefined;
}

/** Whether tests can have a PostgreSQL server: one given by URL, or binaries to start one. */
export function postgresAvailable(): boolean {
  return !!process.env[EXTERNAL_URL_VARIABLE] || postgresBinaries() !== undefined;
}

let server: Promise<TestPostgres> | undefined;

/**
 * The process's one server: started on first use, stopped when the process exits. Tests run it without crash-safe
 * writes; `durable` (the benchmark's, so its figures are a production server's) keeps PostgreSQL's defaults. The
 * first call decides.
 */
export function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  server ??= launch(options.durable ?? false).catch((err: unknown) => {
    server = undefined;
    throw err;
  });
  return server;
}

/** A new empty database on the process's server; its URL. */
export async function freshDatabase(): Promise<string> {
  const { url } = await startPostgres();
  const name = `seawall_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(url, (client) => client.query(`create database "${name}"`));
  const out = new URL(url);
  out.pathname = `/${name}`;
  return out.toString();
}

/** Drops a database freshDatabase made (its connections closed first). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { url } = await startPostgres();
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^seawall_\d+_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  await withClient(url, (client) => client.query(`drop database if exists "${name}" with (force)`));
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function launch(durable: boolean): Promise<TestPostgres> {
  const external = process.env[EXTERNAL_URL_VARIABLE];
  if (external) return { url: external, stop: async () => {} };

  const bin = postgresBinaries();
  if (!bin)
    throw new Error(
      `no PostgreSQL under /usr/lib/postgresql; set ${EXTERNAL_URL_VARIABLE} to use a server`,
    );
  const base = join(workArea, 'postgres');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'pg-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  mkdirSync(socket);
  // initdb refuses to run as root: as root, the cluster belongs to the `postgres` user and its tools run as it.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const path of [dir, socket]) chownSync(path, uid, gid);
  }
  const tool = (name: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, name), ...args]]
      : [join(bin, name), args];
  const run = (name: string, args: string[]): void => {
    const [command, argv] = tool(name, args);
    const result = spawnSync(command, argv, { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(
        `${name} failed (${result.status}): ${(result.stderr || result.stdout || '').trim()}`,
      );
  };

  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k "${socket}"`,
    '-c listen_addresses=127.0.0.1',
    // A test server holds nothing worth a crash-safe write.
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  run('pg_ctl', [
    'start',
    '-w',
    '-t',
    '60',
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    settings,
  ]);

  let stopped = false;
  const stopNow = (): void => {
    if (stopped) return;
    stopped = true;
    const [command, argv] = tool('pg_ctl', ['stop', '-m', 'fast', '-w', '-D', data]);
    spawnSync(command, argv, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  // A process killed outright runs no exit handler: a watchdog stops the server once this process is gone.
  const [stopCommand, stopArgs] = tool('pg_ctl', ['stop', '-m', 'immediate', '-D', data]);
  const watchdog = spawn(
    'sh',
    [
      '-c',
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done; shift; "$@" >/dev/null 2>&1; rm -rf "$DIR"',
      'watchdog',
      String(process.pid),
      stopCommand,
      ...stopArgs,
    ],
    { detached: true, stdio: 'ignore', env: { ...process.env, DIR: dir } },
  );
  watchdog.unref();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      stopNow();
      process.removeListener('exit', stopNow);
      server = undefined;
    },
  };
}
