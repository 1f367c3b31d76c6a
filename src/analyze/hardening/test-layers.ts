// Test support: runs analyzers over in-memory layers whose entries carry modes and owners (setuid files, 0777 dirs),
// which the shared harness's in-memory layers (all 0644, root-owned) cannot express. Same steps as a scan.

import type { Analyzer } from '../analyzer.js';
import type { EntryType, LayerRef } from '../../model/layer.js';
import type { OsInfo } from '../../model/os.js';
import type { Package } from '../../model/package.js';
import { analyzeLayer, type LayerAnalysis } from '../../scan/layer-analysis.js';
import { DEFAULT_LIMITS, type SourceEntry } from '../../source/entry.js';
import type { FileTree } from '../../source/file-tree.js';
import { squashLayers } from '../../source/squash.js';
import { sha256Digest } from '../../util/hash.js';

/** A path's entry: a file's content (mode 0644 unless given), a directory, a symlink, or null for a whiteout. */
export type ModeEntry =
  | string
  | null
  | { content: string | Buffer; mode?: number; uid?: number; gid?: number }
  | { dir: true; mode?: number; uid?: number; gid?: number }
  | { symlink: string };

export type ModeLayer = Record<string, ModeEntry>;

export interface ModeLayersResult {
  tree: FileTree;
  layers: LayerRef[];
  packages: Package[];
  evidence: Record<string, unknown>;
  warnings: string[];
}

export async function analyzeModeLayers(
  analyzers: readonly Analyzer[],
  layers: readonly ModeLayer[],
): Promise<ModeLayersResult> {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const analyses: LayerAnalysis[] = [];
  const refs: LayerRef[] = [];
  for (const [index, layer] of layers.entries()) {
    const diffId = sha256Digest(`mode layer ${index}`);
    refs.push({ index, diffId });
    const options = {
      diffId,
      subject: `layer ${index}`,
      maxFileBytes: DEFAULT_LIMITS.maxFileBytes,
      warn,
    };
    analyses.push(await analyzeLayer(sourceEntries(layer), analyzers, options));
  }
  const squashed = squashLayers(analyses);
  const result: ModeLayersResult = {
    tree: squashed.tree,
    layers: refs,
    packages: [],
    evidence: {},
    warnings,
  };
  let os: OsInfo | undefined;
  for (const analyzer of [...analyzers].sort(
    (a, b) => Number(b.name === 'os') - Number(a.name === 'os'),
  )) {
    const assembled = await analyzer.assemble({
      facts: squashed.facts.get(analyzer.name) ?? new Map(),
      tree: squashed.tree,
      layers: refs,
      os,
      layerFacts: analyses.map((a) => a.facts[analyzer.name] ?? {}),
      warn,
    });
    os = assembled.os ?? os;
    result.packages.push(...(assembled.packages ?? []));
    if (assembled.evidence !== undefined) result.evidence[analyzer.name] = assembled.evidence;
  }
  return result;
}

function sourceEntries(layer: ModeLayer): SourceEntry[] {
  return Object.entries(layer).map(([path, value]): SourceEntry => {
    if (value === null) return { kind: 'whiteout', path };
    const entry = (
      type: EntryType,
      mode: number,
      content: Buffer,
      extra: object = {},
    ): SourceEntry => ({
      kind: 'path',
      path,
      type,
      mode,
      uid: 0,
      gid: 0,
      size: type === 'file' ? content.length : 0,
      read: async () => content,
      ...extra,
    });
    if (typeof value === 'string') return entry('file', 0o644, Buffer.from(value, 'utf8'));
    if ('symlink' in value)
      return entry('symlink', 0o777, Buffer.alloc(0), { linkTarget: value.symlink });
    const owner = { uid: value.uid ?? 0, gid: value.gid ?? 0 };
    if ('dir' in value) return entry('dir', value.mode ?? 0o755, Buffer.alloc(0), owner);
    const content = Buffer.isBuffer(value.content)
      ? value.content
      : Buffer.from(value.content, 'utf8');
    return entry('file', value.mode ?? 0o644, content, owner);
  });
}
