// Reads an OCI image layout (a directory, or the same inside an oci-archive tar) and picks the image by tag or digest.
// https://github.com/opencontainers/image-spec/blob/main/image-layout.md

import type { Platform } from '../model/inventory.js';
import { InputError } from '../errors.js';
import { MAX_METADATA_BYTES, resolveImage, type BlobStore } from './blob-store.js';
import { DigestVerifier, verifyDigest } from './digest.js';
import type { LayoutFiles } from './layout-files.js';
import { parseManifestDocument, type Descriptor } from './oci-manifest.js';
import type { ImageSource } from './source.js';

const REF_NAME = 'org.opencontainers.image.ref.name';

export interface ImageSelector {
  tag?: string;
  digest?: string;
}

export async function openOciLayout(
  files: LayoutFiles,
  selector: ImageSelector,
  platform: Platform | undefined,
  input: string,
): Promise<ImageSource> {
  if (!files.exists('oci-layout'))
    throw new InputError(files.subject, 'not an OCI image layout (no oci-layout file)');
  const index = parseManifestDocument(
    files.read('index.json', MAX_METADATA_BYTES),
    `${files.subject}: index.json`,
  );
  if (index.kind !== 'index')
    throw new InputError(`${files.subject}: index.json`, 'is not an image index');
  const root = pickManifest(index.manifests, selector, files.subject);
  const tag = selector.tag ?? root.annotations?.[REF_NAME];
  return resolveImage(layoutBlobStore(files), root, platform, {
    input,
    name: tag ? `${files.subject}:${tag}` : `${files.subject}@${root.digest}`,
    repoTags: tag ? [tag] : undefined,
  });
}

function pickManifest(
  manifests: Descriptor[],
  selector: ImageSelector,
  subject: string,
): Descriptor {
  if (selector.digest) {
    const found = manifests.find((m) => m.digest === selector.digest);
    // A digest the index does not list may still name a manifest blob in the layout.
    return found ?? { mediaType: '', digest: selector.digest, size: -1 };
  }
  const tags = manifests.map((m) => m.annotations?.[REF_NAME]).filter((t): t is string => !!t);
  if (selector.tag) {
    const found = manifests.find((m) => m.annotations?.[REF_NAME] === selector.tag);
    if (!found)
      throw new InputError(
        subject,
        `no image tagged ${selector.tag} (tags: ${tags.sort().join(', ') || 'none'})`,
      );
    return found;
  }
  if (manifests.length === 1) return manifests[0]!;
  if (manifests.length === 0) throw new InputError(subject, 'the layout holds no image');
  throw new InputError(
    subject,
    `the layout holds ${manifests.length} images: pick one as DIR:TAG (tags: ${tags.sort().join(', ') || 'none'})`,
  );
}

export function layoutBlobStore(files: LayoutFiles): BlobStore {
  const pathOf = (digest: string) => {
    const [alg, hex] = digest.split(':');
    return `blobs/${alg}/${hex}`;
  };
  return {
    subject: files.subject,
    async readBlob(desc) {
      if (!files.exists(pathOf(desc.digest)))
        throw new InputError(files.subject, `missing blob ${desc.digest}`);
      const bytes = files.read(pathOf(desc.digest), MAX_METADATA_BYTES);
      verifyDigest(bytes, desc.digest, `${files.subject}: blob ${desc.digest}`);
      return bytes;
    },
    async openBlob(desc) {
      if (!files.exists(pathOf(desc.digest)))
        throw new InputError(files.subject, `missing blob ${desc.digest}`);
      // Checked as it streams: a blob that is not what its descriptor says (or never ends) fails at once.
      const verifier = new DigestVerifier(
        desc.digest,
        desc.size,
        `${files.subject}: blob ${desc.digest}`,
      );
      const raw = files.open(pathOf(desc.digest));
      raw.on('error', (err) => verifier.destroy(err));
      return raw.pipe(verifier);
    },
    async close() {},
  };
}
