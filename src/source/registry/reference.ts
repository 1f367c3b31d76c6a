// Parses image references (`host[:port]/repo[:tag][@digest]`) the way Docker normalises them, Docker Hub defaults included.
// Grammar: https://github.com/distribution/reference (reference.go, normalize.go)

import { InputError } from '../../errors.js';

/** Docker Hub's name in references, and the host its registry API actually answers on. */
export const DOCKER_HUB = 'docker.io';
export const DOCKER_HUB_ENDPOINT = 'registry-1.docker.io';

export interface ImageReference {
  /** The registry as references name it: `docker.io`, `127.0.0.1:5000`, `ghcr.io`. */
  registry: string;
  /** `host[:port]` the distribution API is reached at (Docker Hub's API lives on another host than its name). */
  endpoint: string;
  /** Repository path inside the registry, e.g. `library/alpine`. */
  repository: string;
  /** The tag; `latest` when the reference names neither a tag nor a digest. */
  tag?: string;
  /** `algorithm:hex` when the reference pins a digest. */
  digest?: string;
}

// A domain is dot-separated host labels (or a bracketed IPv6 address) with an optional port.
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
// Only the digests the rest of Seawall can verify.
const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;
const MAX_NAME_LENGTH = 255;

/** Parses a reference; throws InputError naming the reference when it is malformed. */
export function parseImageReference(text: string): ImageReference {
  const bad = (problem: string): InputError =>
    new InputError(text, `invalid image reference: ${problem}`);
  if (text.trim() !== text || text === '') throw bad('empty or surrounded by spaces');

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw bad(
        `digest must be sha256:<64 hex> or sha512:<128 hex>, got ${JSON.stringify(digest)}`,
      );
  }

  // The first path component is a host only when it looks like one: Docker's rule, so `alpine` and `library/alpine`
  // stay on Docker Hub while `localhost/x`, `127.0.0.1:5000/x` and `ghcr.io/x` do not.
  let registry = DOCKER_HUB;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (
      first === 'localhost' ||
      first.includes('.') ||
      first.includes(':') ||
      first !== first.toLowerCase()
    ) {
      if (!DOMAIN.test(first)) throw bad(`${JSON.stringify(first)} is not a valid registry host`);
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io' || registry === DOCKER_HUB_ENDPOINT) registry = DOCKER_HUB;

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      throw bad(
        `tag ${JSON.stringify(tag)} must be letters, digits, '_', '.' or '-' (at most 128)`,
      );
  }

  let repository = rest;
  if (repository === '') throw bad('no repository name');
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw bad(
        `repository component ${JSON.stringify(component)} must be lowercase letters and digits separated by '.', '_', '__' or '-'`,
      );
    }
  }
  // Official images live under library/ on Docker Hub.
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH)
    throw bad(`name longer than ${MAX_NAME_LENGTH} characters`);

  if (tag === undefined && digest === undefined) tag = 'latest';
  return {
    registry,
    endpoint: registry === DOCKER_HUB ? DOCKER_HUB_ENDPOINT : registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** The fully qualified form: `registry/repository[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** `registry/repository:tag` when the image was named by tag alone (a pinned digest wins over a tag when pulling). */
export function taggedName(ref: ImageReference): string | undefined {
  if (ref.digest !== undefined || ref.tag === undefined) return undefined;
  return `${ref.registry}/${ref.repository}:${ref.tag}`;
}
