import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { prepareImageRoot } from '../../runtime/bundle/image-root.js';
import { buildRuntimeConfig } from '../../runtime/bundle/runtime-config.js';
import {
  ANNOTATION_BASE_DIGEST,
  ANNOTATION_CONFIG_DIGEST,
  ANNOTATION_REF_NAME,
} from '../../runtime/containers/run-container.js';
import { findExecutable } from '../../runtime/runc.js';
import { scratchDir } from '../../testing/fixtures.js';
import { runtimeImage } from '../../testing/runtime-image.js';
import type { DiscoverContext } from './container.js';
import { discoverCrun } from './crun.js';

const crunMissing = findExecutable('crun') ? false : 'crun is not installed';

/**
 * `crun run --detach`. crun 1.8 refuses a cgroup v1/v2 hybrid host whose cgroup2 mount has controllers; with no
 * cgroup manager it needs none, so on such a host it runs in a private mount namespace without the cgroup2 mount.
 */
async function crun(root: string, args: string[]): Promise<void> {
  let command = ['crun', '--cgroup-manager=disabled', '--root', root, ...args];
  if (existsSync('/sys/fs/cgroup/unified/cgroup.controllers')) {
    const script = 'umount /sys/fs/cgroup/unified && exec "$@"';
    command = ['unshare', '-m', '--propagation', 'private', 'sh', '-c', script, 'sh', ...command];
  }
  // No pipes: the detached container would inherit them and hold them open.
  const child = spawn(command[0]!, command.slice(1), { stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`${command.join(' ')} exited with ${code}`);
}

describe('discoverCrun with a real crun container', { skip: crunMissing }, () => {
  const scratch = scratchDir('agent-crun');
  const root = join(scratch.dir, 'crun-root');
  const bundle = join(scratch.dir, 'bundle');
  const id = `swa-${randomBytes(3).toString('hex')}`;
  const warnings: string[] = [];
  const ctx: DiscoverContext = { proc: '/proc', hostRoot: '/', warn: (m) => warnings.push(m) };
  let imageRootDir = '';
  let configDigest = '';
  let target = '';

  before(async () => {
    target = runtimeImage().nginxTarget;
    const imageRoot = await prepareImageRoot(target, { stateDir: join(scratch.dir, 'state') });
    imageRootDir = imageRoot.dir;
    configDigest = imageRoot.configDigest!;
    mkdirSync(join(bundle, 'etc'), { recursive: true });
    writeFileSync(join(bundle, 'etc', 'hosts'), `127.0.0.1 localhost ${id}\n`);
    writeFileSync(join(bundle, 'etc', 'hostname'), `${id}\n`);
    const config = buildRuntimeConfig({
      rootPath: imageRoot.dir,
      readOnly: true,
      args: ['sleep', '300'],
      env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'],
      cwd: '/',
      user: { uid: 0, gid: 0, additionalGids: [], home: '/root' },
      hostname: id,
      capabilities: [],
      etcFiles: { hosts: join(bundle, 'etc', 'hosts'), hostname: join(bundle, 'etc', 'hostname') },
      cgroupsPath: '',
      annotations: {
        [ANNOTATION_REF_NAME]: target,
        [ANNOTATION_BASE_DIGEST]: imageRoot.baseDigest,
        [ANNOTATION_CONFIG_DIGEST]: configDigest,
      },
    });
    config.linux.namespaces.push({ type: 'network' }); // a network namespace of its own: no network
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(config, null, 2));
    await crun(root, ['run', '--detach', '--bundle', bundle, id]);
  });
  after(async () => {
    await crun(root, ['delete', '--force', id]).catch(() => undefined);
    scratch.remove();
  });

  it("reports it from crun's status file, with the image from the annotations", () => {
    const status = JSON.parse(readFileSync(join(root, id, 'status'), 'utf8')) as {
      pid: number;
      created: string;
    };
    assert.deepEqual(discoverCrun(root, ctx), [
      {
        runtime: 'crun',
        containerId: id,
        pid: status.pid,
        startedAt: new Date(status.created).toISOString(),
        labels: {},
        image: { digest: configDigest, digestKind: 'image', name: target },
        imageTarget: target,
        rootfs: imageRootDir,
      },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('no longer reports it once it is killed', async () => {
    await crun(root, ['kill', id, 'KILL']);
    const deadline = Date.now() + 10_000;
    while (discoverCrun(root, ctx).length > 0) {
      assert.ok(Date.now() < deadline, 'still reported 10 s after SIGKILL');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
