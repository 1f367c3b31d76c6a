// Reads one layer's entries once, keeping its file listing and deletions and handing each wanted file to the analyzers.
// The result is what the layer cache stores, so a rescan of an unchanged layer reads nothing (Trivy's per-layer blob info).

import type { Analyzer, RangedFile } from '../analyze/analyzer.js';
import { InputError, UnreadableFileError, messageOf } from '../errors.js';
import type { FileEntry } from '../model/layer.js';
import type { PathEntry, SourceEntry } from '../source/entry.js';

export type ListedEntry = Omit<FileEntry, 'layer'>;

export interface LayerAnalysis {
  diffId: string;
  /** Every path the layer writes, in the order written (device files are left out: never read, only counted). */
  entries: ListedEntry[];
  /** Paths this layer deletes from the layers below. */
  whiteouts: string[];
  /** Directories whose lower-layer contents this layer hides. */
  opaqueDirs: string[];
  /** analyzer name -> path -> the fact its parse() made of this layer's copy of the file. */
  facts: Record<string, Record<string, unknown>>;
  /** What reading the layer warned about, kept so that a cached rescan warns the same. */
  warnings: string[];
  /** Regular files some analyzer wanted, read or not (a directory's freshness records watch them). */
  wanted: string[];
  /** Files an analyzer could not read at all; the message names the file and the problem. */
  errors: { path: string; message: string }[];
}

export interface LayerAnalysisOptions {
  diffId: string;
  subject: string;
  maxFileBytes: number;
  warn(message: string): void;
}

export async function analyzeLayer(
  entries: AsyncIterable<SourceEntry> | Iterable<SourceEntry>,
  analyzers: readonly Analyzer[],
  options: LayerAnalysisOptions,
): Promise<LayerAnalysis> {
  const result: LayerAnalysis = {
    diffId: options.diffId,
    entries: [],
    whiteouts: [],
    opaqueDirs: [],
    facts: {},
    warnings: [],
    wanted: [],
    errors: [],
  };
  const warn = options.warn;
  for (const a of analyzers) result.facts[a.name] = {};
  const filesSoFar = new Map<string, ListedEntry>(); // regular files of this layer, for hard links

  /** Hands one wanted file to the analyzers that want it, reading only what they ask for. */
  const analyzeFile = async (entry: PathEntry, wanting: Analyzer[]): Promise<void> => {
    const file = rangedFile(entry);
    for (const a of wanting) {
      try {
        const warnFile = (m: string) => warn(`${options.subject}: ${entry.path}: ${m}`);
        const fact = a.parseRanged
          ? await a.parseRanged(file, warnFile)
          : await a.parse({ path: entry.path, content: await file.readAll() }, warnFile);
        if (fact === undefined) delete result.facts[a.name]![entry.path];
        else result.facts[a.name]![entry.path] = fact;
      } catch (err) {
        if (file.readFailure !== undefined) {
          // A file of a directory that cannot be read costs that file; a layer tar that breaks off stops the scan.
          if (!(err instanceof UnreadableFileError)) throw err;
          result.errors.push({
            path: entry.path,
            message: `${options.subject}: ${entry.path}: ${err.problem}`,
          });
          break;
        }
        // A file the analyzer cannot read at all (a garbage rpmdb) is an input error: the rest is still reported,
        // and the command exits 2. Anything else an analyzer throws is a warning about that one file.
        if (err instanceof InputError)
          result.errors.push({ path: entry.path, message: `${options.subject}: ${err.message}` });
        else warn(`${options.subject}: ${entry.path}: ${a.name}: ${messageOf(err)}`);
      }
    }
    entry.close?.();
  };

  // Most entries need no await at all: iterating a directory's listing synchronously saves a promise per path.
  const handle = (entry: SourceEntry): Promise<void> | undefined => {
    if (entry.kind === 'whiteout') {
      result.whiteouts.push(entry.path);
      return undefined;
    }
    if (entry.kind === 'opaque') {
      result.opaqueDirs.push(entry.path);
      return undefined;
    }
    const listed: ListedEntry = {
      path: entry.path,
      type: entry.type,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      size: entry.size,
    };
    if (entry.linkTarget !== undefined) listed.linkTarget = entry.linkTarget;
    result.entries.push(listed);
    if (entry.type === 'file') filesSoFar.set(entry.path, listed);
    else filesSoFar.delete(entry.path);

    if (entry.type === 'hardlink') {
      copyFactsOfHardLink(
        entry,
        filesSoFar.get(entry.linkTarget!),
        entry.linkTarget!,
        analyzers,
        result,
        warn,
        options.subject,
      );
      return undefined;
    }
    if (entry.type !== 'file') {
      for (const a of analyzers) delete result.facts[a.name]![entry.path]; // a later non-file replaces an earlier file
      return undefined;
    }
    // No array per entry: most of an image's files are wanted by no analyzer.
    let wanting: Analyzer[] | undefined;
    for (const a of analyzers) if (a.wants(entry.path, entry)) (wanting ??= []).push(a);
    if (!wanting) return undefined;
    result.wanted.push(entry.path);
    if (entry.size > options.maxFileBytes) {
      warn(
        `${options.subject}: skipped ${entry.path}: ${entry.size} bytes is over the limit of ${options.maxFileBytes} (--max-file-bytes)`,
      );
      return undefined;
    }
    return analyzeFile(entry, wanting);
  };
  if (Symbol.iterator in entries) {
    for (const entry of entries) {
      const pending = handle(entry);
      if (pending) await pending;
    }
  } else {
    for await (const entry of entries) await handle(entry);
  }
  return result;
}

/** A hard link shares its target's content: the facts already made of the target (earlier in this layer) apply. */
function copyFactsOfHardLink(
  link: PathEntry,
  targetEntry: ListedEntry | undefined,
  target: string,
  analyzers: readonly Analyzer[],
  result: LayerAnalysis,
  warn: (message: string) => void,
  subject: string,
): void {
  const path = link.path;
  for (const a of analyzers) {
    const facts = result.facts[a.name]!;
    delete facts[path];
    if (!a.wants(path, targetEntry ?? link)) continue;
    // The target was read under its own name if the analyzer wanted that name too: its fact (or its lack) holds.
    if (targetEntry && a.wants(target, targetEntry)) {
      if (target in facts) facts[path] = facts[target];
      continue;
    }
    warn(
      `${subject}: ${path}: hard link to ${target}, which this layer does not hold readable; not analyzed`,
    );
  }
}

/**
 * The entry as a RangedFile: ranges read in place where the source can seek (a directory), else from the content read
 * once (a tar stream cannot go back). The whole content is read at most once, however many analyzers ask.
 */
function rangedFile(entry: PathEntry): RangedFile & { readFailure?: unknown } {
  let whole: Promise<Buffer> | undefined;
  const file: RangedFile & { readFailure?: unknown } = {
    path: entry.path,
    size: entry.size,
    readAll: () => (whole ??= noteFailure(entry.read())),
    read: async (offset, length) => {
      if (whole || !entry.readRange)
        return (await file.readAll()).subarray(offset, offset + length);
      return noteFailure(entry.readRange(offset, length));
    },
  };
  // A read that failed is the file's (or the layer's) failure, not the analyzer's: the caller tells them apart.
  const noteFailure = (read: Promise<Buffer>) =>
    read.catch((err: unknown) => {
      file.readFailure = err;
      throw err;
    });
  return file;
}
