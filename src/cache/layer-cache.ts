// The on-disk cache of per-layer analyses, keyed by diff-id plus what decides the analysis (the build, the analyzers'
// names, versions and settings, the file-size limit), so that a rescan of an unchanged image reads no layer and any
// change of code or limits misses cleanly. Entries are plain JSON in the
// columnar form of stored-analysis.ts (gzip cost more time than the disk it saved), written atomically.

import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Analyzer } from '../analyze/analyzer.js';
import type { LayerAnalysis } from '../scan/layer-analysis.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { sha256Hex } from '../util/hash.js';
import { SEAWALL_BUILD } from '../version.js';
import { fromStored, toStored } from './stored-analysis.js';

/** Bump when the LayerAnalysis shape changes. */
const CACHE_FORMAT = 5;

/** An analyzer's name, version and settings: what decides whether a cached fact of its is still right. */
export function analyzerKey(a: Analyzer): string {
  return a.settings ? `${a.name}@${a.version}(${a.settings})` : `${a.name}@${a.version}`;
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'seawall');
}

export class LayerCache {
  private readonly dir: string;

  /** `maxFileBytes` is part of the key: a file skipped as too large under one limit is read under a higher one. */
  constructor(cacheDir: string, analyzers: readonly Analyzer[], maxFileBytes: number) {
    const key = [
      `format=${CACHE_FORMAT}`,
      `build=${SEAWALL_BUILD}`,
      `maxFileBytes=${maxFileBytes}`,
      ...analyzers.map(analyzerKey).sort(),
    ].join(',');
    this.dir = join(cacheDir, 'layers', sha256Hex(key).slice(0, 16));
  }

  /** The cached analysis of a layer, or undefined; an unreadable entry counts as a miss. */
  get(diffId: string): LayerAnalysis | undefined {
    try {
      const analysis = fromStored(JSON.parse(readFileSync(this.pathOf(diffId), 'utf8')));
      return analysis?.diffId === diffId ? analysis : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores an analysis; failures to write (read-only home, full disk) only cost the next scan its speed. */
  put(analysis: LayerAnalysis): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(this.pathOf(analysis.diffId), JSON.stringify(toStored(analysis)));
    } catch {
      /* a cache that cannot be written is a slower scan, not an error */
    }
  }

  private pathOf(diffId: string): string {
    return join(this.dir, `${diffId.replace(':', '-')}.json`);
  }
}
