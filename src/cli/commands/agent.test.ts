// `seawall agent` wired into a commander program the way main() does, so its options, output and exit codes are
// tested before the lead registers it in main.ts.
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { ServerAuthError } from '../../agent/client.js';
import { FIXTURE_HOST } from '../../agent/discover/testing-host.js';
import { startFakeServer, type FakeServer } from '../../agent/testing-server.js';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { freePort } from '../../testing/ports.js';
import type { CommandRun } from '../errors.js';
import { TOKEN_ENV, registerAgent } from './agent.js';

async function agent(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('seawall').exitOverride();
  const run: CommandRun = { exitCode: 0 };
  registerAgent(program, run);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeErr: () => {} });
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  // Recorded and passed on: the test runner reports on the same stdout meanwhile.
  process.stdout.write = ((s: string) => {
    if (!/^\s*(ok|not ok|#|TAP|1\.\.|---|\.\.\.|duration_ms|type:)/.test(s)) out.push(s);
    return write.out.call(process.stdout, s);
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => {
    err.push(s);
    return write.err.call(process.stderr, s);
  }) as typeof process.stderr.write;
  try {
    await program.parseAsync(['agent', ...args], { from: 'user' });
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  return { code: run.exitCode, stdout: out.join(''), stderr: err.join('') };
}

describe('seawall agent', () => {
  const scratch = scratchDir('agent-cli');
  const host = join(scratch.dir, 'host');
  let server: FakeServer;
  let n = 0;
  const stateDir = () => join(scratch.dir, `state-${++n}`);
  before(async () => {
    cpSync(FIXTURE_HOST, host, { recursive: true });
    server = await startFakeServer();
    delete process.env[TOKEN_ENV];
  });
  after(async () => {
    await server.close();
    scratch.remove();
  });

  it('refuses bad options with one line naming the option', async () => {
    const base = ['--server', server.url, '--token', 't', '--state-dir', stateDir(), '--once'];
    const cases: [string[], RegExp][] = [
      [['--server', 'ftp://x', '--token', 't'], /^--server ftp:\/\/x: must be an http/],
      [['--server', server.url], /^--token: required \(or set SEAWALL_AGENT_TOKEN\)/],
      [[...base, '--interval', '0'], /^--interval 0: expected seconds/],
      [[...base, '--interval', 'soon'], /^--interval soon: expected seconds/],
      [[...base, '--label', 'novalue'], /^--label novalue: expected key=value/],
      [[...base, '--host-name', 'two words'], /^--host-name two words: must be 1 to 253/],
      [
        [...base, '--host-root', join(scratch.dir, 'absent')],
        /--host-root .*absent: not a directory/,
      ],
      [[...base, '--ca', join(scratch.dir, 'absent.pem')], /^--ca .*absent\.pem: cannot read/],
    ];
    for (const [args, message] of cases)
      await assert.rejects(agent(...args), (e: unknown) => {
        assert.ok(e instanceof InputError, `${args.join(' ')}: ${String(e)}`);
        assert.match(e.message, message);
        return true;
      });
  });

  it('--once delivers everything and exits 0, printing what it did', async () => {
    const result = await agent(
      '--server',
      server.url,
      '--token',
      server.token,
      '--once',
      '--host-root',
      host,
      '--host-name',
      'node-1',
      '--label',
      'zone=eu-1',
      '--state-dir',
      stateDir(),
    );
    assert.equal(result.code, 0);
    assert.match(
      result.stdout,
      /4 running, 4 started, 0 stopped, 4 sent, 0 pending, 4 SBOM\(s\) uploaded\n/,
    );
    const report = server.reports().at(-1)!.body as { host: { name: string; labels: object } };
    assert.equal(report.host.name, 'node-1');
    assert.deepEqual(report.host.labels, { zone: 'eu-1' });
  });

  it('--once exits 1 when the server is down, keeping the events; the token can come from the environment', async () => {
    process.env[TOKEN_ENV] = server.token;
    try {
      const dir = stateDir();
      const down = `http://127.0.0.1:${await freePort()}`;
      const result = await agent(
        '--server',
        down,
        '--once',
        '--host-root',
        host,
        '--state-dir',
        dir,
      );
      assert.equal(result.code, 1);
      assert.match(result.stdout, /4 started, 0 stopped, 0 sent, 4 pending/);
      assert.match(result.stderr, /seawall: agent: POST \S+: connection refused\n/);
      const later = await agent(
        '--server',
        server.url,
        '--once',
        '--host-root',
        host,
        '--state-dir',
        dir,
      );
      assert.equal(later.code, 0);
      assert.match(later.stdout, /0 started, 0 stopped, 4 sent, 0 pending/);
    } finally {
      delete process.env[TOKEN_ENV];
    }
  });

  it('stops with a refused token (main turns the InputError into one line and exit 2)', async () => {
    await assert.rejects(
      agent(
        '--server',
        server.url,
        '--token',
        'wrong',
        '--once',
        '--host-root',
        host,
        '--state-dir',
        stateDir(),
      ),
      (e: unknown) =>
        e instanceof ServerAuthError && /refused the agent token \(HTTP 401\)/.test(e.message),
    );
  });
});
