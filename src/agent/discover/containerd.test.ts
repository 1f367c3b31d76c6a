import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discoverContainerd } from './containerd.js';
import { FIXTURE_HOST, IDS, fixtureContext } from './testing-host.js';

describe('discoverContainerd', () => {
  it("reports running tasks with the CRI plugin's pod, container and image names", () => {
    const ctx = fixtureContext();
    const found = discoverContainerd(ctx.roots.containerd, ctx);
    const api = found.find((c) => c.containerId === IDS.containerdApi);
    assert.deepEqual(api, {
      runtime: 'containerd',
      containerId: IDS.containerdApi,
      name: 'api-7d4b9c8f6-x2x9q/api',
      pid: 4201,
      // procfs btime 1714640000 + 730512 ticks at 100 Hz.
      startedAt: '2024-05-02T10:55:05.120Z',
      labels: {
        'io.containerd.namespace': 'k8s.io',
        'io.kubernetes.container.name': 'api',
        'io.kubernetes.pod.name': 'api-7d4b9c8f6-x2x9q',
        'io.kubernetes.pod.namespace': 'shop',
      },
      image: undefined,
      imageName: 'registry.example.com/shop/api:2.4.1',
      rootfs: join(
        FIXTURE_HOST,
        'run/containerd/io.containerd.runtime.v2.task/k8s.io',
        IDS.containerdApi,
        'rootfs',
      ),
    });
    // The pod's sandbox is left out, the task never started (no init.pid) too; Docker's moby task is still here
    // (discoverContainers drops it in favour of Docker's record).
    assert.deepEqual(
      found.map((c) => `${c.labels['io.containerd.namespace']}/${c.containerId.slice(0, 12)}`),
      ['k8s.io/a7d5abb6929d', `moby/${IDS.dockerWeb.slice(0, 12)}`],
    );
    assert.deepEqual(ctx.warnings, []);
  });
});
