import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scratchDir } from '../../testing/fixtures.js';
import { resolveInRoot, SymlinkLoopError } from './root-path.js';

describe('resolveInRoot', () => {
  const scratch = scratchDir('root-path');
  const root = join(scratch.dir, 'root');
  before(() => {
    mkdirSync(join(root, 'usr/lib'), { recursive: true });
    symlinkSync('/usr/lib', join(root, 'lib')); // absolute: the root's /usr/lib, not the host's
    symlinkSync('../../..', join(root, 'usr/up')); // climbs past the root
    symlinkSync('lib/x', join(root, 'rel')); // relative, through another link
    symlinkSync('a', join(root, 'b'));
    symlinkSync('b', join(root, 'a'));
  });
  after(() => scratch.remove());

  it('follows absolute symlinks from the root, not from the host', () => {
    assert.equal(
      resolveInRoot(root, 'lib/libc.so', { followFinal: true }),
      join(root, 'usr/lib/libc.so'),
    );
    assert.equal(resolveInRoot(root, '/lib', { followFinal: true }), join(root, 'usr/lib'));
  });

  it('stops `..` and climbing links at the root', () => {
    assert.equal(
      resolveInRoot(root, '../../etc/passwd', { followFinal: true }),
      join(root, 'etc/passwd'),
    );
    assert.equal(
      resolveInRoot(root, 'usr/up/etc/shadow', { followFinal: true }),
      join(root, 'etc/shadow'),
    );
  });

  it('leaves the last component alone unless asked to follow it', () => {
    assert.equal(resolveInRoot(root, 'lib', { followFinal: false }), join(root, 'lib'));
    assert.equal(resolveInRoot(root, 'rel', { followFinal: true }), join(root, 'usr/lib/x'));
  });

  it('keeps missing components as they are', () => {
    assert.equal(
      resolveInRoot(root, 'new/dir/file', { followFinal: true }),
      join(root, 'new/dir/file'),
    );
    assert.equal(resolveInRoot(root, '', { followFinal: true }), root);
  });

  it('refuses a symlink loop', () => {
    assert.throws(() => resolveInRoot(root, 'a/x', { followFinal: true }), SymlinkLoopError);
  });
});
