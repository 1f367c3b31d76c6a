import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parseDpkgFileList } from './file-list.js';

describe('parseDpkgFileList', () => {
  it('drops the root and the directories that only hold listed files, keeps sorted root-relative files', () => {
    const list = [
      '/.',
      '/usr',
      '/usr/bin',
      '/usr/bin/tar',
      '/usr/bin-extra',
      '/usr/sbin',
      '/usr/sbin/rmt-tar',
      '',
    ];
    assert.deepEqual(parseDpkgFileList(list.join('\n')), [
      'usr/bin-extra',
      'usr/bin/tar',
      'usr/sbin/rmt-tar',
    ]);
  });

  it('reads a real Multi-Arch: same list (zlib1g:amd64)', () => {
    const text = readFileSync(
      fixturePath('dpkg', 'debian12', 'var', 'lib', 'dpkg', 'info', 'zlib1g:amd64.list'),
      'utf8',
    );
    assert.deepEqual(parseDpkgFileList(text), [
      'lib/x86_64-linux-gnu/libz.so.1',
      'lib/x86_64-linux-gnu/libz.so.1.2.13',
      'usr/share/doc/zlib1g/changelog.Debian.gz',
      'usr/share/doc/zlib1g/changelog.gz',
      'usr/share/doc/zlib1g/copyright',
    ]);
  });
});
