// The registry host an image reference names, as the fleet store keeps it ('nginx' -> 'docker.io'), by Docker's
// normalisation of references: https://github.com/distribution/reference (normalize.go)

import { parseImageReference } from '../../source/registry/reference.js';

/** An image id alone (what `docker ps` shows for an untagged image) names no registry. */
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{12,64}$/;

/** The registry of `reference`, or undefined when it is not a valid image reference. */
export function registryOf(reference: string): string | undefined {
  if (IMAGE_ID.test(reference)) return undefined;
  try {
    return parseImageReference(reference).registry;
  } catch {
    return undefined;
  }
}
