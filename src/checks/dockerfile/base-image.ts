// Base images pinned to a version: FROM without a tag means `latest`, and `latest` moves under the build.
// FROM: https://docs.docker.com/reference/dockerfile/#from (a digest pins exactly; a tag at least names a release)

import {
  dockerfileRule,
  hadolintWiki,
  hitAt,
  instructionEvidence,
  REFERENCE,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import type { DockerfileModel } from './parse.js';

export const LATEST_TAG = dockerfileRule({
  id: 'SW-DF-006',
  severity: 'medium',
  title: 'FROM uses the latest tag',
  remediation:
    'Pin the base image to a release tag (debian:12.7-slim), or better to a digest (debian@sha256:...), and update it on purpose.',
  scope: 'every stage',
  references: [`${REFERENCE}#from`, hadolintWiki('DL3007'), trivyAvd('DS001')],
  frameworks: { hadolint: ['DL3007'], trivy: ['DS001'] },
});

export const UNTAGGED_IMAGE = dockerfileRule({
  id: 'SW-DF-007',
  severity: 'medium',
  title: 'FROM has no tag (Docker takes latest)',
  remediation:
    'Name the base image with a release tag (alpine:3.20) or a digest (alpine@sha256:...), not the bare repository.',
  scope: 'every stage',
  references: [`${REFERENCE}#from`, hadolintWiki('DL3006'), trivyAvd('DS001')],
  frameworks: { hadolint: ['DL3006'], trivy: ['DS001'] },
});

export const baseImageChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const stage of model.stages) {
    const { image } = stage;
    const from = stage.instructions[0]!;
    // An earlier stage, `scratch`, a digest, or a reference whose build argument has no default: nothing to pin.
    if (stage.parent !== undefined || image.resolved === undefined || image.digest) continue;
    if (image.resolved.toLowerCase() === 'scratch' || image.resolved === '') continue;
    const shown =
      image.resolved === image.written ? image.written : `${image.written} (${image.resolved})`;
    if (image.tag === undefined)
      hits.push(
        hitAt(UNTAGGED_IMAGE, from, {
          title: `FROM ${shown} has no tag (Docker takes latest)`,
          evidence: instructionEvidence(from),
        }),
      );
    else if (image.tag === 'latest')
      hits.push(
        hitAt(LATEST_TAG, from, {
          title: `FROM ${shown} uses the latest tag`,
          evidence: instructionEvidence(from),
        }),
      );
  }
  return hits;
};
