import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discoverLxc, parseLxcKeys } from './lxc.js';
import { FIXTURE_HOST, fixtureContext } from './testing-host.js';

describe('discoverLxc', () => {
  it("reports a container whose payload cgroup has processes, with systemd's init as its pid", () => {
    const ctx = fixtureContext();
    assert.deepEqual(discoverLxc(ctx.roots.lxc, ctx.roots.cgroup, ctx), [
      {
        runtime: 'lxc',
        containerId: 'web',
        name: 'web',
        pid: 4401,
        startedAt: '2024-05-02T10:58:20.000Z',
        labels: {},
        image: undefined,
        rootfs: join(FIXTURE_HOST, 'var/lib/lxc/web/rootfs'),
      },
    ]);
    assert.deepEqual(ctx.warnings, []);
  });

  it('keeps the last value of a key', () => {
    const keys = parseLxcKeys(
      'lxc.uts.name = a\n# lxc.uts.name = b\nlxc.uts.name=c\nlxc.rootfs.path = dir:/x\n',
    );
    assert.equal(keys.get('lxc.uts.name'), 'c');
    assert.equal(keys.get('lxc.rootfs.path'), 'dir:/x');
  });
});
