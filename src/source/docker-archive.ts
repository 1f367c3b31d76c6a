// Reads `docker save` output: manifest.json lists each image's config and layer paths inside the archive.
// https://github.com/moby/moby/blob/master/image/spec/v1.2.md (combined image JSON + filesystem changeset format)

import type { TargetInfo } from '../model/inventory.js';
import { InputError } from '../errors.js';
import { MAX_METADATA_BYTES } from './blob-store.js';
import { parseImageConfig } from './oci-manifest.js';
import type { ImageSource } from './source.js';
import type { TarIndex } from './tar-index.js';
import { sha256Digest } from '../util/hash.js';

interface ArchiveImage {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

export function openDockerArchive(
  index: TarIndex,
  image: string | undefined,
  input: string,
): ImageSource {
  const file = index.file;
  if (!index.has('manifest.json'))
    throw new InputError(file, 'not a docker archive (no manifest.json)');
  const images = parseArchiveManifest(index.read('manifest.json', MAX_METADATA_BYTES), file);
  const chosen = pickImage(images, image, file);
  const configBytes = index.read(chosen.Config, MAX_METADATA_BYTES);
  const config = parseImageConfig(configBytes, `${file}: ${chosen.Config}`);
  if (config.diffIds.length !== chosen.Layers.length) {
    throw new InputError(
      file,
      `manifest.json lists ${chosen.Layers.length} layers but the config has ${config.diffIds.length} diff-ids`,
    );
  }
  for (const layer of chosen.Layers)
    if (!index.has(layer)) throw new InputError(file, `missing layer ${layer}`);
  const layers = chosen.Layers.map((path, i) => ({
    ref: {
      index: i,
      diffId: config.diffIds[i]!,
      size: index.find(path)!.size,
      createdBy: config.layerHistory[i],
    },
    open: async () => index.open(path),
  }));
  const target: TargetInfo = {
    input,
    kind: 'image',
    name: chosen.RepoTags[0] ?? `${file}@${sha256Digest(configBytes)}`,
    imageId: sha256Digest(configBytes),
    repoTags: chosen.RepoTags.length > 0 ? [...chosen.RepoTags].sort() : undefined,
    platform: config.platform,
    config: config.summary,
    layers: layers.map((l) => l.ref),
  };
  return { kind: 'image', target, layers, close: async () => {} };
}

function parseArchiveManifest(bytes: Buffer, file: string): ArchiveImage[] {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InputError(file, 'manifest.json is not valid JSON');
  }
  if (!Array.isArray(doc) || doc.length === 0)
    throw new InputError(file, 'manifest.json lists no images');
  return doc.map((d: Record<string, unknown>, i) => {
    if (
      typeof d?.Config !== 'string' ||
      !Array.isArray(d.Layers) ||
      !d.Layers.every((l) => typeof l === 'string')
    ) {
      throw new InputError(file, `manifest.json entry ${i} has no Config or Layers`);
    }
    const tags = Array.isArray(d.RepoTags)
      ? d.RepoTags.filter((t): t is string => typeof t === 'string')
      : [];
    return { Config: d.Config, RepoTags: tags, Layers: d.Layers as string[] };
  });
}

function pickImage(images: ArchiveImage[], wanted: string | undefined, file: string): ArchiveImage {
  const tagsOf = () =>
    images
      .flatMap((im) => im.RepoTags)
      .sort()
      .join(', ') || 'none';
  if (!wanted) {
    if (images.length === 1) return images[0]!;
    throw new InputError(
      file,
      `the archive holds ${images.length} images: pick one with --image (tags: ${tagsOf()})`,
    );
  }
  const want = normaliseTag(wanted);
  const byTag = images.find((im) => im.RepoTags.some((t) => normaliseTag(t) === want));
  if (byTag) return byTag;
  const hex = wanted.replace(/^sha256:/, '');
  const byId = images.find((im) =>
    im.Config.replace(/^blobs\/sha256\//, '')
      .replace(/\.json$/, '')
      .startsWith(hex),
  );
  if (byId && hex.length >= 12) return byId;
  throw new InputError(file, `no image ${wanted} in the archive (tags: ${tagsOf()})`);
}

/** docker.io/library/x:tag, library/x:tag and x:tag name the same image; no tag means latest. */
function normaliseTag(ref: string): string {
  let r = ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
  if (!/:[^/]+$/.test(r)) r += ':latest';
  return r;
}
