// What every source hands to the scanner: a described target and its layers, each readable as a stream of entries.

import type { Readable } from 'node:stream';
import type { TargetInfo } from '../model/inventory.js';
import type { LayerRef } from '../model/layer.js';

/** One layer an image source can stream: the blob as stored (possibly compressed), opened on demand. */
export interface LayerBlob {
  ref: LayerRef;
  /** Opens the stored blob from its start. Compression is detected from media type and magic bytes by the reader. */
  open(): Promise<Readable>;
}

/** A resolved image: its description (layers included) and a way to read each layer. */
export interface ImageSource {
  kind: 'image';
  target: TargetInfo;
  layers: LayerBlob[];
  /** Releases file handles, connections and temporary files. */
  close(): Promise<void>;
}

/** A root filesystem directory, read as a single pseudo-layer. */
export interface RootfsSource {
  kind: 'rootfs';
  target: TargetInfo;
  /** Absolute path of the directory. */
  dir: string;
  close(): Promise<void>;
}

export type Source = ImageSource | RootfsSource;

/** Options every source understands. */
export interface SourceOptions {
  /** `os/arch[/variant]` picked from a multi-platform index (default linux/amd64). */
  platform?: string;
  /** For a docker-archive holding several images: the `repo:tag` or image id to read. */
  image?: string;
  /** Allow plain HTTP (and unverified TLS) for these registry hosts, or all when true. */
  insecureRegistry?: boolean;
  /** Extra CA certificates (PEM) to trust for registry TLS. */
  caCertFile?: string;
  /** Where ~/.docker/config.json credentials are read from (default: $DOCKER_CONFIG or ~/.docker). */
  dockerConfigDir?: string;
  /** Print progress of long work. */
  onProgress?: (message: string) => void;
}
