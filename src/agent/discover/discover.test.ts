import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scratchDir } from '../../testing/fixtures.js';
import { discoveryRoots } from './container.js';
import { discoverContainers } from './discover.js';
import { FIXTURE_HOST, IDS } from './testing-host.js';

describe('discoverContainers', () => {
  it('reports each container once, by runtime then id', async () => {
    const warnings: string[] = [];
    const found = await discoverContainers(discoveryRoots(FIXTURE_HOST), (m) => warnings.push(m));
    // Docker's container is also containerd's task (namespace moby), Podman's also crun's: each is reported once,
    // by the runtime that knows its image.
    assert.deepEqual(
      found.map((c) => [c.runtime, c.containerId, c.name, c.image?.digest ?? c.imageName]),
      [
        [
          'containerd',
          IDS.containerdApi,
          'api-7d4b9c8f6-x2x9q/api',
          'registry.example.com/shop/api:2.4.1',
        ],
        ['docker', IDS.dockerWeb, 'web', IDS.dockerImage],
        ['lxc', 'web', 'web', undefined],
        ['podman', IDS.podmanDb, 'db', IDS.podmanImage],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it('finds nothing, and warns of nothing, on a host without runtimes', async () => {
    const scratch = scratchDir('discover-empty');
    try {
      const warnings: string[] = [];
      assert.deepEqual(
        await discoverContainers(discoveryRoots(scratch.dir), (m) => warnings.push(m)),
        [],
      );
      assert.deepEqual(warnings, []);
    } finally {
      scratch.remove();
    }
  });

  it('skips an unreadable record with a warning and reports the rest', async () => {
    const scratch = scratchDir('discover-broken');
    try {
      cpSync(FIXTURE_HOST, scratch.dir, { recursive: true });
      const broken = join(
        scratch.dir,
        'var/lib/docker/containers',
        IDS.dockerWeb,
        'config.v2.json',
      );
      writeFileSync(broken, '{"State": {"Running": tr');
      const warnings: string[] = [];
      const found = await discoverContainers(discoveryRoots(scratch.dir), (m) => warnings.push(m));
      assert.deepEqual(
        found.map((c) => c.runtime),
        // Without Docker's record, containerd's moby task is the only account of that container.
        ['containerd', 'containerd', 'lxc', 'podman'],
      );
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /config\.v2\.json: skipped \(.*JSON/);
    } finally {
      scratch.remove();
    }
  });
});
