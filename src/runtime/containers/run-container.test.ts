import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { runtimeImage, type RuntimeImage } from '../../testing/runtime-image.js';
import { removeContainerNetwork } from '../network/container-network.js';
import { ContainerStartError, runcDelete, runcState } from '../runc.js';
import type { RuntimeSpec } from '../bundle/runtime-config.js';
import { isMountPoint } from './container-root.js';
import { listContainers, renderContainerTable } from './list-containers.js';
import { removeContainer } from './remove-container.js';
import { runContainer, type RunSpec } from './run-container.js';
import { stopContainer } from './stop-container.js';

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function fetchWithRetry(url: string, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      return await res.text();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('runContainer under runc', () => {
  const scratch = scratchDir('run-container');
  const stateDir = join(scratch.dir, 'state');
  const prefix = `swt-${randomBytes(3).toString('hex')}`;
  const names: string[] = [];
  let image: RuntimeImage;
  const name = (label: string) => {
    const n = `${prefix}-${label}`;
    names.push(n);
    return n;
  };
  /** A foreground --rm run of the nginx image with output captured. */
  const run = (spec: Partial<RunSpec>) =>
    runContainer({
      target: image.nginxTarget,
      rm: true,
      network: 'none',
      capture: true,
      stateDir,
      warn: () => {},
      ...spec,
    });

  before(async () => {
    image = runtimeImage();
    // The first run unpacks the image into the state directory; every later one reuses it.
    await run({ command: ['true'] });
  });
  after(async () => {
    for (const n of names) {
      await removeContainer(n, { force: true, stateDir }).catch(() => undefined);
      await runcDelete(n, true).catch(() => undefined);
      await removeContainerNetwork(n).catch(() => undefined);
    }
    scratch.remove();
  });

  it("returns the command's exit code and leaves nothing behind with --rm", async () => {
    const n = name('exit');
    const result = await run({ name: n, command: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, 'out\n');
    assert.equal(result.stderr, 'err\n');
    assert.equal(existsSync(join(stateDir, 'containers', n)), false);
    assert.equal(await runcState(n), undefined);
    assert.equal(existsSync(`/run/netns/sw-${n}`), false);
  });

  it("runs as the image's user in its working directory with its environment, or as told", async () => {
    const probe = ['sh', '-c', 'id -u; id -g; pwd; echo "$PORT $FOO $HOME"'];
    const own = await run({ target: image.serviceTarget, command: probe });
    assert.equal(own.stdout, '33\n33\n/srv\n8080  /var/www\n');
    const told = await run({
      target: image.serviceTarget,
      command: probe,
      user: '0:0',
      workdir: '/tmp',
      env: ['FOO=bar', 'PORT=9090'],
    });
    assert.equal(told.stdout, '0\n0\n/tmp\n9090 bar /root\n');
  });

  it('makes the root read-only with --read-only', async () => {
    const result = await run({ readOnly: true, command: ['sh', '-c', 'touch /probe'] });
    assert.notEqual(result.exitCode, 0);
    assert.match(result.stderr ?? '', /Read-only file system/);
    const writable = await run({ command: ['sh', '-c', 'touch /probe && echo ok'] });
    assert.equal(writable.stdout, 'ok\n');
  });

  it('drops and adds capabilities', async () => {
    const capEff = async (spec: Partial<RunSpec>) =>
      /CapEff:\s*([0-9a-f]+)/.exec(
        (await run({ ...spec, command: ['grep', 'CapEff', '/proc/self/status'] })).stdout ?? '',
      )?.[1];
    assert.equal(await capEff({ capDrop: ['ALL'] }), '0000000000000000');
    // CAP_NET_ADMIN is bit 12.
    assert.equal(await capEff({ capDrop: ['ALL'], capAdd: ['NET_ADMIN'] }), '0000000000001000');
    // Docker's default set: chown, dac_override, fowner, fsetid, kill, setgid, setuid, setpcap, net_bind_service,
    // net_raw, sys_chroot, mknod, audit_write, setfcap.
    assert.equal(await capEff({}), '00000000a80425fb');
  });

  it('enforces a seccomp profile while the container still starts', async () => {
    const profile = join(scratch.dir, 'no-mkdir.json');
    writeFileSync(
      profile,
      JSON.stringify({
        defaultAction: 'SCMP_ACT_ALLOW',
        archMap: [
          {
            architecture: 'SCMP_ARCH_X86_64',
            subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
          },
        ],
        syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }],
      }),
    );
    const result = await run({
      seccomp: profile,
      command: ['sh', '-c', 'echo started; mkdir /tmp/d; echo "mkdir=$?"'],
    });
    assert.match(result.stdout ?? '', /^started\nmkdir=1\n$/);
    assert.match(result.stderr ?? '', /Operation not permitted/);
  });

  it('has only loopback with --network none', async () => {
    const result = await run({ command: ['ip', '-o', 'link'] });
    const links = (result.stdout ?? '')
      .trim()
      .split('\n')
      .map((l) => l.split(':')[1]?.trim());
    assert.deepEqual(links, ['lo']);
  });

  it('holds the command until onCreated resolves', async () => {
    const n = name('hook');
    let rootfs = '';
    const result = await runContainer(
      {
        target: image.nginxTarget,
        name: n,
        network: 'none',
        capture: true,
        stateDir,
        command: ['sh', '-c', 'echo x > /started'],
      },
      {
        onCreated: async (state) => {
          assert.ok(state.pid > 0);
          assert.equal(state.id, n);
          rootfs = join(stateDir, 'containers', n, 'rootfs');
          await new Promise((r) => setTimeout(r, 200));
          assert.equal(existsSync(join(rootfs, 'started')), false);
        },
      },
    );
    assert.equal(result.exitCode, 0);
    assert.ok(rootfs);
    // Kept without --rm: the container's own layer holds what it wrote, and it is listed as exited.
    assert.equal(readFileSync(join(stateDir, 'containers', n, 'upper', 'started'), 'utf8'), 'x\n');
    assert.equal(isMountPoint(rootfs), false);
    const listed = (await listContainers({ all: true, stateDir })).find((c) => c.name === n);
    assert.equal(listed?.status, 'exited');
    assert.equal(listed?.exitCode, 0);
    await removeContainer(n, { stateDir });
    assert.equal(existsSync(join(stateDir, 'containers', n)), false);
  });

  it('annotates config.json with the image reference and digests', async () => {
    const n = name('annotations');
    await run({ name: n, rm: false, command: ['true'] });
    const config = JSON.parse(
      readFileSync(join(stateDir, 'containers', n, 'config.json'), 'utf8'),
    ) as RuntimeSpec;
    const index = JSON.parse(readFileSync(join(image.oci, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    const manifest = index.manifests.find(
      (m) => m.annotations['org.opencontainers.image.ref.name'] === 'nginx',
    )!;
    assert.equal(config.annotations['org.opencontainers.image.ref.name'], image.nginxTarget);
    assert.equal(config.annotations['org.opencontainers.image.base.digest'], manifest.digest);
    assert.match(
      config.annotations['io.seawall.image.config-digest'] ?? '',
      /^sha256:[0-9a-f]{64}$/,
    );
    assert.equal(config.process.noNewPrivileges, true);
    await removeContainer(n, { stateDir });

    // A directory is used in place (under the container's own overlay layer) and named by a digest of its listing.
    const d = name('dir');
    const result = await run({
      name: d,
      rm: false,
      target: `dir:${image.rootfs}`,
      command: ['cat', '/var/www/html/index.html'],
    });
    assert.match(result.stdout ?? '', /served by nginx under seawall/);
    const dirConfig = JSON.parse(
      readFileSync(join(stateDir, 'containers', d, 'config.json'), 'utf8'),
    ) as RuntimeSpec;
    assert.match(
      dirConfig.annotations['org.opencontainers.image.base.digest'] ?? '',
      /^sha256:[0-9a-f]{64}$/,
    );
    assert.equal(dirConfig.annotations['io.seawall.image.config-digest'], undefined);
    await removeContainer(d, { stateDir });
  });

  it('serves nginx on a published port, detached, through ps, stop and rm', async () => {
    const n = name('nginx');
    const port = await freePort();
    const result = await runContainer({
      target: image.nginxTarget,
      name: n,
      detach: true,
      network: 'private',
      publish: [`${port}:80`],
      stateDir,
      warn: () => {},
    });
    assert.ok(result.pid && result.pid > 0);
    const page = await fetchWithRetry(`http://127.0.0.1:${port}/`, 10_000);
    assert.match(page, /served by nginx under seawall/);
    const running = (await listContainers({ stateDir })).find((c) => c.name === n);
    assert.equal(running?.status, 'running');
    assert.equal(running?.pid, result.pid);
    assert.deepEqual(running?.ports, [`127.0.0.1:${port}:80/tcp`]);
    assert.match(
      renderContainerTable([running!]),
      new RegExp(
        `${n}\\s+oci:.*:nginx\\s+running\\s+${result.pid}\\s+\\S+\\s+127\\.0\\.0\\.1:${port}->80/tcp`,
      ),
    );
    await assert.rejects(
      removeContainer(n, { stateDir }),
      /the container is running: stop it first, or use rm -f/,
    );

    assert.equal(await stopContainer(n, { stateDir, timeoutSeconds: 5 }), true);
    assert.equal(
      (await listContainers({ stateDir })).some((c) => c.name === n),
      false,
    );
    assert.equal(
      (await listContainers({ all: true, stateDir })).find((c) => c.name === n)?.status,
      'stopped',
    );
    await assert.rejects(fetch(`http://127.0.0.1:${port}/`));

    await removeContainer(n, { stateDir });
    assert.equal(await runcState(n), undefined);
    assert.equal(existsSync(join(stateDir, 'containers', n)), false);
    assert.equal(existsSync(`/run/netns/sw-${n}`), false);
    assert.equal(
      (await listContainers({ all: true, stateDir })).some((c) => c.name === n),
      false,
    );
  });

  it('refuses a duplicate name, --publish without the private network, and a bad target', async () => {
    const n = name('dup');
    await run({ name: n, rm: false, command: ['true'] });
    await assert.rejects(
      run({ name: n, command: ['true'] }),
      (e: unknown) => e instanceof InputError && /already exists/.test(e.message),
    );
    await removeContainer(n, { stateDir });
    await assert.rejects(
      run({ network: 'host', publish: ['8080:80'], command: ['true'] }),
      (e: unknown) =>
        e instanceof InputError && /--publish: needs --network private/.test(e.message),
    );
    await assert.rejects(run({ target: 'oci:/nonexistent/layout', command: ['true'] }), InputError);
    await assert.rejects(run({ name: '../escape', command: ['true'] }), /not|container name/);
  });

  it("reports runc's error when the command does not exist, and keeps nothing", async () => {
    const n = name('missing');
    await assert.rejects(
      run({ name: n, command: ['/nonexistent-command'] }),
      (e: unknown) =>
        e instanceof ContainerStartError && /exec: "\/nonexistent-command"/.test(e.runcMessage),
    );
    assert.equal(existsSync(join(stateDir, 'containers', n)), false);
    assert.equal(await runcState(n), undefined);
    assert.deepEqual(
      readdirSync(join(stateDir, 'containers')).filter((c) => c.startsWith(`${prefix}-missing`)),
      [],
    );
  });
});
