// The first half of the pipeline: a target -> its layers, each analysed once (or taken from the layer cache) ->
// squashed -> assembled by the analyzers into an Inventory.

import type { Analyzer, AssembleInput, FactVersion } from '../analyze/analyzer.js';
import { defaultAnalyzers } from '../analyze/registry.js';
import type { JavaAnalyzerOptions } from '../analyze/java.js';
import { LayerCache, defaultCacheDir } from '../cache/layer-cache.js';
import { InputError } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import type { LayerRef } from '../model/layer.js';
import type { OsInfo } from '../model/os.js';
import { comparePackages } from '../model/order.js';
import type { Package } from '../model/package.js';
import { DEFAULT_LIMITS, LimitTracker, type ReadLimits } from '../source/entry.js';
import { openTarget } from '../source/open-target.js';
import { listRootfs } from '../source/rootfs.js';
import type { FileTree } from '../source/file-tree.js';
import type { Source, SourceOptions } from '../source/source.js';
import { squashLayers } from '../source/squash.js';
import { analyzeLayer, type LayerAnalysis } from './layer-analysis.js';
import { markManagedPackages } from './os-ownership.js';
import { freshnessOf, type Freshness } from './rootfs-freshness.js';

export interface ScanOptions extends SourceOptions {
  /** Where layer analyses are cached (default ~/.cache/seawall). */
  cacheDir?: string;
  /** Neither read nor write the layer cache. */
  noCache?: boolean;
  /**
   * Keep a directory's analysis in the layer cache (default true). A caller that keeps whole results with freshness
   * records (the SBOM job) turns it off: any change that fails those records also changes the listing's digest, so
   * the entry would almost never be read, and writing it costs every cold scan.
   */
  cacheRootfsLayer?: boolean;
  limits?: Partial<ReadLimits>;
  /** Limits on archives inside archives (Java), for the default analyzers. */
  archiveLimits?: JavaAnalyzerOptions;
  analyzers?: readonly Analyzer[];
  /** Called for each warning as it happens (the inventory keeps them all too). */
  onWarning?: (message: string) => void;
}

export interface ScanStats {
  layersRead: number;
  layersFromCache: number;
}

export interface ScanResult {
  inventory: Inventory;
  /** The squashed filesystem: every path with the layer that last wrote it (layers[i].diffId names it). */
  tree: FileTree;
  stats: ScanStats;
  /** For a root filesystem directory: what the result depends on, for reusing it while unchanged (rootfs-freshness.ts). */
  freshness?: Freshness;
  /**
   * Files that could not be read at all (a garbage rpm database), each naming the file and the problem. The inventory
   * still reports everything else (and lists these among its warnings); the CLI exits 2 when there are any.
   */
  errors: string[];
}

/** Builds the inventory of a target string (see openTarget for the forms it takes). */
export async function buildInventory(
  target: string,
  options: ScanOptions = {},
): Promise<Inventory> {
  return (await buildInventoryWithStats(target, options)).inventory;
}

export async function buildInventoryWithStats(
  target: string,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const source = await openTarget(target, options);
  try {
    return await inventoryOf(source, options);
  } finally {
    await source.close();
  }
}

export async function inventoryOf(source: Source, options: ScanOptions = {}): Promise<ScanResult> {
  const analyzers = options.analyzers ?? defaultAnalyzers({ java: options.archiveLimits });
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const tracker = new LimitTracker(limits);
  const cache = options.noCache
    ? undefined
    : new LayerCache(options.cacheDir ?? defaultCacheDir(), analyzers, limits.maxFileBytes);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const stats: ScanStats = { layersRead: 0, layersFromCache: 0 };

  const analyses: LayerAnalysis[] = [];
  let layers: LayerRef[];
  let freshness: Freshness | undefined;
  if (source.kind === 'rootfs') {
    options.onProgress?.(`walking ${source.dir}`);
    const walkStartedAt = Date.now();
    const listing = listRootfs(source.dir, tracker, warn);
    layers = [{ index: 0, diffId: listing.digest }];
    const cached = cache?.get(listing.digest);
    if (cached) {
      stats.layersFromCache++;
      cached.warnings.forEach(warn);
      analyses.push(cached);
    } else {
      stats.layersRead++;
      const layerWarnings = collector(warn);
      const analysis = await analyzeLayer(listing.entries, analyzers, {
        diffId: listing.digest,
        subject: source.dir,
        maxFileBytes: limits.maxFileBytes,
        warn: layerWarnings.warn,
      });
      analysis.warnings = layerWarnings.list;
      if (options.cacheRootfsLayer !== false) cache?.put(analysis);
      analyses.push(analysis);
    }
    freshness = freshnessOf(
      source.dir,
      listing.entries,
      new Set(analyses[0]!.wanted),
      walkStartedAt,
    );
  } else {
    layers = source.target.layers;
    // Loaded here, not at the top: a directory scan needs no tar, gzip or zstd code, and start-up time counts.
    const { tarEntries } = await import('../source/tar-entries.js');
    for (const layer of source.layers) {
      const cached = cache?.get(layer.ref.diffId);
      if (cached) {
        stats.layersFromCache++;
        cached.warnings.forEach(warn);
        analyses.push(cached);
        continue;
      }
      stats.layersRead++;
      options.onProgress?.(
        `reading layer ${layer.ref.index + 1}/${source.layers.length} ${layer.ref.diffId.slice(0, 19)}`,
      );
      const subject = `${source.target.input}: layer ${layer.ref.index} (${layer.ref.diffId})`;
      let digest: string | undefined;
      const devices: string[] = [];
      const layerWarnings = collector(warn);
      const entries = tarEntries(await layer.open(), {
        subject,
        tracker,
        warn: layerWarnings.warn,
        onDeviceFile: (path) => devices.push(path),
        onDigest: (d) => (digest = d),
      });
      const analysis = await analyzeLayer(entries, analyzers, {
        diffId: layer.ref.diffId,
        subject,
        maxFileBytes: limits.maxFileBytes,
        warn: layerWarnings.warn,
      });
      if (devices.length > 0)
        layerWarnings.warn(
          `${subject}: skipped ${devices.length} device files, never read (${summarise(devices)})`,
        );
      analysis.warnings = layerWarnings.list;
      if (digest !== layer.ref.diffId) {
        throw new InputError(
          subject,
          `layer content does not match its diff-id (got ${digest ?? 'nothing'})`,
        );
      }
      cache?.put(analysis);
      analyses.push(analysis);
    }
  }

  const squashed = squashLayers(analyses);
  const assembleFor = <F>(analyzer: Analyzer<F>, os: OsInfo | undefined): AssembleInput<F> => ({
    facts: (squashed.facts.get(analyzer.name) ?? new Map()) as Map<string, FactVersion<F>[]>,
    tree: squashed.tree,
    layers,
    os,
    layerFacts: analyses.map((a) => (a.facts[analyzer.name] ?? {}) as Record<string, F>),
    warn,
  });

  // Analyzers assemble in registry order, the os analyzer first: package analyzers need the OS for their purls.
  let os: OsInfo | undefined;
  const packages: Package[] = [];
  const evidence: Record<string, unknown> = {};
  for (const analyzer of analyzers) {
    const result = await analyzer.assemble(assembleFor(analyzer, os));
    os ??= result.os;
    if (result.packages) packages.push(...result.packages);
    if (result.evidence !== undefined) evidence[analyzer.name] = result.evidence;
  }

  markManagedPackages(packages, squashed.tree);

  // An unreadable file counts only if the image still holds that layer's copy of it.
  const errors = analyses
    .flatMap((a, layer) => a.errors.filter((e) => squashed.tree.lstat(e.path)?.layer === layer))
    .map((e) => e.message);
  const inventory: Inventory = {
    target: { ...source.target, layers },
    os,
    packages: packages.sort(comparePackages),
    warnings: [...new Set([...warnings, ...errors])].sort(),
  };
  if (Object.keys(evidence).length > 0) inventory.evidence = evidence;
  return { inventory, tree: squashed.tree, stats, freshness, errors: [...new Set(errors)].sort() };
}

/** Collects one layer's warnings (for the cache) while passing them on. */
function collector(forward: (message: string) => void): {
  list: string[];
  warn: (message: string) => void;
} {
  const list: string[] = [];
  return {
    list,
    warn(message) {
      list.push(message);
      forward(message);
    },
  };
}

function summarise(paths: string[]): string {
  const shown = paths.slice(0, 5).join(', ');
  return paths.length > 5 ? `${shown}, and ${paths.length - 5} more` : shown;
}
