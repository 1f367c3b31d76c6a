// The SBOM the agent uploads for an image the server does not know: CycloneDX JSON as `seawall sbom -f cyclonedx`
// writes it (runSbomJob), of the image itself when the container was run by Seawall from a local image, else of the
// container's root filesystem (a `dir:` target). CycloneDX 1.6: https://cyclonedx.org/docs/1.6/json/

import { runSbomJob } from '../jobs/sbom-job.js';
import { openTarget } from '../source/open-target.js';
import type { DiscoveredContainer } from './discover/container.js';

/** Targets read without the network: an image the host has (a registry reference would be pulled). */
const LOCAL_IMAGE_TARGET = /^(oci|oci-archive|docker-archive):/;

export interface SbomBuildOptions {
  /** The result and layer cache (the agent keeps its own under its state directory). */
  cacheDir: string;
  warn: (message: string) => void;
}

/** The CycloneDX document of the image `digest` that `container` runs. */
export async function buildImageSbom(
  digest: string,
  container: Pick<DiscoveredContainer, 'imageTarget' | 'rootfs' | 'runtime' | 'containerId'>,
  options: SbomBuildOptions,
): Promise<string> {
  const target = (await imageTargetOf(digest, container.imageTarget)) ?? rootfsTarget(container);
  const { text, errors } = await runSbomJob(target, {
    format: 'cyclonedx',
    cacheDir: options.cacheDir,
  });
  // Files that could not be read are left out; the rest of the SBOM is still worth having.
  for (const e of errors) options.warn(`SBOM of ${digest}: ${e}`);
  return text;
}

/** The target `seawall run` was given, when it is local and still holds the image with this id. */
async function imageTargetOf(
  digest: string,
  target: string | undefined,
): Promise<string | undefined> {
  if (!target || !LOCAL_IMAGE_TARGET.test(target)) return undefined;
  try {
    const source = await openTarget(target);
    try {
      return source.kind === 'image' && source.target.imageId === digest ? target : undefined;
    } finally {
      await source.close();
    }
  } catch {
    return undefined; // moved or removed since: the container's own root still serves
  }
}

function rootfsTarget(
  container: Pick<DiscoveredContainer, 'rootfs' | 'runtime' | 'containerId'>,
): string {
  if (!container.rootfs)
    throw new Error(
      `${container.runtime} container ${container.containerId} has no root filesystem to read`,
    );
  return `dir:${container.rootfs}`;
}
