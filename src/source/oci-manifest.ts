// Parses OCI and Docker image manifests, indexes and configs, picks a platform, and lines layers up with diff-ids.
// Specs: https://github.com/opencontainers/image-spec (manifest.md, image-index.md, config.md, media-types.md)
// and Docker's Image Manifest V2 Schema 2.

import type { ImageConfigSummary, Platform } from '../model/inventory.js';
import type { LayerRef } from '../model/layer.js';
import { InputError } from '../errors.js';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** Every manifest media type we can read, for registry Accept headers. */
export const ACCEPTED_MANIFEST_TYPES = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.dockerManifest,
];

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  kind: 'manifest';
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  kind: 'index';
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageConfig {
  platform: Platform;
  diffIds: string[];
  /** created_by of each history step that made a layer, in layer order. */
  layerHistory: (string | undefined)[];
  summary: ImageConfigSummary;
}

const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;

/** Parses a manifest or index document; `subject` names it in errors. */
export function parseManifestDocument(
  bytes: Buffer,
  subject: string,
  mediaTypeHint?: string,
): ImageManifest | ImageIndex {
  const doc = parseJsonObject(bytes, subject);
  const mediaType = str(doc.mediaType) ?? mediaTypeHint ?? '';
  if (
    Array.isArray(doc.manifests) ||
    mediaType === MEDIA_TYPES.ociIndex ||
    mediaType === MEDIA_TYPES.dockerManifestList
  ) {
    if (!Array.isArray(doc.manifests))
      throw new InputError(subject, 'image index has no manifests list');
    return {
      kind: 'index',
      mediaType: mediaType || MEDIA_TYPES.ociIndex,
      manifests: doc.manifests.map((d, i) => parseDescriptor(d, `${subject}: manifests[${i}]`)),
      annotations: stringRecord(doc.annotations),
    };
  }
  if (doc.schemaVersion === 1)
    throw new InputError(
      subject,
      'Docker schema 1 manifests are not supported (deprecated); re-push the image',
    );
  if (typeof doc.config !== 'object' || doc.config === null || !Array.isArray(doc.layers)) {
    throw new InputError(subject, 'not an image manifest (no config or layers)');
  }
  return {
    kind: 'manifest',
    mediaType: mediaType || MEDIA_TYPES.ociManifest,
    config: parseDescriptor(doc.config, `${subject}: config`),
    layers: doc.layers.map((d, i) => parseDescriptor(d, `${subject}: layers[${i}]`)),
    annotations: stringRecord(doc.annotations),
  };
}

export function parseDescriptor(value: unknown, subject: string): Descriptor {
  if (typeof value !== 'object' || value === null)
    throw new InputError(subject, 'descriptor is not an object');
  const d = value as Record<string, unknown>;
  const digest = str(d.digest);
  if (!digest || !DIGEST.test(digest))
    throw new InputError(subject, `invalid digest ${JSON.stringify(d.digest)}`);
  const p = d.platform as Record<string, unknown> | undefined;
  return {
    mediaType: str(d.mediaType) ?? '',
    digest,
    size: typeof d.size === 'number' ? d.size : -1,
    platform:
      p && typeof p === 'object'
        ? { os: str(p.os) ?? '', architecture: str(p.architecture) ?? '', variant: str(p.variant) }
        : undefined,
    annotations: stringRecord(d.annotations),
  };
}

/** Parses `os/arch[/variant]`. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture)
    throw new InputError(text, 'platform must be OS/ARCH[/VARIANT], for example linux/amd64');
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** Picks the manifest for `platform` from an index; arm64 without a variant matches v8, as containerd does. */
export function selectPlatform(index: ImageIndex, platform: Platform, subject: string): Descriptor {
  const candidates = index.manifests.filter(
    (m) =>
      m.platform &&
      m.platform.os === platform.os &&
      m.platform.architecture === platform.architecture,
  );
  const wantVariant = platform.variant ?? (platform.architecture === 'arm64' ? 'v8' : undefined);
  const exact = candidates.find(
    (m) => (m.platform?.variant ?? defaultVariant(m.platform?.architecture)) === wantVariant,
  );
  const chosen = exact ?? (platform.variant ? undefined : candidates[0]);
  if (!chosen) {
    const offered = index.manifests
      .filter((m) => m.platform)
      .map((m) =>
        [m.platform!.os, m.platform!.architecture, m.platform!.variant].filter(Boolean).join('/'),
      );
    const wanted = [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
    throw new InputError(
      subject,
      `no image for platform ${wanted} (index offers: ${offered.join(', ') || 'none'})`,
    );
  }
  return chosen;
}

function defaultVariant(arch: string | undefined): string | undefined {
  return arch === 'arm64' ? 'v8' : undefined;
}

/** Parses an image configuration (OCI or Docker, which share the fields we read). */
export function parseImageConfig(bytes: Buffer, subject: string): ImageConfig {
  const doc = parseJsonObject(bytes, subject);
  const rootfs = doc.rootfs as Record<string, unknown> | undefined;
  const diffIds = rootfs && Array.isArray(rootfs.diff_ids) ? rootfs.diff_ids : undefined;
  if (!diffIds || !diffIds.every((d) => typeof d === 'string' && DIGEST.test(d))) {
    throw new InputError(subject, 'image config has no valid rootfs.diff_ids');
  }
  const history = Array.isArray(doc.history) ? (doc.history as Record<string, unknown>[]) : [];
  const layerHistory = history
    .filter((h) => h && h.empty_layer !== true)
    .map((h) => str(h.created_by));
  const c = (typeof doc.config === 'object' && doc.config !== null ? doc.config : {}) as Record<
    string,
    unknown
  >;
  const summary: ImageConfigSummary = {
    user: str(c.User) || undefined,
    entrypoint: stringArray(c.Entrypoint),
    cmd: stringArray(c.Cmd),
    env: stringArray(c.Env),
    workingDir: str(c.WorkingDir) || undefined,
    exposedPorts:
      c.ExposedPorts && typeof c.ExposedPorts === 'object'
        ? Object.keys(c.ExposedPorts).sort()
        : undefined,
    labels: stringRecord(c.Labels),
    created: str(doc.created),
  };
  const healthcheck = stringArray((c.Healthcheck as Record<string, unknown> | undefined)?.Test);
  if (healthcheck) summary.healthcheck = healthcheck;
  const steps = history
    .filter((h) => h && typeof h === 'object')
    .map((h) => ({ createdBy: str(h.created_by) ?? '', emptyLayer: h.empty_layer === true }));
  if (steps.length > 0) summary.history = steps;
  const platform: Platform = {
    os: str(doc.os) ?? 'linux',
    architecture: str(doc.architecture) ?? 'amd64',
  };
  const variant = str(doc.variant);
  if (variant) platform.variant = variant;
  return {
    platform,
    diffIds: diffIds as string[],
    layerHistory:
      layerHistory.length === diffIds.length ? layerHistory : diffIds.map(() => undefined),
    summary,
  };
}

/** Lines the manifest's layer descriptors up with the config's diff-ids. */
export function layerRefs(
  manifest: ImageManifest,
  config: ImageConfig,
  subject: string,
): LayerRef[] {
  if (manifest.layers.length !== config.diffIds.length) {
    throw new InputError(
      subject,
      `manifest lists ${manifest.layers.length} layers but the config has ${config.diffIds.length} diff-ids`,
    );
  }
  return manifest.layers.map((d, index) => ({
    index,
    diffId: config.diffIds[index]!,
    digest: d.digest,
    mediaType: d.mediaType,
    size: d.size,
    createdBy: config.layerHistory[index],
  }));
}

export function parseJsonObject(bytes: Buffer, subject: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new InputError(subject, `invalid JSON (${(err as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new InputError(subject, 'expected a JSON object');
  return doc as Record<string, unknown>;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}
