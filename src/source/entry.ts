// One entry of a layer (or of a root-filesystem directory) as the scanner reads it, and the limits that keep hostile input bounded.

import type { FileEntry } from '../model/layer.js';

/** A path the layer deletes from the layers below (`.wh.NAME`), or a directory it makes opaque (`.wh..wh..opq`). */
export interface WhiteoutEntry {
  kind: 'whiteout';
  /** The deleted path. */
  path: string;
}

export interface OpaqueEntry {
  kind: 'opaque';
  /** The directory whose lower contents are hidden ('' for the root). */
  path: string;
}

/** A path the layer writes: the metadata of a FileEntry (less the layer, known to the caller) and a way to read it. */
export interface PathEntry extends Omit<FileEntry, 'layer'> {
  kind: 'path';
  /** When the layer last modified it, where the source records it (a tar header); unpacking keeps it. */
  mtime?: Date;
  /** Reads a regular file's whole content; only valid until the next entry is requested. */
  read(): Promise<Buffer>;
  /** Reads a range of a regular file, where the source allows seeking (a directory; not a tar stream). */
  readRange?(offset: number, length: number): Promise<Buffer>;
  /** Releases what reading held open; called once the entry's analysis is done. */
  close?(): void;
}

export type SourceEntry = PathEntry | WhiteoutEntry | OpaqueEntry;

export interface ReadLimits {
  /** Most uncompressed bytes one image (all layers together) may hold: a bound on tar bombs. */
  maxImageBytes: number;
  /** Most entries one image may hold. */
  maxEntries: number;
  /** Largest single file an analyzer may read into memory; larger ones are skipped with a warning. */
  maxFileBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxImageBytes: 64 * 1024 ** 3,
  maxEntries: 5_000_000,
  maxFileBytes: 512 * 1024 ** 2,
};

/** Counts what an image has used of its limits, across its layers. */
export class LimitTracker {
  bytes = 0;
  entries = 0;
  constructor(readonly limits: ReadLimits) {}
}
