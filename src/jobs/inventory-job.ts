// A target's inventory, answered from the result cache when the image (by digest) or the directory (by its
// freshness records) is unchanged since it was last scanned; the step `seawall sbom` and `seawall scan` share.

import { analyzerKey, defaultCacheDir } from '../cache/layer-cache.js';
import { ResultCache, type ResultMeta } from '../cache/result-cache.js';
import type { Inventory } from '../model/inventory.js';
import type { ScanOptions } from '../scan/build-inventory.js';
import { isStillFresh } from '../scan/rootfs-freshness.js';
import type { Source } from '../source/source.js';
import { SEAWALL_BUILD } from '../version.js';

/** Where a source's result lives in the result cache, and what is there now. */
export interface CachedResult {
  cache?: ResultCache;
  key: string;
  /** The stored result, when there is one that still holds. */
  meta?: ResultMeta;
}

export function cachedResult(source: Source, options: ScanOptions): CachedResult {
  const cache = options.noCache
    ? undefined
    : new ResultCache(options.cacheDir ?? defaultCacheDir(), codeIdentity(options));
  const key = resultKey(source, options);
  let meta = cache?.meta(key);
  if (meta?.freshness && source.kind === 'rootfs' && !isStillFresh(source.dir, meta.freshness))
    meta = undefined;
  return { cache, key, meta };
}

export interface InventoryResult {
  inventory: Inventory;
  /** Files that could not be read at all (see ScanResult.errors): the caller should fail after reporting. */
  errors: string[];
  /** The cache entry the inventory is stored under (undefined with --no-cache). */
  meta?: ResultMeta;
  fromCache: boolean;
}

/** The inventory from the cache when it holds, otherwise from a scan that then fills the cache. */
export async function inventoryFor(
  source: Source,
  options: ScanOptions,
  cached: CachedResult = cachedResult(source, options),
): Promise<InventoryResult> {
  const { cache, key, meta } = cached;
  const stored = meta ? cache!.inventory(meta) : undefined;
  if (meta && stored) {
    stored.warnings.forEach((w) => options.onWarning?.(w));
    return { inventory: stored, errors: meta.errors, meta, fromCache: true };
  }
  // The scanner and analyzers load only when there is scanning to do.
  const { inventoryOf } = await import('../scan/build-inventory.js');
  const scan = await inventoryOf(source, { ...options, cacheRootfsLayer: false });
  const put = cache?.put(key, scan.inventory, scan.errors, scan.freshness);
  return { inventory: scan.inventory, errors: scan.errors, meta: put, fromCache: false };
}

/** The build, plus the analyzers when a caller brings its own (the default set is part of the build). */
function codeIdentity(options: ScanOptions): string {
  const custom = options.analyzers?.map(analyzerKey).sort() ?? ['default'];
  return [SEAWALL_BUILD, ...custom].join(',');
}

/**
 * What identifies a scan's result: the target as given (it appears in the report), what the content is (image
 * digests; a directory is checked by its freshness records instead), and the options that change what is read.
 */
function resultKey(source: Source, options: ScanOptions): string {
  const t = source.target;
  const content =
    source.kind === 'rootfs'
      ? `rootfs:${source.dir}`
      : `image:${t.manifestDigest ?? ''}:${t.imageId ?? ''}`;
  return JSON.stringify([t.input, content, options.limits ?? {}, options.archiveLimits ?? {}]);
}
