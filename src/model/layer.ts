// The layers of an image as the rest of the pipeline sees them.
// Digests follow the OCI image spec: https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests

export interface LayerRef {
  /** Position in the image, 0 = the base layer. */
  index: number;
  /** sha256 of the uncompressed layer tar ("sha256:..."); for a root-filesystem directory, a digest of its listing. */
  diffId: string;
  /** Digest of the blob as stored (compressed), when the source has one. */
  digest?: string;
  mediaType?: string;
  /** Size in bytes of the blob as stored. */
  size?: number;
  /** The image history's `created_by` for the step that made this layer, when known. */
  createdBy?: string;
}

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/** One path of the squashed filesystem, with the layer that last wrote it. */
export interface FileEntry {
  /** Relative to the image root, '/'-separated, no leading slash, never containing '..'. */
  path: string;
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** For symlinks the link text as written; for hard links the (normalised) path linked to. */
  linkTarget?: string;
  /** Index of the layer that last wrote this path. */
  layer: number;
}
