// The real Debian test images (built by scripts/build-test-images.sh once and cached), for tests to read.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './fixtures.js';

export interface TestImages {
  dir: string;
  /** debootstrap --variant=minbase bookworm (+ less), as a root filesystem directory. */
  rootfs: string;
  /** OCI layout with tags `base` (one layer) and `purged` (a second layer purges `less`). */
  oci: string;
  /** The `purged` image with zstd layers. */
  ociZstd: string;
  ociArchive: string;
  /** Both images, tagged seawall/test:base and seawall/test:purged. */
  dockerArchive: string;
}

let cached: TestImages | undefined;

export function testImages(): TestImages {
  if (cached) return cached;
  const dir = execFileSync('bash', [join(repoRoot, 'scripts', 'build-test-images.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  cached = {
    dir,
    rootfs: join(dir, 'rootfs'),
    oci: join(dir, 'oci'),
    ociZstd: join(dir, 'oci-zstd'),
    ociArchive: join(dir, 'oci-archive.tar'),
    dockerArchive: join(dir, 'docker-archive.tar'),
  };
  return cached;
}

export interface AppImage {
  dir: string;
  /** minbase bookworm + python3-requests, liblog4j2-java, ruby-rack, runc, nodejs, composer; /srv/app from npm. */
  rootfs: string;
  /** The same as an OCI layout, tag `apps` (Debian layer, then the npm application layer). */
  oci: string;
}

let cachedApps: AppImage | undefined;

/** The application test image (scripts/build-app-image.sh), built once and cached. */
export function appImage(): AppImage {
  if (cachedApps) return cachedApps;
  const dir = execFileSync('bash', [join(repoRoot, 'scripts', 'build-app-image.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  cachedApps = { dir, rootfs: join(dir, 'rootfs'), oci: join(dir, 'oci') };
  return cachedApps;
}
