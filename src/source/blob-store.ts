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

/** The platform picked from a multi-platform index when the user names none. */
export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

/**
 * Resolves the image a descriptor points at (following an index to `requested`, or linux/amd64), reads its config,
 * and returns an ImageSource whose layers stream from the store. A platform the user asked for must match a
 * single-platform image too, rather than scanning another platform's image without a word.
 */
export async function resolveImage(
  store: BlobStore,
  root: Descriptor,
  requested: Platform | undefined,
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
    desc = selectPlatform(doc, requested ?? DEFAULT_PLATFORM, store.subject);
    doc = parseManifestDocument(
      await store.readBlob(desc),
      `${store.subject}: manifest ${desc.digest}`,
      desc.mediaType,
    );
  }
  const manifest: ImageManifest = doc;
  const configSubject = `${store.subject}: config ${manifest.config.digest}`;
  const config = parseImageConfig(await store.readBlob(manifest.config), configSubject);
  if (requested && desc === root && !samePlatform(config.platform, requested)) {
    throw new InputError(
      store.subject,
      `the image is for ${platformName(config.platform)}, not the requested ${platformName(requested)}`,
    );
  }
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

function samePlatform(image: Platform, wanted: Platform): boolean {
  return (
    image.os === wanted.os &&
    image.architecture === wanted.architecture &&
    (wanted.variant === undefined ||
      image.variant === undefined ||
      image.variant === wanted.variant)
  );
}

function platformName(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
