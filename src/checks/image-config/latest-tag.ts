// SW-IMG-006 and SW-IMG-007: an image built from, or referenced by, the moving `latest` tag (a reference without a
// tag means latest). Docker's reference grammar: https://github.com/distribution/reference/blob/main/reference.go

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { keyedPath, type CheckContext } from './context.js';

export const BASE_LATEST: Rule = {
  id: 'SW-IMG-006',
  kind: 'image',
  severity: 'low',
  title: 'The base image is not pinned (latest or untagged)',
  remediation:
    'Build FROM a specific tag, better a digest (FROM debian:12.5-slim@sha256:...), so that rebuilds use the base you tested.',
  references: [
    'https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys',
    'https://github.com/hadolint/hadolint/wiki/DL3007',
  ],
  frameworks: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS001'] },
};

export const IMAGE_LATEST: Rule = {
  id: 'SW-IMG-007',
  kind: 'image',
  severity: 'low',
  title: 'The image is referenced by the latest tag',
  remediation:
    'Deploy and scan the image by a version tag or its digest: `latest` moves, so what was scanned may not be what runs.',
  references: ['https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md'],
  frameworks: { dockle: ['DKL-DI-0006'] },
};

const BASE_NAME = 'org.opencontainers.image.base.name';

/** The tag of an image reference (`debian` -> latest, `debian:12` -> 12), or undefined when a digest pins it. */
export function referenceTag(reference: string): string | undefined {
  if (reference.includes('@')) return undefined;
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  return colon > slash ? reference.slice(colon + 1) : 'latest';
}

/** The tag of one of target.repoTags: a full reference, or (from an OCI layout's ref.name) a bare tag. */
function repoTagTag(repoTag: string): string | undefined {
  return /[:/@]/.test(repoTag) ? referenceTag(repoTag) : repoTag;
}

/** From the base-name label (written by `docker buildx` metadata and many CI pipelines); absent, nothing is known. */
export function baseLatestFindings(ctx: CheckContext): Finding[] {
  const base = ctx.config?.labels?.[BASE_NAME]?.trim();
  if (!base || referenceTag(base) !== 'latest') return [];
  const jsonPath = keyedPath('config.Labels', BASE_NAME);
  const untagged = !/:[^/]*$/.test(base);
  return [
    findingOf(
      BASE_LATEST,
      { jsonPath },
      {
        title: untagged
          ? `Base image is untagged, so it is latest (${BASE_NAME} = ${JSON.stringify(base)})`
          : `Base image uses the latest tag (${BASE_NAME} = ${JSON.stringify(base)})`,
        evidence: base,
      },
    ),
  ];
}

/** From the tags the target was read with (a registry reference without a tag was normalised to latest already). */
export function imageLatestFindings(ctx: CheckContext): Finding[] {
  const { target } = ctx.inventory;
  if (target.kind !== 'image') return [];
  const tags = [...new Set(target.repoTags ?? [])].filter((t) => repoTagTag(t) === 'latest').sort();
  return tags.map((tag) =>
    findingOf(
      IMAGE_LATEST,
      {},
      { title: `Image is referenced by the latest tag (${tag})`, evidence: tag },
    ),
  );
}
