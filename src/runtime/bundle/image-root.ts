// The root filesystem a container starts from: an image's layers unpacked once per image (keyed by its config digest)
// into the state directory and shared read-only by its containers, or a `dir:` target used in place.
// Digests as the OCI image spec defines them: https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import type { ImageConfigSummary } from '../../model/inventory.js';
import { DEFAULT_LIMITS, LimitTracker, type ReadLimits } from '../../source/entry.js';
import { openTarget } from '../../source/open-target.js';
import { listRootfs } from '../../source/rootfs.js';
import type { SourceOptions } from '../../source/source.js';
import { unpackLayers } from './unpack-layers.js';

export interface ImageRoot {
  /** The directory to use as the lower (read-only) layer of a container. */
  dir: string;
  /** True for a `dir:` target: the user's directory itself, never written. */
  inPlace: boolean;
  /** The image's manifest digest (its config digest when the source has no manifest); for a directory, a listing digest. */
  baseDigest: string;
  /** The image id (config digest), when the target is an image. */
  configDigest?: string;
  /** Entrypoint, cmd, env, user, working directory from the image config (none for a directory). */
  config?: ImageConfigSummary;
}

export interface ImageRootOptions {
  /** Where unpacked images are kept: `<stateDir>/images/<digest>/rootfs`. */
  stateDir: string;
  source?: SourceOptions;
  limits?: ReadLimits;
  warn?: (message: string) => void;
  onProgress?: (message: string) => void;
}

/** What the cache keeps beside an unpacked root, so a warm start needs no image read beyond its metadata. */
interface CachedImage {
  baseDigest: string;
  configDigest?: string;
}

/** Opens the target and returns its root, unpacking the image's layers unless an earlier run already did. */
export async function prepareImageRoot(
  target: string,
  options: ImageRootOptions,
): Promise<ImageRoot> {
  const warn = options.warn ?? (() => {});
  const source = await openTarget(target, { ...options.source, onProgress: options.onProgress });
  try {
    if (source.kind === 'rootfs') {
      const tracker = new LimitTracker(options.limits ?? DEFAULT_LIMITS);
      const { digest } = listRootfs(source.dir, tracker, warn);
      return { dir: source.dir, inPlace: true, baseDigest: digest };
    }
    const info = source.target;
    const key = info.imageId ?? info.manifestDigest;
    if (!key) throw new InputError(target, 'the image has neither a config nor a manifest digest');
    const images = join(options.stateDir, 'images');
    const cached = join(images, key.replace(':', '-'));
    const meta: CachedImage = {
      baseDigest: info.manifestDigest ?? key,
      configDigest: info.imageId,
    };
    if (!isComplete(cached)) {
      options.onProgress?.(`unpacking ${target}`);
      mkdirSync(images, { recursive: true, mode: 0o700 });
      const tmp = join(images, `.tmp-${randomBytes(6).toString('hex')}`);
      try {
        mkdirSync(join(tmp, 'rootfs'), { recursive: true, mode: 0o755 });
        await unpackLayers(source, join(tmp, 'rootfs'), { limits: options.limits, warn });
        writeFileSync(join(tmp, 'image.json'), `${JSON.stringify(meta, null, 2)}\n`);
        publish(tmp, cached);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
    return {
      dir: join(cached, 'rootfs'),
      inPlace: false,
      baseDigest: meta.baseDigest,
      configDigest: meta.configDigest,
      config: info.config,
    };
  } finally {
    await source.close();
  }
}

function isComplete(dir: string): boolean {
  if (!existsSync(join(dir, 'rootfs'))) return false;
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'image.json'), 'utf8')) as Partial<CachedImage>;
    return typeof meta.baseDigest === 'string';
  } catch {
    return false;
  }
}

/** Renames the finished root into place; when a concurrent run got there first, its copy is as good as ours. */
function publish(tmp: string, dest: string): void {
  if (existsSync(dest) && !isComplete(dest)) rmSync(dest, { recursive: true, force: true });
  try {
    renameSync(tmp, dest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !isComplete(dest)) throw err;
  }
}
