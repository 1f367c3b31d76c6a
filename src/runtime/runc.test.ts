import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { scratchDir } from '../testing/fixtures.js';
import { runtimeImage } from '../testing/runtime-image.js';
import { buildRuntimeConfig } from './bundle/runtime-config.js';
import { mountContainerRoot, unmountContainerRoot } from './containers/container-root.js';
import {
  ContainerStartError,
  checkRuntimeRequirements,
  handshakeHook,
  runcDelete,
  runcKill,
  runcRun,
  runcState,
  type CreatedContainer,
} from './runc.js';

/** A bundle over the runtime image's root, with the host directory `out` at /mnt. */
function writeBundle(
  dir: string,
  rootfs: string,
  out: string,
  args: string[],
  hookDir?: string,
): void {
  const etc = join(dir, 'etc');
  mkdirSync(etc, { recursive: true });
  writeFileSync(join(etc, 'hosts'), '127.0.0.1\tlocalhost\n');
  writeFileSync(join(etc, 'hostname'), 'runc-test\n');
  if (hookDir) mkdirSync(hookDir, { recursive: true });
  const config = buildRuntimeConfig({
    rootPath: rootfs,
    readOnly: false,
    args,
    env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'],
    cwd: '/',
    user: { uid: 0, gid: 0, additionalGids: [], home: '/root' },
    hostname: 'runc-test',
    capabilities: [],
    etcFiles: { hosts: join(etc, 'hosts'), hostname: join(etc, 'hostname') },
    cgroupsPath: `/seawall-test/${randomBytes(4).toString('hex')}`,
    annotations: {},
    hooks: hookDir ? { createRuntime: [handshakeHook(hookDir)] } : undefined,
  });
  config.mounts.push({ destination: '/mnt', type: 'bind', source: out, options: ['rbind', 'rw'] });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
}

describe('runc', () => {
  const scratch = scratchDir('runc');
  const bundle = join(scratch.dir, 'bundle');
  const out = join(scratch.dir, 'out');
  let rootfs = '';
  const started: string[] = [];
  const id = () => {
    const name = `seawall-runc-test-${randomBytes(4).toString('hex')}`;
    started.push(name);
    return name;
  };

  before(async () => {
    mkdirSync(bundle);
    mkdirSync(out);
    rootfs = (await mountContainerRoot(runtimeImage().rootfs, bundle, () => {})).path;
  });
  after(async () => {
    for (const name of started) await runcDelete(name, true).catch(() => undefined);
    await unmountContainerRoot(rootfs);
    scratch.remove();
  });

  it('holds the container in onCreated: namespaces exist, the command has not run', async () => {
    const marker = join(out, 'started');
    const hookDir = join(scratch.dir, 'hook1');
    writeBundle(bundle, rootfs, out, ['sh', '-c', 'echo started > /mnt/started; exit 7'], hookDir);
    let seen: CreatedContainer | undefined;
    const code = await runcRun({
      id: id(),
      bundle,
      detach: false,
      logFile: join(bundle, 'runc.log'),
      stdio: ['ignore', 'pipe', 'pipe'],
      handshake: {
        dir: hookDir,
        onCreated: async (state) => {
          seen = state;
          assert.ok(state.pid > 0);
          // Its own pid namespace already, while it waits.
          assert.notEqual(
            readlinkSync(`/proc/${state.pid}/ns/pid`),
            readlinkSync('/proc/self/ns/pid'),
          );
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(existsSync(marker), false, 'the command ran before onCreated resolved');
        },
      },
    });
    assert.ok(seen);
    assert.equal(code, 7);
    assert.equal(readFileSync(marker, 'utf8'), 'started\n');
  });

  it('never starts the command when onCreated fails', async () => {
    const marker = join(out, 'never');
    const hookDir = join(scratch.dir, 'hook2');
    writeBundle(bundle, rootfs, out, ['sh', '-c', 'echo x > /mnt/never'], hookDir);
    const name = id();
    await assert.rejects(
      runcRun({
        id: name,
        bundle,
        detach: false,
        logFile: join(bundle, 'runc.log'),
        stdio: ['ignore', 'pipe', 'pipe'],
        handshake: {
          dir: hookDir,
          onCreated: async () => {
            throw new Error('sensor failed');
          },
        },
      }),
      /sensor failed/,
    );
    assert.equal(existsSync(marker), false);
    assert.equal(await runcState(name), undefined);
  });

  it("reports runc's own error when the command does not exist", async () => {
    writeBundle(bundle, rootfs, out, ['/nonexistent-command']);
    await assert.rejects(
      runcRun({
        id: id(),
        bundle,
        detach: false,
        logFile: join(bundle, 'runc.log'),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
      (e: unknown) =>
        e instanceof ContainerStartError &&
        /^runc run failed: .*exec: "\/nonexistent-command"/.test(e.runcMessage) &&
        !e.shown,
    );
  });

  it('runs detached, reports state, kills and deletes', async () => {
    writeBundle(bundle, rootfs, out, ['sleep', '60']);
    const name = id();
    const log = openSync(join(scratch.dir, 'detached.log'), 'a');
    try {
      const code = await runcRun({
        id: name,
        bundle,
        detach: true,
        logFile: join(bundle, 'runc.log'),
        stdio: ['ignore', log, log],
      });
      assert.equal(code, 0);
    } finally {
      closeSync(log);
    }
    const state = await runcState(name);
    assert.equal(state?.status, 'running');
    assert.equal(state?.bundle, bundle);
    assert.equal(await runcKill(name, 'SIGKILL'), true);
    for (let i = 0; i < 100 && (await runcState(name))?.status === 'running'; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal((await runcState(name))?.status, 'stopped');
    assert.equal(await runcKill(name, 'SIGTERM'), false);
    await runcDelete(name, false);
    assert.equal(await runcState(name), undefined);
  });

  it('names what is missing when runc is not on PATH', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      assert.throws(
        () => checkRuntimeRequirements('seawall run'),
        (e: unknown) =>
          e instanceof InputError &&
          /seawall run: needs runc \(Debian package runc\)/.test(e.message),
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
