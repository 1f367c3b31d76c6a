// `seawall serve` and `seawall token create` as processes: the token printed alone on stdout and then accepted by the
// API, the server's one address line, a clean stop on SIGTERM, and bad options as one line with exit code 2.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { request } from 'undici';
import { repoRoot, scratchDir } from '../../testing/fixtures.js';
import { buildServerApp } from '../../server/http/app.js';
import { bearer, testContext, testVulnDb } from '../../server/http/api-test-kit.js';
import { openStore } from '../../server/store/open-store.js';
import { listAudit } from '../../server/store/audit-log.js';
import { identifyToken } from '../../server/store/tokens.js';

// The CLI's own wiring (src/cli/main.ts) around this one command: commander's usage errors and InputErrors end in
// exit code 2 and one line.
const dist = join(repoRoot, 'dist');
const RUNNER = `
import { Command, CommanderError } from 'commander';
import { registerServe } from ${JSON.stringify(pathToFileURL(join(dist, 'cli/commands/serve.js')).href)};
import { reportError } from ${JSON.stringify(pathToFileURL(join(dist, 'cli/errors.js')).href)};
const program = new Command('seawall').exitOverride();
registerServe(program, { exitCode: 0 });
const all = (c) => c.commands.flatMap((s) => [s, ...all(s)]);
for (const c of all(program)) c.exitOverride();
try {
  await program.parseAsync(process.argv.slice(1), { from: 'user' });
} catch (err) {
  process.exitCode = err instanceof CommanderError ? (err.exitCode === 0 ? 0 : 2) : reportError(err, false);
}
`;

const nodeArgs = ['--input-type=module', '-e', RUNNER];

function seawall(...args: string[]) {
  const r = spawnSync(process.execPath, [...nodeArgs, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('seawall token create and serve', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let fleetDb: string;
  let vulnDbFile: string;

  before(async () => {
    scratch = scratchDir('serve-cli');
    fleetDb = join(scratch.dir, 'fleet.db');
    (await testVulnDb(scratch.dir, 'vulndb')).close();
    vulnDbFile = join(scratch.dir, 'vulndb.db');
  });
  after(() => scratch.remove());

  it('prints only the new token, which the API then accepts', async () => {
    const r = seawall('token', 'create', '--role', 'agent', '--name', 'ci-agent', '--db', fleetDb);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^sw_[A-Za-z0-9_-]{43}\n$/);
    const token = r.stdout.trim();

    const store = await openStore({ kind: 'sqlite', file: fleetDb });
    const vulnDb = await testVulnDb(scratch.dir, 'vulndb-app');
    const app = await buildServerApp(testContext(store, vulnDb), { rateLimit: false });
    try {
      const identity = await identifyToken(store, token);
      assert.deepEqual(identity, { id: identity!.id, name: 'ci-agent', role: 'agent' });
      // Creating it is a write to the store like any other: audited.
      const audit = await listAudit(store, {});
      assert.deepEqual(
        audit.items.map((a) => [a.method, a.path, a.summary]),
        [['CLI', 'seawall token create', `token ${identity!.id} (agent) ci-agent`]],
      );
      const res = await app.inject({
        method: 'POST',
        url: '/v1/agent/report',
        headers: bearer(token),
        payload: { host: { name: 'node-1', labels: {} }, events: [] },
      });
      assert.equal(res.statusCode, 200, res.body);
      // An agent token is an agent's: it reads nothing.
      const hosts = await app.inject({ method: 'GET', url: '/v1/hosts', headers: bearer(token) });
      assert.equal(hosts.statusCode, 403);
    } finally {
      await app.close();
      await store.close();
      vulnDb.close();
    }
  });

  for (const [what, args, pattern] of [
    ['an unknown role', ['token', 'create', '--role', 'root'], /argument 'root' is invalid/],
    ['no role', ['token', 'create'], /required option '--role <role>' not specified/],
    [
      'a port that is not one',
      ['serve', '--port', '70000'],
      /^seawall: --port: expects a port number/,
    ],
    [
      'a certificate without its key',
      ['serve', '--tls-cert', 'x.crt'],
      /^seawall: --tls-cert: needs the other/,
    ],
    [
      'both --db and --database',
      ['serve', '--db', 'a.db', '--database', 'postgres://u:secret@localhost/x'],
      /^seawall: --db\/--database: give one of/,
    ],
    [
      'a webhook that is not http',
      ['serve', '--webhook', 'ftp://example.org/'],
      /^seawall: --webhook: expects an http or https URL/,
    ],
  ] as const) {
    it(`exits 2 with one line for ${what}`, () => {
      const r = seawall(...args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at |secret/);
    });
  }

  it('exits 2 naming a vulnerability database that is not there', () => {
    const missing = join(scratch.dir, 'nowhere.db');
    const r = seawall('serve', '--port', '0', '--db', fleetDb, '--vuln-db', missing);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^seawall: ${missing}: no vulnerability database here`));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });

  it('serves until SIGTERM, printing one line with its address', async () => {
    const token = seawall('token', 'create', '--role', 'viewer', '--db', fleetDb).stdout.trim();
    const child = spawn(
      process.execPath,
      [...nodeArgs, 'serve', '--port', '0', '--db', fleetDb, '--vuln-db', vulnDbFile, '--quiet'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no address line; stderr: ${stderr}`)),
          20_000,
        );
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', () => reject(new Error(`exited early; stderr: ${stderr}`)));
      });
      const health = await request(`${url}/healthz`);
      assert.deepEqual(await health.body.json(), { status: 'ok' });
      const hosts = await request(`${url}/v1/hosts`, { headers: bearer(token) });
      assert.equal(hosts.statusCode, 200);
      // The host the first test reported through the token create made.
      const names = ((await hosts.body.json()) as Array<{ name: string }>).map((x) => x.name);
      assert.deepEqual(names, ['node-1']);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
    assert.match(stdout, /^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    assert.equal(stderr, '');
  });
});
