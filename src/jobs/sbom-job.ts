// `seawall sbom` as a library function: a target's inventory rendered in one format, answered from the result cache
// when the image (by digest) or the directory (by its freshness records) is unchanged since it was last scanned.

import { analyzerKey, defaultCacheDir } from '../cache/layer-cache.js';
import { ResultCache, type ResultMeta } from '../cache/result-cache.js';
import type { Inventory } from '../model/inventory.js';
import type { ScanOptions } from '../scan/build-inventory.js';
import { isStillFresh } from '../scan/rootfs-freshness.js';
import type { SbomFormat } from '../sbom/formats.js';
import { openTarget } from '../source/open-target.js';
import type { Source } from '../source/source.js';
import { SEAWALL_BUILD, SEAWALL_VERSION } from '../version.js';

export interface SbomJobOptions extends ScanOptions {
  format: SbomFormat;
  /** Creation time to write into the document; without it the output is reproducible. */
  timestamp?: Date;
}

export interface SbomJobResult {
  text: string;
  /** Files that could not be read at all (see ScanResult.errors): the caller should fail after writing `text`. */
  errors: string[];
  /** Whether the result came from the result cache, with no layer or directory read. */
  fromCache: boolean;
}

export async function runSbomJob(target: string, options: SbomJobOptions): Promise<SbomJobResult> {
  const source = await openTarget(target, options);
  try {
    const cache = options.noCache
      ? undefined
      : new ResultCache(options.cacheDir ?? defaultCacheDir(), codeIdentity(options));
    const key = resultKey(source, options);
    let meta = cache?.meta(key);
    if (meta?.freshness && source.kind === 'rootfs' && !isStillFresh(source.dir, meta.freshness))
      meta = undefined;
    // A report with a timestamp is not reproducible, so it is neither taken from nor put into the cache.
    const cachedText = meta && !options.timestamp ? cache!.render(meta, options.format) : undefined;
    if (meta && cachedText !== undefined) {
      meta.warnings.forEach((w) => options.onWarning?.(w));
      return { text: cachedText, errors: meta.errors, fromCache: true };
    }
    let inventory: Inventory | undefined = meta ? cache!.inventory(meta) : undefined;
    let errors = meta?.errors ?? [];
    if (inventory) inventory.warnings.forEach((w) => options.onWarning?.(w));
    else {
      // The scanner and analyzers load only when there is scanning to do.
      const { inventoryOf } = await import('../scan/build-inventory.js');
      const scan = await inventoryOf(source, { ...options, cacheRootfsLayer: false });
      inventory = scan.inventory;
      errors = scan.errors;
      meta = cache?.put(key, inventory, errors, scan.freshness);
    }
    const { renderInventory } = await import('../sbom/index.js');
    const text = await renderInventory(inventory, options.format, {
      toolVersion: SEAWALL_VERSION,
      timestamp: options.timestamp,
    });
    if (meta && !options.timestamp) cache!.putRender(meta as ResultMeta, options.format, text);
    return { text, errors, fromCache: false };
  } finally {
    await source.close();
  }
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
