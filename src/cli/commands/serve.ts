// `seawall serve`: the fleet inventory server (its HTTP API, src/server/http/), and `seawall token create`, which
// issues the first tokens straight into the store (an API token can only be made with an admin token).

import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { defaultCacheDir } from '../../cache/layer-cache.js';
import { InputError, messageOf } from '../../errors.js';
import type { ServerContext } from '../../server/context.js';
import { ROLES, type Role } from '../../server/store/types.js';
import type { CommandRun } from '../errors.js';

/** The fleet API's default port. */
export const DEFAULT_PORT = 7070;

interface StoreFlags {
  db?: string;
  database?: string;
  cacheDir?: string;
  debug?: boolean;
}

interface ServeFlags extends StoreFlags {
  host: string;
  port: number;
  vulnDb?: string;
  tlsCert?: string;
  tlsKey?: string;
  webhook?: string;
  registryAllow?: string[];
  rateLimit?: number;
  agentRateLimit?: number;
  quiet?: boolean;
}

function storeOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'the fleet store, a SQLite file (default: ~/.cache/seawall/fleet.db)')
    .option('--database <url>', 'the fleet store in PostgreSQL (postgres://user:password@host/db)')
    .option('--cache-dir <dir>', 'cache directory holding the default store and database')
    .option('--debug', 'print stack traces of errors');
}

async function storeLocationOf(flags: StoreFlags) {
  const { parseStoreLocation } = await import('../../server/store/open-store.js');
  return parseStoreLocation(
    flags.db,
    flags.database,
    join(flags.cacheDir ?? defaultCacheDir(), 'fleet.db'),
  );
}

export function registerServe(program: Command, _run?: CommandRun): void {
  storeOptions(
    program
      .command('serve')
      .description(
        'run the fleet server: agents report containers and SBOMs, users ask which images have a CVE and where they run',
      )
      .option('--host <address>', 'the address to listen on', '127.0.0.1')
      .addOption(
        new Option('--port <port>', 'the port to listen on (0: any free one)')
          .argParser(portNumber)
          .default(DEFAULT_PORT),
      )
      .option(
        '--vuln-db <file>',
        'vulnerability database (default: the one `seawall scan` uses, ~/.cache/seawall/vulndb/seawall.db)',
      )
      .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (with --tls-key)')
      .option('--tls-key <file>', 'the PEM private key of --tls-cert')
      .addOption(
        new Option('--webhook <url>', 'POST alerts as JSON to this URL').argParser(webhookUrl),
      )
      .addOption(
        new Option(
          '--registry-allow <list>',
          'registries images may come from, comma-separated (GET /v1/reports/registries)',
        ).argParser(registryList),
      )
      .addOption(
        new Option(
          '--rate-limit <n>',
          'requests per minute per admin or viewer token, and per address without one (default 600)',
        ).argParser(positiveCount('--rate-limit')),
      )
      .addOption(
        new Option(
          '--agent-rate-limit <n>',
          'requests per minute per agent token (default 6000)',
        ).argParser(positiveCount('--agent-rate-limit')),
      )
      .option('-q, --quiet', 'no warnings on stderr'),
  ).action(async (flags: ServeFlags) => {
    if (!!flags.tlsCert !== !!flags.tlsKey)
      throw new InputError(
        flags.tlsCert ? '--tls-cert' : '--tls-key',
        'needs the other: give both --tls-cert and --tls-key',
      );
    const warn = flags.quiet
      ? undefined
      : (m: string) => process.stderr.write(`seawall: warning: ${m}\n`);
    const location = await storeLocationOf(flags);
    // The server's libraries load only for this command: the rest of the CLI starts without them.
    const { createServerContext } = await import('../../server/create-context.js');
    const { startServer } = await import('../../server/http/start-server.js');
    const { MATCHED_DB_KEY, databaseIdentity, rematchAll } =
      await import('../../server/match/rematch.js');
    const { getMeta } = await import('../../server/store/meta.js');
    const note = (m: string) => {
      if (!flags.quiet) process.stderr.write(`seawall: ${m}\n`);
    };
    // One re-match at a time, and shutdown waits for the one running before the store closes.
    let matching: Promise<void> = Promise.resolve();
    const rematchInBackground = (c: ServerContext, why: string) => {
      matching = matching
        .then(() => rematchAll(c))
        .then(
          (r) => {
            // A new, empty store is matched too (to record the database): nothing worth a line.
            if (r.packages > 0)
              note(
                `${why}: ${r.packages} packages matched again, ${r.added} new matches, ${r.removed} gone, ${r.alerts} alerts`,
              );
          },
          (err: unknown) => {
            process.stderr.write(`seawall: matching again (${why}) failed: ${messageOf(err)}\n`);
          },
        );
    };
    const ctx = await createServerContext({
      store: location,
      vulnDbPath: flags.vulnDb,
      cacheDir: flags.cacheDir,
      registryAllow: flags.registryAllow ?? [],
      webhookUrl: flags.webhook,
      onWarning: warn,
      onVulnDbReplaced: (c) => rematchInBackground(c, 'the vulnerability database was replaced'),
    });
    let server;
    try {
      server = await startServer(ctx, {
        host: flags.host,
        port: flags.port,
        tls: flags.tlsCert ? { certFile: flags.tlsCert, keyFile: flags.tlsKey! } : undefined,
        rateLimit: {
          ...(flags.rateLimit ? { max: flags.rateLimit } : {}),
          ...(flags.agentRateLimit ? { agentMax: flags.agentRateLimit } : {}),
        },
        // Pino's JSON lines go to stderr: stdout carries only the address line.
        logger: { level: flags.debug ? 'info' : 'warn', stream: process.stderr },
      });
    } catch (err) {
      await ctx.close();
      throw err;
    }
    process.stdout.write(`listening on ${server.url}\n`);
    // `seawall db update` may have replaced the database while the server was down: the stored matches say which
    // database they come from.
    if ((await getMeta(ctx.store, MATCHED_DB_KEY)) !== databaseIdentity(ctx.vulnDb()))
      rematchInBackground(ctx, 'the vulnerability database changed since the last match');
    await untilSignalled(['SIGINT', 'SIGTERM']);
    await server.close();
    await matching;
    await ctx.close();
  });

  const token = program.command('token').description('manage the fleet server tokens');
  storeOptions(
    token
      .command('create')
      .description('issue a token straight into the fleet store and print it (shown only once)')
      .addOption(
        new Option('--role <role>', 'what the token may do')
          .choices([...ROLES])
          .makeOptionMandatory(),
      )
      .option('--name <name>', 'what the token is for (default: its role)'),
  ).action(async (flags: StoreFlags & { role: Role; name?: string }) => {
    const location = await storeLocationOf(flags);
    const { openStore } = await import('../../server/store/open-store.js');
    const { createToken } = await import('../../server/store/tokens.js');
    const { appendAudit } = await import('../../server/store/audit-log.js');
    const store = await openStore(location);
    try {
      const name = flags.name ?? flags.role;
      const at = new Date().toISOString();
      const created = await createToken(store, flags.role, name, at);
      // A write to the store like any through the API: the audit log says who can now do what.
      await appendAudit(store, {
        at,
        method: 'CLI',
        path: 'seawall token create',
        status: 0,
        summary: `token ${created.id} (${flags.role}) ${name}`,
      });
      process.stdout.write(`${created.token}\n`);
    } finally {
      await store.close();
    }
  });
}

/** Resolves at the first of the signals; a second one then ends the process as usual. */
function untilSignalled(signals: NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, handler);
      resolve(signal);
    };
    for (const s of signals) process.on(s, handler);
  });
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > 65535)
    throw new InputError('--port', `expects a port number (0-65535), got ${JSON.stringify(value)}`);
  return n;
}

function positiveCount(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0)
      throw new InputError(flag, `expects a positive whole number, got ${JSON.stringify(value)}`);
    return n;
  };
}

function webhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('--webhook', `not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError('--webhook', 'expects an http or https URL');
  return value;
}

function registryList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s.length > 0),
    ),
  ].sort();
}
