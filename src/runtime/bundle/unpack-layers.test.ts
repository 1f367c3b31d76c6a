import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pack, type Header } from 'tar-stream';
import { openTarget } from '../../source/open-target.js';
import type { ImageSource } from '../../source/source.js';
import { scratchDir } from '../../testing/fixtures.js';
import { unpackLayers } from './unpack-layers.js';

type Entry = Partial<Header> & Pick<Header, 'name'> & { body?: string };

async function layerTar(entries: Entry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const { body, ...header } of entries) p.entry(header, body ?? '');
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Writes an OCI image layout holding one image (tag `test`) made of these layers. */
function writeLayout(dir: string, layers: Buffer[]): void {
  const blob = (bytes: Buffer | string) => {
    const hex = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'blobs', 'sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: Buffer.byteLength(bytes) };
  };
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const layerDescs = layers.map((l) => ({
    mediaType: 'application/vnd.oci.image.layer.v1.tar',
    ...blob(l),
  }));
  const config = blob(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['/bin/true'] },
      rootfs: { type: 'layers', diff_ids: layerDescs.map((d) => d.digest) },
    }),
  );
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layerDescs,
    }),
  );
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': 'test' },
        },
      ],
    }),
  );
}

describe('unpackLayers', () => {
  const scratch = scratchDir('unpack-layers');
  // The "outside" the hostile layers aim at: the root sits two levels below it.
  const outside = join(scratch.dir, 'outside');
  const root = join(outside, 'images', 'root');
  const warnings: string[] = [];

  before(async () => {
    mkdirSync(root, { recursive: true });
    const layout = join(scratch.dir, 'layout');
    const mtime = new Date('2020-01-02T03:04:05Z');
    const base = await layerTar([
      { name: 'bin/', type: 'directory', mode: 0o755, mtime },
      { name: 'bin/tool', body: 'tool v1\n', mode: 0o4755, uid: 0, gid: 0, mtime },
      { name: 'etc/', type: 'directory', mode: 0o755 },
      { name: 'etc/passwd', body: 'root:x:0:0:root:/root:/bin/sh\n', mode: 0o644 },
      { name: 'home/', type: 'directory', mode: 0o755 },
      { name: 'home/user/', type: 'directory', mode: 0o750, uid: 1000, gid: 1000 },
      { name: 'home/user/notes', body: 'mine\n', mode: 0o600, uid: 1000, gid: 1000 },
      { name: 'gone', body: 'deleted by the next layer\n' },
      { name: 'keep/', type: 'directory', mode: 0o755 },
      { name: 'keep/old', body: 'hidden by an opaque marker\n' },
      { name: 'bin/tool-link', type: 'link', linkname: 'bin/tool' },
      { name: 'run/fifo', type: 'fifo', mode: 0o600 },
      { name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0 },
      // The hostile part: links that point out of the root, absolutely and relatively.
      { name: 'escape', type: 'symlink', linkname: '/etc' },
      { name: 'climb', type: 'symlink', linkname: '../../..' },
      { name: 'deep/', type: 'directory' },
      { name: 'deep/climb', type: 'symlink', linkname: '../../../../../../../..' },
      { name: 'loop', type: 'symlink', linkname: 'loop' },
    ]);
    const top = await layerTar([
      { name: '.wh.gone' },
      { name: 'keep/.wh..wh..opq' },
      { name: 'keep/new', body: 'from the top layer\n' },
      // Each write through a symlink must land inside the root.
      { name: 'escape/seawall-pwned', body: 'x\n' },
      { name: 'climb/seawall-pwned-2', body: 'x\n' },
      { name: 'deep/climb/seawall-pwned-3', body: 'x\n' },
      { name: 'climb/images/root/seawall-pwned-4', body: 'x\n' },
      { name: 'bin/tool', body: 'tool v2\n', mode: 0o755 },
      { name: 'loop/inside', body: 'never written\n' },
    ]);
    writeLayout(layout, [base, top]);
    const source = (await openTarget(`oci:${layout}:test`)) as ImageSource;
    try {
      await unpackLayers(source, root, { warn: (m) => warnings.push(m) });
    } finally {
      await source.close();
    }
  });
  after(() => scratch.remove());

  it('writes files, directories, links and FIFOs with their modes and owners', () => {
    assert.equal(readFileSync(join(root, 'bin/tool'), 'utf8'), 'tool v2\n');
    const notes = lstatSync(join(root, 'home/user/notes'));
    assert.equal(notes.mode & 0o7777, 0o600);
    assert.equal(notes.uid, 1000);
    assert.equal(lstatSync(join(root, 'home/user')).mode & 0o7777, 0o750);
    assert.equal(lstatSync(join(root, 'home/user')).gid, 1000);
    assert.ok(lstatSync(join(root, 'run/fifo')).isFIFO());
    assert.equal(readlinkSync(join(root, 'escape')), '/etc');
    // The hard link was made to the first layer's file, before the top layer replaced bin/tool.
    assert.equal(readFileSync(join(root, 'bin/tool-link'), 'utf8'), 'tool v1\n');
    assert.equal(lstatSync(join(root, 'bin/tool-link')).mode & 0o7777, 0o4755);
    assert.equal(existsSync(join(root, 'dev/sda')), false);
    assert.ok(warnings.some((w) => /skipped 1 device file/.test(w)));
  });

  it('applies whiteouts and opaque directories', () => {
    assert.equal(existsSync(join(root, 'gone')), false);
    assert.equal(existsSync(join(root, 'keep/old')), false);
    assert.equal(readFileSync(join(root, 'keep/new'), 'utf8'), 'from the top layer\n');
  });

  it('never writes outside the root through a symlink the image holds', () => {
    assert.equal(existsSync('/etc/seawall-pwned'), false);
    assert.equal(readFileSync(join(root, 'etc/seawall-pwned'), 'utf8'), 'x\n');
    // `climb` (../../..) from the root is the root itself.
    assert.equal(readFileSync(join(root, 'seawall-pwned-2'), 'utf8'), 'x\n');
    assert.equal(readFileSync(join(root, 'seawall-pwned-3'), 'utf8'), 'x\n');
    assert.equal(readFileSync(join(root, 'images/root/seawall-pwned-4'), 'utf8'), 'x\n');
    for (const name of ['seawall-pwned-2', 'seawall-pwned-3', 'seawall-pwned-4']) {
      assert.equal(existsSync(join(outside, name)), false);
      assert.equal(existsSync(join(outside, 'images', name)), false);
      assert.equal(existsSync(join(scratch.dir, name)), false);
    }
    assert.equal(existsSync(join(outside, 'images', 'root', 'seawall-pwned-4')), false);
  });

  it('skips a path whose parent is a symlink loop, with a warning', () => {
    assert.ok(lstatSync(join(root, 'loop')).isSymbolicLink());
    assert.ok(
      warnings.some((w) => /skipped loop\/inside: .*too many levels of symbolic links/.test(w)),
    );
  });
});
