import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { resolveContainerUser } from './container-user.js';

describe('resolveContainerUser', () => {
  const scratch = scratchDir('container-user');
  const root = join(scratch.dir, 'root');
  before(() => {
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(join(root, 'data'));
    writeFileSync(
      join(root, 'data/passwd'),
      [
        'root:x:0:0:root:/root:/bin/bash',
        'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
        'app:x:1000:1000::/home/app:/bin/sh',
        'broken line',
        '',
      ].join('\n'),
    );
    // An absolute link: read inside the root, never the host's /etc/passwd.
    symlinkSync('/data/passwd', join(root, 'etc/passwd'));
    writeFileSync(
      join(root, 'etc/group'),
      [
        'root:x:0:',
        'www-data:x:33:',
        'adm:x:4:app',
        'audio:x:29:app,www-data',
        'app:x:1000:',
        '',
      ].join('\n'),
    );
  });
  after(() => scratch.remove());

  it('resolves a name, with the groups that list it', () => {
    assert.deepEqual(resolveContainerUser(root, 'app', 'User'), {
      uid: 1000,
      gid: 1000,
      additionalGids: [4, 29],
      home: '/home/app',
    });
  });

  it('defaults to root', () => {
    assert.deepEqual(resolveContainerUser(root, undefined, 'User'), {
      uid: 0,
      gid: 0,
      additionalGids: [],
      home: '/root',
    });
  });

  it('takes numbers as they are, and a group by name or number', () => {
    assert.deepEqual(resolveContainerUser(root, '4242', 'User'), {
      uid: 4242,
      gid: 0,
      additionalGids: [],
      home: '/',
    });
    assert.deepEqual(resolveContainerUser(root, 'www-data:audio', 'User'), {
      uid: 33,
      gid: 29,
      additionalGids: [],
      home: '/var/www',
    });
    assert.deepEqual(resolveContainerUser(root, '33:7', 'User'), {
      uid: 33,
      gid: 7,
      additionalGids: [],
      home: '/var/www',
    });
  });

  it('refuses a name the image does not have', () => {
    assert.throws(
      () => resolveContainerUser(root, 'nobody', '--user'),
      (e: unknown) => e instanceof InputError && /--user: no user "nobody"/.test(e.message),
    );
    assert.throws(() => resolveContainerUser(root, 'app:wheel', '--user'), /no group "wheel"/);
  });
});
