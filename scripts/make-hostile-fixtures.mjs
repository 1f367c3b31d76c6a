#!/usr/bin/env node
// Writes the hostile layer tars under test/fixtures/hostile/ (committed; rerun only to change them):
//   node scripts/make-hostile-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

const dir = new URL('../test/fixtures/hostile/', import.meta.url);

async function tarOf(entries) {
  const p = pack();
  const chunks = [];
  p.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => p.on('end', resolve));
  for (const [header, body] of entries) {
    await new Promise((resolve, reject) =>
      p.entry({ mode: 0o644, mtime: new Date(0), uid: 0, gid: 0, ...header }, body ?? '', (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

const osRelease = 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n';
const files = {
  // '/etc/os-release' is read relative to the root (as engines do), '../' names are skipped.
  'paths.tar': [
    [{ name: '/etc/os-release' }, osRelease],
    [{ name: '../../outside' }, 'x'],
    [{ name: 'a/../../outside2' }, 'x'],
    [{ name: 'ok/file' }, 'fine'],
    [{ name: 'ok/hard', type: 'link', linkname: '../../../etc/shadow' }],
  ],
  // Symlinks that loop or point far above the root: resolution must stay inside and terminate.
  'symlinks.tar': [
    [{ name: 'etc/', type: 'directory', mode: 0o755 }],
    [{ name: 'etc/loop-a', type: 'symlink', linkname: 'loop-b' }],
    [{ name: 'etc/loop-b', type: 'symlink', linkname: '/etc/loop-a' }],
    [{ name: 'etc/escape', type: 'symlink', linkname: '../../../../../../host-secret' }],
    [{ name: 'host-secret' }, 'inside the image'],
    [{ name: 'etc/os-release', type: 'symlink', linkname: 'loop-a' }],
  ],
  // Device files are never opened; they are skipped with a warning.
  'devices.tar': [
    [{ name: 'dev/', type: 'directory', mode: 0o755 }],
    [{ name: 'dev/kmsg', type: 'character-device', devmajor: 1, devminor: 11 }],
    [{ name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0 }],
    [{ name: 'etc/os-release' }, osRelease],
  ],
  // Whiteouts of every kind, for the squash.
  'whiteouts.tar': [
    [{ name: 'etc/.wh.os-release' }, ''],
    [{ name: 'var/lib/.wh..wh..opq' }, ''],
    [{ name: '.wh..wh.plnk/123' }, ''],
    [{ name: 'var/lib/new' }, 'new'],
  ],
};

for (const [name, entries] of Object.entries(files))
  writeFileSync(new URL(name, dir), await tarOf(entries));

// A tar bomb: 64 MiB of zeros in one entry compresses to about 64 KiB.
const bomb = await tarOf([[{ name: 'zeros' }, Buffer.alloc(64 * 1024 * 1024)]]);
writeFileSync(new URL('bomb.tar.gz', dir), gzipSync(bomb, { level: 9 }));
// Many tiny entries.
writeFileSync(
  new URL('many-entries.tar.gz', dir),
  gzipSync(await tarOf(Array.from({ length: 5000 }, (_, i) => [{ name: `f/${i}` }, '']))),
);
// A tar cut off in the middle of a file's data.
const whole = await tarOf([
  [{ name: 'etc/os-release' }, osRelease],
  [{ name: 'big' }, Buffer.alloc(10000, 0x41)],
]);
writeFileSync(new URL('truncated.tar', dir), whole.subarray(0, 1024 + 512 + 3000));
// gzip whose deflate stream is damaged after the header.
const gz = gzipSync(whole);
for (let i = 20; i < 60; i++) gz[i] ^= 0x5a;
writeFileSync(new URL('corrupt.tar.gz', dir), gz);
// Not a tar at all.
writeFileSync(
  new URL('garbage.tar', dir),
  Buffer.from('this is not a tar archive, just text\n'.repeat(40)),
);
console.log('hostile fixtures written');
