import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discoverCrun } from './crun.js';
import { discoverPodman } from './podman.js';
import { FIXTURE_HOST, IDS, fixtureContext } from './testing-host.js';

describe('discoverPodman', () => {
  it('reports the containers its OCI runtime runs, with the image from storage', () => {
    const ctx = fixtureContext();
    const crun = discoverCrun(ctx.roots.crun, ctx);
    // crun sees the running one (the other's init is a zombie), with Podman's annotations and no image.
    assert.deepEqual(
      crun.map((c) => [c.containerId, c.pid, c.image, c.labels['io.container.manager']]),
      [[IDS.podmanDb, 4301, undefined, 'libpod']],
    );
    const found = discoverPodman(
      ctx.roots.podman,
      new Map(crun.map((c) => [c.containerId, c])),
      ctx,
    );
    assert.deepEqual(found, [
      {
        runtime: 'podman',
        containerId: IDS.podmanDb,
        name: 'db',
        pid: 4301,
        startedAt: '2024-05-02T10:02:12.030Z',
        labels: {},
        image: {
          digest: IDS.podmanImage,
          digestKind: 'image',
          name: 'docker.io/library/postgres:16',
        },
        rootfs: join(FIXTURE_HOST, 'var/lib/containers/storage/overlay', IDS.podmanLayer, 'merged'),
      },
    ]);
    assert.deepEqual(ctx.warnings, []);
  });

  it('reports nothing when no runtime runs its containers', () => {
    const ctx = fixtureContext();
    assert.deepEqual(discoverPodman(ctx.roots.podman, new Map(), ctx), []);
  });
});
