// A content-addressed store of image blobs (OCI layout directory, OCI archive, registry), and the image resolution
// every such store shares: manifest or index -> platform -> config -> layers.

import type { Readable } from 'node:stream';
import type { Platform, TargetInfo } from '../model/inventory.js';
import { InputError } from '../errors.js';
import {
  layerRefs,
  parseImageConfig,
  parseManifestDocument,
  selectPlatform,
  type Descriptor,
  type ImageManifest,
} from './oci-manifest.js';
import type { ImageSource } from './source.js';
import { sha256Hex } from '../util/hash.js';

/** Largest manifest, index or config we read into memory; real ones are a few KiB. */
export const MAX_METADATA_BYTES = 8 * 1024 * 1024;

export interface BlobStore {
  /** Names the store in error messages. */
  readonly subject: string;
  /** Reads a small blob (manifest, config) whole. Verifies its digest. */
  readBlob(desc: Pick<Descriptor, 'digest' | 'mediaType' | 'size'>): Promise<Buffer>;
  /** Streams a blob (a layer) as stored. */
  openBlob(desc: Pick<Descriptor, 'digest' | 'mediaType' | 'size'>): Promise<Readable>;
  close(): Promise<void>;
}

/** Checks small blobs against their digest; a mismatch means corruption or tampering. */
export function verifyDigest(bytes: Buffer, digest: string, subject: string): void {
  const [alg, hex] = digest.split(':');
  if (alg !== 'sha256') return; // sha512 blobs are rare; the registry verifies them on push
  if (sha256Hex(bytes) !== hex)
    throw new InputError(subject, `content does not match its digest ${digest}`);
}

/**
 * Resolves the image a descriptor points at (following an index to `platform`), reads its config, and returns an
 * ImageSource whose layers stream from the store.
 */
export async function resolveImage(
  store: BlobStore,
  root: Descriptor,
  platform: Platform,
  describe: Pick<TargetInfo, 'input' | 'name'> & { repoTags?: string[] },
): Promise<ImageSource> {
  let desc = root;
  let doc = parseManifestDocument(
    await store.readBlob(desc),
    `${store.subject}: manifest ${desc.digest}`,
    desc.mediaType,
  );
  for (let depth = 0; doc.kind === 'index'; depth++) {
    if (depth > 4) throw new InputError(store.subject, 'image indexes nest too deeply');
    desc = selectPlatform(doc, platform, store.subject);
    doc = parseManifestDocument(
      await store.readBlob(desc),
      `${store.subject}: manifest ${desc.digest}`,
      desc.mediaType,
    );
  }
  const manifest: ImageManifest = doc;
  const configSubject = `${store.subject}: config ${manifest.config.digest}`;
  const config = parseImageConfig(await store.readBlob(manifest.config), configSubject);
  const refs = layerRefs(manifest, config, store.subject);
  return {
    kind: 'image',
    target: {
      input: describe.input,
      kind: 'image',
      name: describe.name,
      imageId: manifest.config.digest,
      manifestDigest: desc.digest,
      repoTags: describe.repoTags,
      platform: config.platform,
      config: config.summary,
      layers: refs,
    },
    layers: refs.map((ref, i) => ({ ref, open: () => store.openBlob(manifest.layers[i]!) })),
    close: () => store.close(),
  };
}
