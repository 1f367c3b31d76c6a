import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEntry } from '../model/layer.js';
import { FileTree } from './file-tree.js';

const e = (path: string, type: FileEntry['type'], linkTarget?: string): FileEntry => ({
  path,
  type,
  mode: 0o644,
  uid: 0,
  gid: 0,
  size: 0,
  layer: 0,
  ...(linkTarget !== undefined ? { linkTarget } : {}),
});

describe('FileTree.resolve', () => {
  const tree = new FileTree([
    e('etc', 'dir'),
    e('usr', 'dir'),
    e('usr/lib', 'dir'),
    e('usr/lib/os-release', 'file'),
    e('etc/os-release', 'symlink', '../usr/lib/os-release'),
    e('lib', 'symlink', 'usr/lib'),
    e('etc/abs', 'symlink', '/usr/lib/os-release'),
    e('etc/escape', 'symlink', '../../../../host-secret'),
    e('host-secret', 'file'),
    e('etc/loop-a', 'symlink', 'loop-b'),
    e('etc/loop-b', 'symlink', '/etc/loop-a'),
    e('etc/passwd', 'file'),
    e('etc/passwd-dir', 'symlink', 'passwd/x'),
  ]);

  it('follows relative and absolute links, in the last and in middle components', () => {
    assert.deepEqual(tree.resolve('etc/os-release'), {
      ok: true,
      path: 'usr/lib/os-release',
      entry: tree.lstat('usr/lib/os-release'),
    });
    assert.equal(tree.stat('etc/abs')?.path, 'usr/lib/os-release');
    assert.equal(tree.stat('lib/os-release')?.path, 'usr/lib/os-release');
  });

  it('keeps links that climb above the root inside it, as a chroot would', () => {
    assert.equal(tree.stat('etc/escape')?.path, 'host-secret');
  });

  it('ends symlink loops with an answer instead of hanging', () => {
    assert.deepEqual(tree.resolve('etc/loop-a'), { ok: false, reason: 'loop' });
  });

  it('does not follow the last link when asked not to', () => {
    const r = tree.resolve('etc/os-release', false);
    assert.equal(r.ok && r.entry?.type, 'symlink');
  });

  it('reports missing paths and files used as directories', () => {
    assert.deepEqual(tree.resolve('nope/x'), { ok: false, reason: 'missing' });
    assert.deepEqual(tree.resolve('etc/passwd-dir'), { ok: false, reason: 'not-a-directory' });
  });
});
