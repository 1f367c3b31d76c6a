// Builds the small real images the registry tests push: an OCI layout (umoci) with a linux/amd64 and a linux/arm64
// image of a few Debian files, and a hand-written image index over both. Index format:
// https://github.com/opencontainers/image-spec/blob/main/image-index.md

import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sha256Digest } from '../util/hash.js';
import { fixturePath, scratchDir, workArea } from './fixtures.js';

const execFileAsync = promisify(execFile);

/** Bump when what is built changes, so stale caches are not used. */
const VERSION = 1;
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export interface BuiltImage {
  manifestDigest: string;
  /** The config digest: the image id. */
  configDigest: string;
  layerDigests: string[];
  platform: { os: string; architecture: string };
}

export interface RegistryTestImages {
  /** The OCI layout; tags `amd64`, `arm64` and `multi` (the index). */
  layoutDir: string;
  amd64: BuiltImage;
  arm64: BuiltImage;
  indexDigest: string;
}

/** Builds the images once into .work/registry-images (reused by later runs) and describes them. */
export async function buildRegistryTestImages(): Promise<RegistryTestImages> {
  const cacheDir = join(workArea, 'registry-images', `v${VERSION}`);
  const infoFile = join(cacheDir, 'images.json');
  if (existsSync(infoFile)) return JSON.parse(readFileSync(infoFile, 'utf8')) as RegistryTestImages;

  const work = scratchDir('registry-images');
  try {
    const layout = join(work.dir, 'layout');
    await umoci('init', '--layout', layout);
    const amd64 = await buildImage(layout, work.dir, 'amd64');
    const arm64 = await buildImage(layout, work.dir, 'arm64');
    const indexDigest = addIndex(layout, [amd64, arm64]);
    // Build aside and rename into place, so concurrent test processes never see half an image.
    mkdirSync(join(workArea, 'registry-images'), { recursive: true });
    const info = (dir: string): RegistryTestImages => ({
      layoutDir: join(dir, 'layout'),
      amd64,
      arm64,
      indexDigest,
    });
    writeFileSync(join(work.dir, 'images.json'), JSON.stringify(info(cacheDir), null, 2));
    try {
      renameSync(work.dir, cacheDir);
    } catch {
      // Another process finished first; its images serve as well.
    }
    return JSON.parse(readFileSync(infoFile, 'utf8')) as RegistryTestImages;
  } finally {
    work.remove();
  }
}

async function buildImage(
  layout: string,
  workDir: string,
  architecture: string,
): Promise<BuiltImage> {
  const image = `${layout}:${architecture}`;
  const bundle = join(workDir, `bundle-${architecture}`);
  await umoci('new', '--image', image);
  await umoci(
    'unpack',
    ...(process.getuid?.() === 0 ? [] : ['--rootless']),
    '--image',
    image,
    bundle,
  );
  cpSync(fixturePath('registry', 'rootfs'), join(bundle, 'rootfs'), { recursive: true });
  // A file that differs per architecture, so the two images have different layers.
  writeFileSync(join(bundle, 'rootfs', 'etc', 'seawall-test-arch'), `${architecture}\n`);
  await umoci(
    'repack',
    '--image',
    image,
    '--history.created_by',
    'seawall registry test files',
    bundle,
  );
  rmSync(bundle, { recursive: true, force: true });
  await umoci(
    'config',
    '--image',
    image,
    '--os',
    'linux',
    '--architecture',
    architecture,
    '--config.cmd',
    '/bin/sh',
  );

  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as {
    manifests: { digest: string; annotations?: Record<string, string> }[];
  };
  const entry = index.manifests.find(
    (m) => m.annotations?.['org.opencontainers.image.ref.name'] === architecture,
  );
  if (!entry) throw new Error(`umoci left no ${architecture} tag in ${layout}`);
  const manifest = JSON.parse(readBlob(layout, entry.digest).toString('utf8')) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  return {
    manifestDigest: entry.digest,
    configDigest: manifest.config.digest,
    layerDigests: manifest.layers.map((l) => l.digest),
    platform: { os: 'linux', architecture },
  };
}

/** Writes an index over `images` into the layout, tagged `multi`; returns its digest. */
function addIndex(layout: string, images: BuiltImage[]): string {
  const manifests = images.map((image) => {
    const bytes = readBlob(layout, image.manifestDigest);
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: image.manifestDigest,
      size: bytes.length,
      platform: image.platform,
    };
  });
  const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
  const digest = sha256Digest(body);
  writeFileSync(join(layout, 'blobs', 'sha256', digest.slice('sha256:'.length)), body);
  const indexFile = join(layout, 'index.json');
  const top = JSON.parse(readFileSync(indexFile, 'utf8')) as { manifests: unknown[] };
  top.manifests.push({
    mediaType: OCI_INDEX,
    digest,
    size: body.length,
    annotations: { 'org.opencontainers.image.ref.name': 'multi' },
  });
  writeFileSync(indexFile, JSON.stringify(top));
  return digest;
}

function readBlob(layout: string, digest: string): Buffer {
  return readFileSync(join(layout, 'blobs', ...digest.split(':')));
}

async function umoci(...args: string[]): Promise<void> {
  await execFileAsync('umoci', args, { timeout: 60_000 });
}
