// Runs analyzers over test layers the way a scan does: each layer read and parsed, layers squashed, facts assembled.
// Layers are fixture directories (read as root filesystems) or small in-memory file maps for synthetic cases.

import type { Analyzer } from '../analyze/analyzer.js';
import type { LayerRef } from '../model/layer.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';
import { analyzeLayer, type LayerAnalysis } from '../scan/layer-analysis.js';
import { DEFAULT_LIMITS, LimitTracker, type PathEntry, type SourceEntry } from '../source/entry.js';
import type { FileTree } from '../source/file-tree.js';
import { listRootfs } from '../source/rootfs.js';
import { squashLayers } from '../source/squash.js';
import { sha256Digest } from '../util/hash.js';

/** A file's content, a symlink, or `null` for a whiteout that deletes the path from the layers below. */
export type InMemoryEntry = string | Buffer | { symlink: string } | null;

/** A directory to read as a whole root filesystem, or a map of root-relative paths to entries. */
export type TestLayer = string | Record<string, InMemoryEntry>;

export interface HarnessResult {
  os?: OsInfo;
  /** All analyzers' packages, in analyzer order. */
  packages: Package[];
  /** Warnings from parsing and assembling, in the order given. */
  warnings: string[];
  tree: FileTree;
  layers: LayerRef[];
  /** Each analyzer's evidence for the checks, by analyzer name. */
  evidence: Record<string, unknown>;
}

/** Analyzes `layers` (index 0 = base) with `analyzers`; an analyzer named 'os' is assembled first, as the scanner does. */
export async function runAnalyzers(
  analyzers: readonly Analyzer[],
  layers: readonly TestLayer[],
): Promise<HarnessResult> {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const analyses: LayerAnalysis[] = [];
  const refs: LayerRef[] = [];
  for (const [index, layer] of layers.entries()) {
    const entries = typeof layer === 'string' ? listDirectory(layer, warn) : inMemoryEntries(layer);
    const diffId = sha256Digest(`test layer ${index}`);
    refs.push({ index, diffId });
    const options = {
      diffId,
      subject: `layer ${index}`,
      maxFileBytes: DEFAULT_LIMITS.maxFileBytes,
      warn,
    };
    analyses.push(await analyzeLayer(entries, analyzers, options));
  }
  const squashed = squashLayers(analyses);
  const ordered = [...analyzers].sort((a, b) => Number(b.name === 'os') - Number(a.name === 'os'));
  const result: HarnessResult = {
    packages: [],
    warnings,
    tree: squashed.tree,
    layers: refs,
    evidence: {},
  };
  for (const analyzer of ordered) {
    const assembled = await analyzer.assemble({
      facts: squashed.facts.get(analyzer.name) ?? new Map(),
      tree: squashed.tree,
      layers: refs,
      os: result.os,
      layerFacts: analyses.map((a) => a.facts[analyzer.name] ?? {}),
      warn,
    });
    if (assembled.os) result.os = assembled.os;
    result.packages.push(...(assembled.packages ?? []));
    if (assembled.evidence !== undefined) result.evidence[analyzer.name] = assembled.evidence;
  }
  return result;
}

function listDirectory(dir: string, warn: (message: string) => void): PathEntry[] {
  return listRootfs(dir, new LimitTracker(DEFAULT_LIMITS), warn).entries;
}

function inMemoryEntries(files: Record<string, InMemoryEntry>): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const [path, value] of Object.entries(files)) {
    if (value === null) {
      entries.push({ kind: 'whiteout', path });
      continue;
    }
    const base = { kind: 'path' as const, path, mode: 0o644, uid: 0, gid: 0 };
    if (typeof value === 'object' && !Buffer.isBuffer(value)) {
      entries.push({
        ...base,
        type: 'symlink',
        mode: 0o777,
        size: 0,
        linkTarget: value.symlink,
        read: async () => Buffer.alloc(0),
      });
      continue;
    }
    const content = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
    entries.push({ ...base, type: 'file', size: content.length, read: async () => content });
  }
  return entries;
}
