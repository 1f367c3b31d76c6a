import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEntry } from '../model/layer.js';
import { squashLayers, type LayerChanges } from './squash.js';

const file = (path: string, size = 1): Omit<FileEntry, 'layer'> => ({
  path,
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  size,
});
const dir = (path: string): Omit<FileEntry, 'layer'> => ({
  path,
  type: 'dir',
  mode: 0o755,
  uid: 0,
  gid: 0,
  size: 0,
});
const layer = (changes: Partial<LayerChanges>): LayerChanges => ({
  entries: [],
  whiteouts: [],
  opaqueDirs: [],
  facts: {},
  ...changes,
});

describe('squashLayers', () => {
  it('lets a later layer replace a path and remembers which layer wrote each path', () => {
    const { tree } = squashLayers([
      layer({ entries: [dir('etc'), file('etc/a', 1), file('etc/b', 1)] }),
      layer({ entries: [file('etc/a', 2)] }),
    ]);
    assert.equal(tree.lstat('etc/a')?.layer, 1);
    assert.equal(tree.lstat('etc/a')?.size, 2);
    assert.equal(tree.lstat('etc/b')?.layer, 0);
  });

  it('applies whiteouts to lower layers only, whatever their place in the tar', () => {
    const { tree } = squashLayers([
      layer({ entries: [dir('usr'), file('usr/x'), dir('usr/share'), file('usr/share/y')] }),
      // The layer re-creates usr/share after deleting the lower one: the new copy stays.
      layer({
        entries: [dir('usr/share'), file('usr/share/z')],
        whiteouts: ['usr/share', 'usr/x'],
      }),
    ]);
    assert.deepEqual(
      tree.entries().map((e) => e.path),
      ['usr', 'usr/share', 'usr/share/z'],
    );
  });

  it('hides lower contents of an opaque directory but keeps the directory and its new contents', () => {
    const { tree } = squashLayers([
      layer({ entries: [dir('var'), dir('var/lib'), file('var/lib/old'), file('var/keep')] }),
      layer({ entries: [file('var/lib/new')], opaqueDirs: ['var/lib'] }),
    ]);
    assert.deepEqual(
      tree.entries().map((e) => e.path),
      ['var', 'var/keep', 'var/lib', 'var/lib/new'],
    );
  });

  it('drops everything below a directory that a later layer replaces with a file', () => {
    const { tree } = squashLayers([
      layer({ entries: [dir('opt'), file('opt/a')] }),
      layer({ entries: [file('opt')] }),
    ]);
    assert.deepEqual(
      tree.entries().map((e) => [e.path, e.type]),
      [['opt', 'file']],
    );
  });

  it('keeps the facts of every copy since the last deletion, and forgets stale ones', () => {
    const { facts } = squashLayers([
      layer({ entries: [file('db')], facts: { a: { db: 'v1' } } }),
      layer({ entries: [file('db')], facts: { a: { db: 'v2' } } }),
      layer({ whiteouts: ['db'] }),
      layer({ entries: [file('db')], facts: { a: { db: 'v4' } } }),
      layer({ entries: [file('other')], facts: { a: { other: 'o' } } }),
    ]);
    assert.deepEqual(facts.get('a')!.get('db'), [{ fact: 'v4', layer: 3 }]);
    const f = squashLayers([
      layer({ entries: [file('db')], facts: { a: { db: 'v1' } } }),
      layer({ entries: [file('db')], facts: { a: { db: 'v2' } } }),
    ]).facts;
    assert.deepEqual(f.get('a')!.get('db'), [
      { fact: 'v1', layer: 0 },
      { fact: 'v2', layer: 1 },
    ]);
    // A later copy that gave no fact (too big, or now a symlink) makes the old facts stale.
    const g = squashLayers([
      layer({ entries: [file('db')], facts: { a: { db: 'v1' } } }),
      layer({ entries: [{ ...file('db'), type: 'symlink', linkTarget: 'elsewhere' }] }),
    ]).facts;
    assert.equal(g.get('a')!.get('db'), undefined);
  });
});
