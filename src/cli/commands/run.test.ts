import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot, scratchDir } from '../../testing/fixtures.js';
import { runtimeImage } from '../../testing/runtime-image.js';

/** The runtime commands wired as main() wires every command, in a child process with its own exit code and stderr. */
function seawall(
  args: string[],
  stateDir: string,
): { status: number | null; stdout: string; stderr: string } {
  const dist = (p: string) => pathToFileURL(join(repoRoot, 'dist', p)).href;
  const script = `
    import { Command, CommanderError } from 'commander';
    import { registerRuntime } from ${JSON.stringify(dist('cli/commands/run.js'))};
    import { reportError } from ${JSON.stringify(dist('cli/errors.js'))};
    const program = new Command('seawall').exitOverride();
    const run = { exitCode: 0 };
    registerRuntime(program, run);
    for (const c of program.commands) c.exitOverride();
    try {
      await program.parseAsync(process.argv.slice(1), { from: 'user' });
      process.exitCode = run.exitCode;
    } catch (err) {
      process.exitCode = err instanceof CommanderError ? (err.exitCode === 0 ? 0 : 2) : reportError(err, false);
    }`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, SEAWALL_STATE_DIR: stateDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('seawall run, ps, stop, rm', () => {
  const scratch = scratchDir('run-cli');
  const stateDir = join(scratch.dir, 'state');
  after(() => scratch.remove());

  it('exits 2 with one line for a bad target', () => {
    const r = seawall(['run', '--rm', 'oci:/nonexistent/layout', '--', 'true'], stateDir);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      'seawall: oci:/nonexistent/layout: no such directory: /nonexistent/layout\n',
    );
  });

  it('exits 2 naming the option for --publish without the private network', () => {
    const r = seawall(
      ['run', '--rm', '--network', 'none', '-p', '8080:80', 'oci:/x', '--', 'true'],
      stateDir,
    );
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'seawall: --publish: needs --network private (not none)\n');
  });

  it("passes the container's exit code on, and runc's error with 125 when it cannot start", () => {
    const target = runtimeImage().nginxTarget;
    const ok = seawall(
      ['run', '--rm', '-q', '--network', 'none', target, '--', 'sh', '-c', 'echo hi; exit 3'],
      stateDir,
    );
    assert.equal(ok.status, 3);
    assert.equal(ok.stdout, 'hi\n');
    const failed = seawall(
      ['run', '--rm', '-q', '--network', 'none', target, '--', '/nonexistent-command'],
      stateDir,
    );
    assert.equal(failed.status, 125);
    // runc's own line, verbatim, on the inherited stderr.
    assert.match(
      failed.stderr,
      /^runc run failed: unable to start container process: exec: "\/nonexistent-command": .*\n$/,
    );
  });

  it('lists, stops and removes by name, and refuses an unknown one', () => {
    const target = runtimeImage().nginxTarget;
    const name = 'seawall-cli-test-detached';
    const started = seawall(
      ['run', '-d', '-q', '--name', name, '--network', 'none', target, '--', 'sleep', '60'],
      stateDir,
    );
    try {
      assert.equal(started.status, 0, started.stderr);
      assert.equal(started.stdout, `${name}\n`);
      const ps = seawall(['ps', '--format', 'json'], stateDir);
      const listed = JSON.parse(ps.stdout) as { name: string; status: string }[];
      assert.deepEqual(
        listed.map((c) => [c.name, c.status]),
        [[name, 'running']],
      );
      assert.equal(seawall(['stop', '-t', '1', name], stateDir).status, 0);
      assert.match(
        seawall(['ps', '-a'], stateDir).stdout,
        new RegExp(`^${name}\\s+\\S+\\s+stopped\\s+-`, 'm'),
      );
      assert.equal(seawall(['rm', name], stateDir).status, 0);
      assert.equal(
        seawall(['ps', '-a'], stateDir).stdout,
        'NAME  IMAGE  STATUS  PID  CREATED  PORTS\n',
      );
    } finally {
      seawall(['rm', '-f', name], stateDir);
    }
    const unknown = seawall(['stop', 'no-such-container'], stateDir);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, 'seawall: no-such-container: no such container\n');
  });
});
