import assert from 'node:assert/strict';
import { lutimesSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scratchDir } from '../../testing/fixtures.js';
import type { DiscoveredContainer } from './container.js';
import {
  rootfsDigest,
  rootfsIdentity,
  withImageIdentities,
  type IdentityCache,
} from './image-identity.js';

describe('rootfs identity', () => {
  const scratch = scratchDir('image-identity');
  after(() => scratch.remove());
  const T = new Date('2024-05-02T09:00:00Z');

  /** The same small tree, with fixed times, in `dir`. */
  function makeRoot(dir: string): string {
    mkdirSync(join(dir, 'etc'), { recursive: true });
    writeFileSync(join(dir, 'etc', 'os-release'), 'ID=debian\n');
    symlinkSync('/etc/os-release', join(dir, 'os-release'));
    lutimesSync(join(dir, 'os-release'), T, T); // the link itself, not its target
    for (const p of ['etc/os-release', 'etc', '.']) utimesSync(join(dir, p), T, T);
    return dir;
  }

  it('is the same for the same listing elsewhere, and differs when a file changes', () => {
    const a = makeRoot(join(scratch.dir, 'a'));
    const b = makeRoot(join(scratch.dir, 'b'));
    const digest = rootfsDigest(a);
    assert.match(digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(rootfsDigest(b), digest);
    writeFileSync(join(b, 'etc', 'os-release'), 'ID=debian\nVERSION_ID=12\n');
    utimesSync(join(b, 'etc', 'os-release'), T, T);
    assert.notEqual(rootfsDigest(b), digest, 'a size change must change the digest');
  });

  it('is cached while the root directory is unchanged', () => {
    const root = makeRoot(join(scratch.dir, 'cached'));
    const cache: IdentityCache = new Map();
    const first = rootfsIdentity(root, cache);
    assert.deepEqual(cache.get(root)?.digest, first);
    // A change below the top level leaves the root's mtime alone: the cached identity is kept (no walk).
    writeFileSync(join(root, 'etc', 'os-release'), 'changed\n');
    assert.equal(rootfsIdentity(root, cache), first);
    // A new top-level entry changes the root's mtime: walked again.
    writeFileSync(join(root, 'new-file'), '');
    const second = rootfsIdentity(root, cache);
    assert.notEqual(second, first);
    assert.equal(second, rootfsDigest(root));
  });

  it('gives containers without a digest a rootfs image, keeping the name they were run as', () => {
    const root = makeRoot(join(scratch.dir, 'container'));
    const base: DiscoveredContainer = {
      runtime: 'lxc',
      containerId: 'web',
      startedAt: '2024-05-02T09:00:00.000Z',
      labels: {},
      image: undefined,
    };
    const warnings: string[] = [];
    const out = withImageIdentities(
      [
        { ...base, rootfs: root, imageName: 'registry.example/app:1' },
        { ...base, containerId: 'no-root' },
        {
          ...base,
          runtime: 'docker',
          containerId: 'img',
          image: { digest: `sha256:${'a'.repeat(64)}`, digestKind: 'image' },
        },
      ],
      new Map(),
      (m) => warnings.push(m),
    );
    assert.deepEqual(
      out.map((c) => [c.containerId, c.image]),
      [
        [
          'web',
          { digest: rootfsDigest(root), digestKind: 'rootfs', name: 'registry.example/app:1' },
        ],
        ['img', { digest: `sha256:${'a'.repeat(64)}`, digestKind: 'image' }],
      ],
    );
    assert.deepEqual(warnings, [
      'lxc container no-root: skipped (no image digest and no root filesystem)',
    ]);
  });
});
