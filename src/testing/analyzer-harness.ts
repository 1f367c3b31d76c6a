// Runs analyzers over test layers the way a scan does: each layer read and parsed, layers squashed, facts assembled.
// Layers are fixture directories (read as root filesystems) or small in-memory maps for synthetic cases.

import type { Analyzer } from '../analyze/analyzer.js';
import type { EntryType, LayerRef } from '../model/layer.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';
import { analyzeLayer, type LayerAnalysis } from '../scan/layer-analysis.js';
import { DEFAULT_LIMITS, LimitTracker, type PathEntry, type SourceEntry } from '../source/entry.js';
import type { FileTree } from '../source/file-tree.js';
import { listRootfs } from '../source/rootfs.js';
import { squashLayers } from '../source/squash.js';
import { sha256Digest } from '../util/hash.js';

/** Who owns an entry and its permission bits; unset parts default to root and 0644 (files) or 0755 (directories). */
interface Ownership {
  mode?: number;
  uid?: number;
  gid?: number;
}

/**
 * A file's content (bare, or with its mode and owner), a directory, a symlink, or `null` for a whiteout that deletes
 * the path from the layers below.
 */
export type InMemoryEntry =
  | string
  | Buffer
  | ({ content: string | Buffer } & Ownership)
  | ({ dir: true } & Ownership)
  | { symlink: string }
  | null;

/** Root-relative paths mapped to their entries. */
export type InMemoryLayer = Record<string, InMemoryEntry>;

/** A directory to read as a whole root filesystem, or an in-memory layer. */
export type TestLayer = string | InMemoryLayer;

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

function inMemoryEntries(files: InMemoryLayer): SourceEntry[] {
  return Object.entries(files).map(([path, value]): SourceEntry => {
    if (value === null) return { kind: 'whiteout', path };
    const entry = (
      type: EntryType,
      content: Buffer,
      extra: Ownership & { linkTarget?: string },
    ) => ({
      kind: 'path' as const,
      path,
      type,
      size: type === 'file' ? content.length : 0,
      read: async () => content,
      ...extra,
      mode: extra.mode ?? (type === 'dir' ? 0o755 : 0o644),
      uid: extra.uid ?? 0,
      gid: extra.gid ?? 0,
    });
    if (typeof value === 'string' || Buffer.isBuffer(value))
      return entry('file', toBuffer(value), {});
    if ('symlink' in value)
      return entry('symlink', Buffer.alloc(0), { mode: 0o777, linkTarget: value.symlink });
    const { mode, uid, gid } = value;
    if ('dir' in value) return entry('dir', Buffer.alloc(0), { mode, uid, gid });
    return entry('file', toBuffer(value.content), { mode, uid, gid });
  });
}

function toBuffer(content: string | Buffer): Buffer {
  return Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
}
