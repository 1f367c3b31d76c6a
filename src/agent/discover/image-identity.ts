// A digest for a container whose runtime records no image: `sha256:` over a listing of its root filesystem (path,
// type, mode, size, mtime, link target; never the file contents), cached per root path and the root's own mtime.
// The walk is src/source/rootfs.ts's; digests as the OCI image spec writes them: https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { messageOf } from '../../errors.js';
import type { ImageRef } from '../../server/store/types.js';
import { DEFAULT_LIMITS, LimitTracker } from '../../source/entry.js';
import { listRootfs } from '../../source/rootfs.js';
import type { DiscoveredContainer } from './container.js';

/** A computed identity, valid while the root directory's mtime is `rootMtimeMs`. */
export interface CachedIdentity {
  rootMtimeMs: number;
  digest: string;
}

/** By root filesystem path. The agent keeps it in its state file, so a restart does not walk every root again. */
export type IdentityCache = Map<string, CachedIdentity>;

/**
 * The listing digest of `rootfs`. Owners, inode numbers and ctimes are left out (unlike the scan cache's key in
 * rootfs.ts): the same image unpacked on two hosts lists the same.
 */
export function rootfsDigest(rootfs: string, warn: (message: string) => void = () => {}): string {
  const { entries } = listRootfs(rootfs, new LimitTracker(DEFAULT_LIMITS), warn);
  const hash = createHash('sha256');
  for (const e of entries) {
    hash.update(
      `${e.path}\0${e.type}\0${e.mode.toString(8)}\0${e.size}\0${Math.trunc(e.mtimeMs)}\0${e.linkTarget ?? ''}\n`,
    );
  }
  return `sha256:${hash.digest('hex')}`;
}

/** The rootfs identity of `rootfs`, from the cache while the root's mtime is unchanged. */
export function rootfsIdentity(rootfs: string, cache: IdentityCache): string {
  const rootMtimeMs = statSync(rootfs).mtimeMs;
  const cached = cache.get(rootfs);
  if (cached && cached.rootMtimeMs === rootMtimeMs) return cached.digest;
  // Entries that vanish during the walk of a live root are expected; they are not worth a warning each.
  const digest = rootfsDigest(rootfs, () => {});
  cache.set(rootfs, { rootMtimeMs, digest });
  return digest;
}

/**
 * Every container with an image: those without a runtime-recorded digest get their root's identity (kind
 * `rootfs`); one with no readable root is left out with a warning (an event needs an image).
 */
export function withImageIdentities(
  containers: readonly DiscoveredContainer[],
  cache: IdentityCache,
  warn: (message: string) => void,
): Array<DiscoveredContainer & { image: ImageRef }> {
  const out: Array<DiscoveredContainer & { image: ImageRef }> = [];
  for (const c of containers) {
    if (c.image) {
      out.push(c as DiscoveredContainer & { image: ImageRef });
      continue;
    }
    if (!c.rootfs) {
      warn(
        `${c.runtime} container ${c.containerId}: skipped (no image digest and no root filesystem)`,
      );
      continue;
    }
    try {
      const image: ImageRef = { digest: rootfsIdentity(c.rootfs, cache), digestKind: 'rootfs' };
      if (c.imageName) image.name = c.imageName;
      out.push({ ...c, image });
    } catch (err) {
      warn(
        `${c.runtime} container ${c.containerId}: skipped (cannot list ${c.rootfs}: ${messageOf(err)})`,
      );
    }
  }
  return out;
}
