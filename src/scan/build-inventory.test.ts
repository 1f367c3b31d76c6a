// End-to-end over the real Debian test images: every source kind gives the same squashed view, whiteouts from the
// purge layer apply, the layer cache makes a rescan read nothing, and broken input is named.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Analyzer } from '../analyze/analyzer.js';
import { InputError } from '../errors.js';
import type { Package } from '../model/package.js';
import { scratchDir } from '../testing/fixtures.js';
import { testImages, type TestImages } from '../testing/images.js';
import { buildInventoryWithStats, type ScanOptions } from './build-inventory.js';

/** Reports one "package" per dpkg status stanza, with the layer of the status copy: enough to see the squash. */
const statusProbe: Analyzer<string[]> = {
  name: 'probe',
  version: 1,
  wants: (path) => path === 'var/lib/dpkg/status',
  parse: ({ content }) => [...content.toString().matchAll(/^Package: (.+)$/gm)].map((m) => m[1]!),
  assemble({ facts, tree }) {
    const versions = facts.get('var/lib/dpkg/status') ?? [];
    const last = versions.at(-1);
    const osRelease = tree.resolve('etc/os-release');
    return {
      packages: (last?.fact ?? []).map((name): Package => ({
        type: 'deb',
        name,
        version: '',
        licenses: [],
        purl: `pkg:deb/debian/${name}`,
        files: [],
        dependsOn: [],
        layer: last!.layer,
        foundBy: 'probe',
        location: osRelease.ok ? osRelease.path : 'no os-release',
      })),
    };
  },
};

let images: TestImages;
let cache: { dir: string; remove: () => void };

async function scan(target: string, extra: ScanOptions = {}) {
  return buildInventoryWithStats(target, {
    analyzers: [statusProbe],
    cacheDir: cache.dir,
    ...extra,
  });
}
const names = (pkgs: Package[]) => pkgs.map((p) => p.name);

describe('buildInventory on real images', () => {
  before(() => {
    images = testImages();
    cache = scratchDir('cache');
  });

  it('squashes the purge layer of an OCI layout: less is gone, the status file comes from layer 1', async () => {
    const { inventory } = await scan(`oci:${images.oci}:purged`, { noCache: true });
    assert.equal(inventory.target.layers.length, 2);
    assert.ok(
      inventory.warnings.some((w) =>
        /layer 0 .*skipped 8 device files, never read \(dev\/console, /.test(w),
      ),
    );
    assert.match(inventory.target.imageId!, /^sha256:/);
    assert.match(inventory.target.manifestDigest!, /^sha256:/);
    assert.deepEqual(inventory.target.platform, { os: 'linux', architecture: 'amd64' });
    assert.equal(inventory.target.layers[1]!.createdBy, 'dpkg --purge less');
    const pkgs = inventory.packages;
    assert.ok(pkgs.length > 80, `minbase has ${pkgs.length} packages`);
    assert.ok(!names(pkgs).includes('less'));
    assert.ok(pkgs.every((p) => p.layer === 1));
    // etc/os-release is a symlink into usr/lib: resolved inside the image.
    assert.equal(pkgs[0]!.location, 'usr/lib/os-release');

    // The purge layer's whiteouts remove less's files; every path remembers the layer that last wrote it.
    const { tree } = await scan(`oci:${images.oci}:purged`);
    assert.equal(tree.lstat('usr/bin/less'), undefined);
    assert.equal(tree.lstat('usr/share/doc/less'), undefined);
    assert.equal(tree.lstat('var/lib/dpkg/status')?.layer, 1);
    assert.equal(tree.lstat('usr/bin/bash')?.layer, 0);
    assert.equal(
      inventory.target.layers[tree.lstat('usr/bin/bash')!.layer]!.diffId,
      inventory.target.layers[0]!.diffId,
    );

    const base = await scan(`oci:${images.oci}:base`, { noCache: true });
    assert.equal(base.tree.lstat('usr/bin/less')?.type, 'file');
    assert.ok(names(base.inventory.packages).includes('less'));
    assert.equal(base.inventory.packages.length, pkgs.length + 1);
  });

  it('reads the same image from zstd layers, an OCI archive and a docker archive', async () => {
    const expected = names((await scan(`oci:${images.oci}:purged`)).inventory.packages);
    for (const target of [
      `oci:${images.ociZstd}:purged`,
      `oci-archive:${images.ociArchive}:purged`,
      images.ociArchive,
    ]) {
      const { inventory } = await scan(target, { noCache: true });
      assert.deepEqual(names(inventory.packages), expected, target);
    }
    const docker = await scan(`docker-archive:${images.dockerArchive}`, {
      image: 'seawall/test:purged',
      noCache: true,
    });
    assert.deepEqual(names(docker.inventory.packages), expected);
    assert.deepEqual(docker.inventory.target.repoTags, ['docker.io/seawall/test:purged']);
    // The same image by its id, through auto-detection of the archive kind.
    const byId = await scan(images.dockerArchive, {
      image: docker.inventory.target.imageId!,
      noCache: true,
    });
    assert.deepEqual(names(byId.inventory.packages), expected);
  });

  it('reads a root filesystem directory the same way (before the purge)', async () => {
    const { inventory } = await scan(`dir:${images.rootfs}`, { noCache: true });
    const base = await scan(`oci:${images.oci}:base`);
    assert.deepEqual(names(inventory.packages), names(base.inventory.packages));
    assert.equal(inventory.target.kind, 'rootfs');
  });

  it('rescans an unchanged image without reading any layer', async () => {
    const fresh = scratchDir('cache-fresh');
    try {
      const first = await scan(`oci:${images.oci}:purged`, { cacheDir: fresh.dir });
      assert.deepEqual(first.stats, { layersRead: 2, layersFromCache: 0 });
      const second = await scan(`oci:${images.oci}:purged`, { cacheDir: fresh.dir });
      assert.deepEqual(second.stats, { layersRead: 0, layersFromCache: 2 });
      assert.deepEqual(second.inventory, first.inventory);
      const dir1 = await scan(`dir:${images.rootfs}`, { cacheDir: fresh.dir });
      const dir2 = await scan(`dir:${images.rootfs}`, { cacheDir: fresh.dir });
      assert.deepEqual([dir1.stats.layersRead, dir2.stats.layersRead], [1, 0]);
    } finally {
      fresh.remove();
    }
  });

  it('asks which image to read when a docker archive holds several', async () => {
    await assert.rejects(scan(`docker-archive:${images.dockerArchive}`), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(
        err.message,
        /holds 2 images: pick one with --image \(tags: docker\.io\/seawall\/test:base, docker\.io\/seawall\/test:purged\)/,
      );
      return true;
    });
  });

  it('names a corrupt layer and a missing tag', async () => {
    const copy = scratchDir('corrupt');
    try {
      cpSync(images.oci, copy.dir, { recursive: true });
      const index = JSON.parse(readFileSync(join(copy.dir, 'index.json'), 'utf8'));
      const manifestDigest = index.manifests.find(
        (m: { annotations: Record<string, string> }) =>
          m.annotations['org.opencontainers.image.ref.name'] === 'purged',
      ).digest;
      const manifest = JSON.parse(
        readFileSync(join(copy.dir, 'blobs/sha256', manifestDigest.slice(7)), 'utf8'),
      );
      const layerFile = join(copy.dir, 'blobs/sha256', manifest.layers[1].digest.slice(7));
      const bytes = readFileSync(layerFile);
      for (let i = 30; i < 90; i++) bytes[i] = bytes[i]! ^ 0xff;
      writeFileSync(layerFile, bytes);
      await assert.rejects(
        scan(`oci:${copy.dir}:purged`, { noCache: true }),
        /(layer 1 .*corrupt or truncated compressed layer|blob sha256:[a-f0-9]+: layer content does not match its digest)/,
      );
      await assert.rejects(
        scan(`oci:${copy.dir}:nosuchtag`),
        /no image tagged nosuchtag \(tags: base, purged\)/,
      );
      assert.ok(readdirSync(copy.dir).includes('index.json'));
    } finally {
      copy.remove();
    }
  });

  it('resolves a multi-platform index in an OCI layout by --platform', async () => {
    const copy = scratchDir('multi');
    try {
      cpSync(images.oci, copy.dir, { recursive: true });
      const indexFile = join(copy.dir, 'index.json');
      const index = JSON.parse(readFileSync(indexFile, 'utf8'));
      const byTag = (tag: string) =>
        index.manifests.find(
          (m: { annotations: Record<string, string> }) =>
            m.annotations['org.opencontainers.image.ref.name'] === tag,
        );
      const platforms = [
        {
          ...byTag('base'),
          annotations: undefined,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          ...byTag('purged'),
          annotations: undefined,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
      ];
      const nested = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: platforms,
        }),
      );
      const digest = createHash('sha256').update(nested).digest('hex');
      writeFileSync(join(copy.dir, 'blobs/sha256', digest), nested);
      index.manifests.push({
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest: `sha256:${digest}`,
        size: nested.length,
        annotations: { 'org.opencontainers.image.ref.name': 'multi' },
      });
      writeFileSync(indexFile, JSON.stringify(index));
      const amd64 = await scan(`oci:${copy.dir}:multi`);
      assert.equal(amd64.inventory.target.manifestDigest, byTag('base').digest);
      const arm64 = await scan(`oci:${copy.dir}:multi`, { platform: 'linux/arm64' });
      assert.equal(arm64.inventory.target.manifestDigest, byTag('purged').digest);
      await assert.rejects(
        scan(`oci:${copy.dir}:multi`, { platform: 'linux/s390x' }),
        /no image for platform linux\/s390x \(index offers: linux\/amd64, linux\/arm64\/v8\)/,
      );
    } finally {
      copy.remove();
    }
  });

  it('names unknown targets and missing files', async () => {
    await assert.rejects(scan('/no/such/thing'), /unknown target/);
    await assert.rejects(scan('oci:/no/such/dir'), /no such directory/);
    await assert.rejects(scan('docker-archive:/no/such/file.tar'), /no such file/);
  });
});
