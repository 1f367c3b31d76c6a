import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readContainerRecord } from '../../runtime/containers/state-store.js';
import { removeContainer } from '../../runtime/containers/remove-container.js';
import { runContainer } from '../../runtime/containers/run-container.js';
import { removeContainerNetwork } from '../../runtime/network/container-network.js';
import { runcDelete, runcKill } from '../../runtime/runc.js';
import { openTarget } from '../../source/open-target.js';
import { scratchDir } from '../../testing/fixtures.js';
import { runtimeImage, type RuntimeImage } from '../../testing/runtime-image.js';
import type { DiscoverContext } from './container.js';
import { discoverRunc } from './runc.js';

describe('discoverRunc with a real runc container', () => {
  const scratch = scratchDir('agent-runc');
  const stateDir = join(scratch.dir, 'state');
  const name = `swa-${randomBytes(3).toString('hex')}`;
  const warnings: string[] = [];
  const ctx: DiscoverContext = { proc: '/proc', hostRoot: '/', warn: (m) => warnings.push(m) };
  let image: RuntimeImage;

  before(async () => {
    image = runtimeImage();
    await runContainer({
      target: image.nginxTarget,
      name,
      detach: true,
      network: 'none',
      command: ['sleep', '300'],
      stateDir,
      warn: () => {},
    });
  });
  after(async () => {
    await removeContainer(name, { force: true, stateDir }).catch(() => undefined);
    await runcDelete(name, true).catch(() => undefined);
    await removeContainerNetwork(name).catch(() => undefined);
    scratch.remove();
  });

  it('reports it with the image id `seawall sbom` reports, its target, root and start time', async () => {
    const found = discoverRunc('/run/runc', ctx).find((c) => c.containerId === name);
    assert.ok(found, `${name} not discovered`);
    const record = readContainerRecord(stateDir, name)!;
    const runcState = JSON.parse(readFileSync(join('/run/runc', name, 'state.json'), 'utf8')) as {
      created: string;
      init_process_pid: number;
    };
    const source = await openTarget(image.nginxTarget);
    const imageId = source.target.imageId;
    await source.close();
    assert.ok(imageId);
    assert.deepEqual(found, {
      runtime: 'runc',
      containerId: name,
      pid: runcState.init_process_pid,
      startedAt: new Date(runcState.created).toISOString(),
      labels: {},
      image: { digest: imageId, digestKind: 'image', name: image.nginxTarget },
      imageTarget: image.nginxTarget,
      rootfs: record.rootfs.path,
    });
    assert.equal(found.image?.digest, record.image.configDigest);
    assert.equal(found.pid, record.pid);
    assert.deepEqual(warnings, []);
  });

  it('no longer reports it once its init has exited', async () => {
    await runcKill(name, 'KILL');
    const deadline = Date.now() + 10_000;
    while (discoverRunc('/run/runc', ctx).some((c) => c.containerId === name)) {
      assert.ok(Date.now() < deadline, 'still reported 10 s after SIGKILL');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
