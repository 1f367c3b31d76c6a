// Podman's containers from containers/storage (`overlay-containers/containers.json` and, for --rm containers,
// `volatile-containers.json`: id, names, image, layer, metadata, created), running when its OCI runtime (crun or
// runc, same id) runs them. https://github.com/containers/storage/blob/v1.51.0/containers.go (Container)

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '../../errors.js';
import type { ImageRef } from '../../server/store/types.js';
import { isObject, type DiscoverContext, type DiscoveredContainer } from './container.js';

const RECORD_FILES = ['containers.json', 'volatile-containers.json'];

/**
 * Podman's running containers. `running` holds what the OCI runtimes report (by id): a container of Podman's is
 * reported once, as Podman's, with the image its storage records.
 */
export function discoverPodman(
  storageRoot: string,
  running: ReadonlyMap<string, DiscoveredContainer>,
  ctx: DiscoverContext,
): DiscoveredContainer[] {
  const found = new Map<string, DiscoveredContainer>();
  for (const name of RECORD_FILES) {
    const file = join(storageRoot, 'overlay-containers', name);
    let records: unknown;
    try {
      records = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        ctx.warn(`${file}: skipped (${messageOf(err)})`);
      continue;
    }
    if (!Array.isArray(records)) {
      ctx.warn(`${file}: skipped (not a list of containers)`);
      continue;
    }
    records.forEach((record, i) => {
      if (!isObject(record) || typeof record.id !== 'string') {
        ctx.warn(`${file}: entry ${i} skipped (no container id)`);
        return;
      }
      const runtime = running.get(record.id);
      if (!runtime || found.has(record.id)) return;
      found.set(record.id, podmanContainer(storageRoot, record, runtime));
    });
  }
  return [...found.values()];
}

function podmanContainer(
  storageRoot: string,
  record: Record<string, unknown>,
  runtime: DiscoveredContainer,
): DiscoveredContainer {
  const metadata = parseMetadata(record.metadata);
  const container: DiscoveredContainer = {
    runtime: 'podman',
    containerId: runtime.containerId,
    startedAt: runtime.startedAt,
    // Podman keeps a container's labels in its own database (libpod), not in storage or the runtime config.
    labels: {},
    image: undefined,
  };
  if (runtime.pid !== undefined) container.pid = runtime.pid;
  const names = Array.isArray(record.names)
    ? record.names.filter((n) => typeof n === 'string')
    : [];
  const name = names[0] ?? metadata.name;
  if (typeof name === 'string' && name) container.name = name;
  // `image` is the image id (the config digest's hex); empty for a container made from a --rootfs directory.
  const reference = typeof metadata['image-name'] === 'string' ? metadata['image-name'] : undefined;
  if (typeof record.image === 'string' && /^[0-9a-f]{64}$/.test(record.image)) {
    const image: ImageRef = { digest: `sha256:${record.image}`, digestKind: 'image' };
    if (reference) image.name = reference;
    container.image = image;
  } else if (reference) container.imageName = reference;
  const layer =
    typeof record.layer === 'string' && /^[0-9a-f]{64}$/.test(record.layer)
      ? record.layer
      : undefined;
  const rootfs = layer ? layerRoot(storageRoot, layer) : undefined;
  container.rootfs = rootfs ?? runtime.rootfs;
  if (!container.rootfs) delete container.rootfs;
  return container;
}

/** `metadata` is a JSON document in a string (image-name, image-id, name, created-at, mountlabel). */
function parseMetadata(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** The container layer's mount point, by storage driver (overlay is Podman's default, vfs its fallback). */
function layerRoot(storageRoot: string, layer: string): string | undefined {
  for (const dir of [
    join(storageRoot, 'overlay', layer, 'merged'),
    join(storageRoot, 'vfs', 'dir', layer),
  ])
    if (existsSync(dir)) return dir;
  return undefined;
}
