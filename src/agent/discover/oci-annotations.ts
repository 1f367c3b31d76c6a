// The image of a container from its OCI runtime config's annotations: what `seawall run` writes (its config digest,
// the image id, identifies the image) and the image-spec's ref.name. OCI annotations:
// https://github.com/opencontainers/image-spec/blob/main/annotations.md, runtime config: .../runtime-spec/config.md

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ANNOTATION_BASE_DIGEST,
  ANNOTATION_CONFIG_DIGEST,
  ANNOTATION_REF_NAME,
} from '../../runtime/containers/run-container.js';
import type { ImageRef } from '../../server/store/types.js';
import { SHA256_DIGEST, isObject, stringRecord } from './container.js';

/** The annotations of a bundle's config.json; undefined when it cannot be read. */
export function readBundleAnnotations(bundle: string): Record<string, string> | undefined {
  try {
    const config: unknown = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
    return isObject(config) ? stringRecord(config.annotations) : undefined;
  } catch {
    return undefined;
  }
}

/** runc's `labels` (`key=value` strings: the annotations, plus `bundle=`) as a record. */
export function labelPairs(labels: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(labels)) return out;
  for (const label of labels) {
    if (typeof label !== 'string') continue;
    const eq = label.indexOf('=');
    if (eq > 0) out[label.slice(0, eq)] = label.slice(eq + 1);
  }
  return out;
}

export interface AnnotatedImage {
  image: ImageRef | undefined;
  /** The reference it was run as, when there is no digest. */
  imageName?: string;
  /** The target `seawall run` was given, when it ran this container. */
  imageTarget?: string;
  /** The annotations that are not about the image, as the container's labels. */
  labels: Record<string, string>;
}

/**
 * The image id (config digest) identifies the image, as Docker and Podman identify theirs and as `seawall sbom`
 * reports it in `seawall:image:id`. `org.opencontainers.image.base.digest` is not used: the image spec means by it
 * the image this one was built from, and for a `dir:` target Seawall writes a listing digest there.
 */
export function imageFromAnnotations(annotations: Record<string, string>): AnnotatedImage {
  const configDigest = annotations[ANNOTATION_CONFIG_DIGEST];
  const refName = annotations[ANNOTATION_REF_NAME] || undefined;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations))
    if (![ANNOTATION_CONFIG_DIGEST, ANNOTATION_REF_NAME, ANNOTATION_BASE_DIGEST].includes(key))
      labels[key] = value;
  if (configDigest && SHA256_DIGEST.test(configDigest)) {
    const image: ImageRef = { digest: configDigest, digestKind: 'image' };
    if (refName) image.name = refName;
    return { image, imageTarget: refName, labels };
  }
  return refName ? { image: undefined, imageName: refName, labels } : { image: undefined, labels };
}
