// SW-CFG-023: the container runs an image by the moving `latest` tag, or by no tag (which means latest), so what runs
// is not what was tested. A digest pins it. Docker's reference grammar: https://github.com/distribution/reference

import { hit, type Control } from './control.js';

/** The tag of an image reference (`nginx` -> latest, `nginx:1.27` -> 1.27), or undefined when a digest pins it. */
export function imageTag(reference: string): string | undefined {
  if (reference.includes('@')) return undefined;
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  return colon > slash ? reference.slice(colon + 1) : undefined;
}

export const LATEST_IMAGE: Control = {
  rule: {
    id: 'SW-CFG-023',
    kind: 'config',
    severity: 'low',
    title: 'The image is not pinned (latest or no tag)',
    remediation:
      'Reference the image by a version tag, better by its digest (registry/app:1.4.2@sha256:...), so that what runs is what was scanned and tested.',
    references: [
      'https://docs.docker.com/reference/cli/docker/image/tag/',
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    ],
    frameworks: { dockle: ['DKL-DI-0006'] },
  },
  check(spec) {
    const image = spec.image;
    const reference = image?.value.trim();
    if (!image || !reference) return [];
    const tag = imageTag(reference);
    if (reference.includes('@') || (tag !== undefined && tag !== 'latest')) return [];
    return [
      hit(
        image.at,
        tag === undefined
          ? `Runs the untagged image ${reference} (latest)`
          : `Runs the image ${reference} by the latest tag`,
        { evidence: reference },
      ),
    ];
  },
};
