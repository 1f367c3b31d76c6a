// The analyzer contract: which files an analyzer reads, what it makes of each, and how it assembles the squashed facts.
// Modelled on Trivy's fanal analyzers (Required + Analyze per layer, merged by the applier), with per-layer facts cached.

import type { FileEntry, LayerRef } from '../model/layer.js';
import type { OsInfo } from '../model/os.js';
import type { Package } from '../model/package.js';
import type { FileTree } from '../source/file-tree.js';

/** One file an analyzer asked for, read from one layer. */
export interface AnalyzerFile {
  /** Relative to the root, no leading slash. */
  path: string;
  content: Buffer;
}

/**
 * A wanted file read piece by piece, for analyzers that can tell from a few small ranges (an ELF file's section
 * table) whether a file is theirs at all: executables are most of an image's bytes, and most are not theirs.
 */
export interface RangedFile {
  path: string;
  size: number;
  /** `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Buffer>;
  /** The whole content (read once, shared by every analyzer of this file). */
  readAll(): Promise<Buffer>;
}

/** A fact from one layer's copy of a file. */
export interface FactVersion<F> {
  fact: F;
  /** Index of the layer whose copy of the file gave the fact. */
  layer: number;
}

export interface AssembleInput<F> {
  /**
   * For each path still present in the squashed filesystem, the facts of every copy written since the path was last
   * deleted, oldest first; the last one is the file as the image has it.
   */
  facts: ReadonlyMap<string, readonly FactVersion<F>[]>;
  /** The squashed filesystem metadata, to resolve symlinks within the root. */
  tree: FileTree;
  layers: readonly LayerRef[];
  /** The OS identity, once the os analyzer has run (it runs first). */
  os?: OsInfo;
  /**
   * Every layer's facts, path to fact, in layer order, including files a later layer deleted or replaced (secret
   * scanning reports what any layer still carries).
   */
  layerFacts: readonly Readonly<Record<string, F>>[];
  warn(message: string): void;
}

export interface AnalyzerResult {
  os?: OsInfo;
  packages?: Package[];
  /**
   * JSON-serialisable facts for the checks (src/checks/) rather than packages: kept in `inventory.evidence` under the
   * analyzer's name, so a cached result can be checked again without reading the image.
   */
  evidence?: unknown;
}

export interface Analyzer<F = unknown> {
  /** Stable name, used in cache keys and `foundBy`. */
  readonly name: string;
  /** Bump when `parse` changes what it produces: the layer cache key includes it. */
  readonly version: number;
  /** Settings that change what `parse` produces (archive depth and size limits), as text: part of the cache key. */
  readonly settings?: string;
  /** Whether the file at `path` (relative, no leading slash) is one this analyzer reads. Called for every regular file. */
  wants(path: string, entry: Pick<FileEntry, 'size' | 'mode'>): boolean;
  /**
   * Turns one layer's copy of a wanted file into a JSON-serialisable fact (cached per layer), or undefined for nothing.
   * Throwing is allowed: the scan records a warning naming the file and goes on.
   */
  parse(
    file: AnalyzerFile,
    warn: (message: string) => void,
  ): F | undefined | Promise<F | undefined>;
  /**
   * Optional: used instead of `parse` when present, so the analyzer reads only what it needs; a file the analyzer
   * turns down after a few small reads then costs a few small reads.
   */
  parseRanged?(
    file: RangedFile,
    warn: (message: string) => void,
  ): F | undefined | Promise<F | undefined>;
  /** Turns the squashed facts into OS identity and packages. */
  assemble(input: AssembleInput<F>): AnalyzerResult | Promise<AnalyzerResult>;
}

/** The fact of a file's copy as the image has it (the newest), if the file is there. */
export function latestFact<F>(versions: readonly FactVersion<F>[] | undefined): F | undefined {
  return versions && versions.length > 0 ? versions[versions.length - 1]!.fact : undefined;
}
