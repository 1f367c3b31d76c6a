// The `registry:REF` image source: pulls an image's manifest and config over the OCI distribution API and streams its
// layers on demand. Spec: https://github.com/opencontainers/distribution-spec/blob/main/spec.md
//
// Notes: HTTPS is the default and plain HTTP is used only with `insecureRegistry` (which also accepts any TLS
// certificate); credentials come from the Docker config's `auths` only (credential helpers are not run); proxies
// from the environment are not used.

import { readFile } from 'node:fs/promises';
import { InputError, messageOf } from '../../errors.js';
import { resolveImage } from '../blob-store.js';
import { parsePlatform } from '../oci-manifest.js';
import type { ImageSource, SourceOptions } from '../source.js';
import { lookupDockerCredentials } from './docker-config.js';
import { formatReference, parseImageReference, taggedName } from './reference.js';
import { RegistryStore } from './registry-store.js';

export { parseImageReference, formatReference, type ImageReference } from './reference.js';

const PREFIX = 'registry:';

/**
 * Opens `REF` (`host[:port]/repo[:tag][@digest]`, or Docker Hub shorthand like `alpine`; a leading `registry:` is
 * accepted) as an image source, resolving a multi-platform index to `options.platform` (default linux/amd64).
 */
export async function openRegistrySource(
  ref: string,
  options: SourceOptions = {},
): Promise<ImageSource> {
  const text = ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : ref;
  const reference = parseImageReference(text);
  const platform = options.platform ? parsePlatform(options.platform) : undefined;
  const lookup = await lookupDockerCredentials(reference.registry, options.dockerConfigDir);
  const ca =
    options.caCertFile !== undefined ? await readCaCertificates(options.caCertFile) : undefined;
  const store = new RegistryStore({
    reference,
    subject: text,
    lookup,
    insecure: options.insecureRegistry === true,
    ca,
  });
  const name = formatReference(reference);
  try {
    options.onProgress?.(`fetching manifest of ${name}`);
    const root = await store.fetchRootManifest();
    const tagged = taggedName(reference);
    return await resolveImage(store, root, platform, {
      input: `${PREFIX}${text}`,
      name,
      ...(tagged ? { repoTags: [tagged] } : {}),
    });
  } catch (err) {
    await store.close();
    throw err;
  }
}

async function readCaCertificates(file: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(file, `cannot read CA certificate file (${messageOf(err)})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(file, 'not a PEM certificate file (no BEGIN CERTIFICATE block)');
  }
  return pem;
}
