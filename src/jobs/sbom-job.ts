// `seawall sbom` as a library function: a target's inventory rendered in one format, answered from the result cache
// (rendered text included) when the image or directory is unchanged since it was last scanned.

import type { ScanOptions } from '../scan/build-inventory.js';
import type { SbomFormat } from '../sbom/formats.js';
import { openTarget } from '../source/open-target.js';
import { SEAWALL_VERSION } from '../version.js';
import { cachedResult, inventoryFor } from './inventory-job.js';

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
    const cached = cachedResult(source, options);
    const { cache, meta } = cached;
    // A report with a timestamp is not reproducible, so it is neither taken from nor put into the cache.
    const cachedText = meta && !options.timestamp ? cache!.render(meta, options.format) : undefined;
    if (meta && cachedText !== undefined) {
      meta.warnings.forEach((w) => options.onWarning?.(w));
      return { text: cachedText, errors: meta.errors, fromCache: true };
    }
    const result = await inventoryFor(source, options, cached);
    const { renderInventory } = await import('../sbom/index.js');
    const text = await renderInventory(result.inventory, options.format, {
      toolVersion: SEAWALL_VERSION,
      timestamp: options.timestamp,
    });
    if (result.meta && !options.timestamp) cache!.putRender(result.meta, options.format, text);
    return { text, errors: result.errors, fromCache: false };
  } finally {
    await source.close();
  }
}
