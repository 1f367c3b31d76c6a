// crun's containers from its state directory (--root, default /run/crun): `<id>/status` as crun 1.x writes it (pid,
// process-start-time, rootfs, bundle, created) beside its copy of the bundle's config.json.
// https://github.com/containers/crun/blob/1.8.1/src/libcrun/status.c (write_container_status)

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  hostPath,
  isObject,
  isoTime,
  type DiscoverContext,
  type DiscoveredContainer,
} from './container.js';
import { imageFromAnnotations, readBundleAnnotations } from './oci-annotations.js';
import { processRuns } from './process.js';
import { stateFiles } from './state-dirs.js';

export function discoverCrun(root: string, ctx: DiscoverContext): DiscoveredContainer[] {
  const found: DiscoveredContainer[] = [];
  for (const { id, file, json: status } of stateFiles(root, 'status', ctx)) {
    const dir = join(root, id);
    if (!isObject(status) || typeof status.pid !== 'number' || !isoTime(status.created)) {
      ctx.warn(`${file}: skipped (not a crun status file)`);
      continue;
    }
    const pid = status.pid;
    const start = status['process-start-time'];
    // A created container waits on exec.fifo until `crun start`; it is not running yet.
    if (!processRuns(ctx.proc, pid, typeof start === 'number' ? start : undefined)) continue;
    if (existsSync(join(dir, 'exec.fifo'))) continue;
    const bundle = typeof status.bundle === 'string' ? hostPath(ctx.hostRoot, status.bundle) : '';
    // crun keeps a copy of config.json in its state directory; the bundle's own is the fallback.
    const annotations =
      readBundleAnnotations(dir) ?? (bundle ? readBundleAnnotations(bundle) : undefined) ?? {};
    const image = imageFromAnnotations(annotations);
    const container: DiscoveredContainer = {
      runtime: 'crun',
      containerId: id,
      pid,
      startedAt: isoTime(status.created)!,
      labels: image.labels,
      image: image.image,
    };
    if (image.imageName) container.imageName = image.imageName;
    if (image.imageTarget) container.imageTarget = image.imageTarget;
    if (typeof status.rootfs === 'string' && status.rootfs)
      container.rootfs = hostPath(ctx.hostRoot, status.rootfs);
    found.push(container);
  }
  return found;
}
