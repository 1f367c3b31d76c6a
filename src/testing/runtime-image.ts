// The runtime test image (built by scripts/build-runtime-image.sh once and cached): real workloads for runc tests.
// Its OCI layout follows the image-layout spec: https://github.com/opencontainers/image-spec/blob/main/image-layout.md

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './fixtures.js';

export interface RuntimeImage {
  dir: string;
  /** debootstrap --variant=minbase bookworm + nginx-light, python3, with index.html and /srv/service.py added. */
  rootfs: string;
  /** OCI layout with tags `base`, `nginx` (nginx -g 'daemon off;', port 80) and `service` (python3, port 8080, www-data). */
  oci: string;
  /** Targets for openTarget: `oci:DIR:nginx` and `oci:DIR:service`. */
  nginxTarget: string;
  serviceTarget: string;
}

let cached: RuntimeImage | undefined;

/** The runtime test image, built once and cached. */
export function runtimeImage(): RuntimeImage {
  if (cached) return cached;
  const dir = execFileSync('bash', [join(repoRoot, 'scripts', 'build-runtime-image.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const oci = join(dir, 'oci');
  cached = {
    dir,
    rootfs: join(dir, 'rootfs'),
    oci,
    nginxTarget: `oci:${oci}:nginx`,
    serviceTarget: `oci:${oci}:service`,
  };
  return cached;
}
