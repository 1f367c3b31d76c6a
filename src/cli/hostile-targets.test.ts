// Targets and layouts that try to make the CLI hang, stream without end or fail with a raw error: each must give
// exit 2 and one line, quickly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot, scratchDir } from '../testing/fixtures.js';
import { testImages } from '../testing/images.js';

function seawall(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'seawall.js'), ...args], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

function expectOneLineError(r: ReturnType<typeof seawall>, pattern: RegExp): void {
  assert.equal(r.timedOut, false, 'timed out');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, pattern);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
}

describe('hostile targets', () => {
  let work: { dir: string; remove: () => void };
  let layout: string;
  let layerBlob: string;

  before(() => {
    work = scratchDir('hostile-targets');
    layout = join(work.dir, 'oci');
    cpSync(testImages().oci, layout, { recursive: true });
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
    const manifest = JSON.parse(
      readFileSync(join(layout, 'blobs/sha256', index.manifests[0].digest.slice(7)), 'utf8'),
    );
    layerBlob = join(layout, 'blobs/sha256', manifest.layers[0].digest.slice(7));
  });
  after(() => work.remove());

  it('refuses a FIFO as target instead of blocking on it', () => {
    const fifo = join(work.dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    expectOneLineError(
      seawall('sbom', fifo, '--no-cache'),
      /fifo is neither a directory nor a regular file/,
    );
    expectOneLineError(
      seawall('sbom', `docker-archive:${fifo}`, '--no-cache'),
      /fifo is neither a directory nor a regular file/,
    );
  });

  it('refuses a layer blob that is a FIFO or a link to a device', () => {
    rmSync(layerBlob);
    spawnSync('mkfifo', [layerBlob]);
    expectOneLineError(
      seawall('sbom', `oci:${layout}:base`, '--no-cache'),
      /is not a regular file/,
    );
    rmSync(layerBlob);
    symlinkSync('/dev/zero', layerBlob);
    expectOneLineError(
      seawall('sbom', `oci:${layout}:base`, '--no-cache'),
      /is not a regular file/,
    );
  });

  it('names a symlink loop and a compressed archive', () => {
    const loop = join(work.dir, 'loop');
    symlinkSync(loop, loop);
    expectOneLineError(seawall('sbom', loop), /symlink loop/);
    const gz = join(work.dir, 'image.tar.gz');
    writeFileSync(gz, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
    expectOneLineError(
      seawall('sbom', `docker-archive:${gz}`),
      /compressed archive: .*decompress it first/,
    );
  });

  it('refuses a platform the single-platform image is not for', () => {
    expectOneLineError(
      seawall('sbom', `oci:${testImages().oci}:base`, '--platform', 'linux/arm64', '--no-cache'),
      /the image is for linux\/amd64, not the requested linux\/arm64/,
    );
  });

  it('leaves no temporary file behind when the output cannot be written', () => {
    const r = seawall('sbom', `oci:${testImages().oci}:base`, '-o', work.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write output/);
    assert.ok(
      !spawnSync('ls', [join(work.dir, '..')], { encoding: 'utf8' }).stdout.includes('.tmp'),
    );
  });
});
