// runc's containers from its state directory (--root, default /run/runc): `<id>/state.json` as libcontainer writes
// it (runc 1.1: init_process_pid, init_process_start, created, config.rootfs, config.labels with the annotations
// and `bundle=`). https://github.com/opencontainers/runc/blob/v1.1.5/libcontainer/container_linux.go (State)

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  hostPath,
  isObject,
  isoTime,
  type DiscoverContext,
  type DiscoveredContainer,
} from './container.js';
import { imageFromAnnotations, labelPairs, readBundleAnnotations } from './oci-annotations.js';
import { processRuns } from './process.js';
import { stateFiles } from './state-dirs.js';

export function discoverRunc(root: string, ctx: DiscoverContext): DiscoveredContainer[] {
  const found: DiscoveredContainer[] = [];
  for (const { id, file, json: state } of stateFiles(root, 'state.json', ctx)) {
    const container = runcContainer(id, state, join(root, id), ctx);
    if (container === 'invalid') ctx.warn(`${file}: skipped (not a runc state file)`);
    else if (container) found.push(container);
  }
  return found;
}

/** The running container a state file describes; undefined when it is not running, 'invalid' when unreadable. */
function runcContainer(
  id: string,
  state: unknown,
  stateDir: string,
  ctx: DiscoverContext,
): DiscoveredContainer | undefined | 'invalid' {
  if (!isObject(state) || !isObject(state.config)) return 'invalid';
  const pid = state.init_process_pid;
  const start = state.init_process_start;
  const startedAt = isoTime(state.created);
  if (typeof pid !== 'number' || typeof start !== 'number' || !startedAt) return 'invalid';
  // Running means its init lives (the same process, not a reused pid) and was started: a created container still
  // waits on exec.fifo, which `runc start` removes.
  if (!processRuns(ctx.proc, pid, start) || existsSync(join(stateDir, 'exec.fifo')))
    return undefined;
  const labels = labelPairs(state.config.labels);
  const bundle = labels.bundle;
  delete labels.bundle;
  // runc copies the annotations into the labels at create; the bundle's config.json is the fallback.
  const annotations =
    Object.keys(labels).length > 0
      ? labels
      : ((bundle ? readBundleAnnotations(hostPath(ctx.hostRoot, bundle)) : undefined) ?? {});
  const image = imageFromAnnotations(annotations);
  const container: DiscoveredContainer = {
    runtime: 'runc',
    containerId: typeof state.id === 'string' && state.id ? state.id : id,
    pid,
    startedAt,
    labels: image.labels,
    image: image.image,
  };
  if (image.imageName) container.imageName = image.imageName;
  if (image.imageTarget) container.imageTarget = image.imageTarget;
  if (typeof state.config.rootfs === 'string' && state.config.rootfs)
    container.rootfs = hostPath(ctx.hostRoot, state.config.rootfs);
  return container;
}
