// containerd's running tasks from the runtime v2 shim's bundles: `<task dir>/<namespace>/<id>/` holds the OCI
// config.json, init.pid and the mounted rootfs/ while the task lives (containerd 1.6/1.7). Kubernetes containers carry
// the CRI plugin's annotations. https://github.com/containerd/containerd/blob/v1.7.13/runtime/v2/bundle.go,
// https://github.com/containerd/containerd/blob/v1.7.13/pkg/cri/annotations/annotations.go

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { messageOf } from '../../errors.js';
import {
  hostPath,
  isObject,
  stringRecord,
  type DiscoverContext,
  type DiscoveredContainer,
} from './container.js';
import { imageFromAnnotations } from './oci-annotations.js';
import { processStartedAt, readProcessStat } from './process.js';
import { stateDirectories } from './state-dirs.js';

/** The CRI plugin's annotations (containerd) and the kubelet's names for the same facts (CRI-O writes these). */
const CRI = {
  containerType: 'io.kubernetes.cri.container-type',
  containerName: 'io.kubernetes.cri.container-name',
  imageName: 'io.kubernetes.cri.image-name',
  sandboxName: 'io.kubernetes.cri.sandbox-name',
  sandboxNamespace: 'io.kubernetes.cri.sandbox-namespace',
};
const KUBE = {
  podName: 'io.kubernetes.pod.name',
  podNamespace: 'io.kubernetes.pod.namespace',
  containerName: 'io.kubernetes.container.name',
};
/** The label naming the containerd namespace a container runs in (`k8s.io`, `moby`, `default`). */
export const CONTAINERD_NAMESPACE_LABEL = 'io.containerd.namespace';

export function discoverContainerd(root: string, ctx: DiscoverContext): DiscoveredContainer[] {
  const found: DiscoveredContainer[] = [];
  for (const namespace of stateDirectories(root, ctx)) {
    for (const id of stateDirectories(join(root, namespace), ctx)) {
      const bundle = join(root, namespace, id);
      try {
        const container = taskContainer(namespace, id, bundle, ctx);
        if (container) found.push(container);
      } catch (err) {
        ctx.warn(`${bundle}: skipped (${messageOf(err)})`);
      }
    }
  }
  return found;
}

function taskContainer(
  namespace: string,
  id: string,
  bundle: string,
  ctx: DiscoverContext,
): DiscoveredContainer | undefined {
  let pidText: string;
  try {
    pidText = readFileSync(join(bundle, 'init.pid'), 'utf8').trim();
  } catch {
    return undefined; // created but not started, or already torn down
  }
  const stat = readProcessStat(ctx.proc, Number(pidText));
  if (!stat || stat.state === 'Z' || stat.state === 'X') return undefined;
  const config: unknown = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
  if (!isObject(config)) throw new Error('config.json is not an OCI runtime config');
  const annotations = stringRecord(config.annotations);
  // A pod's sandbox (pause) container holds its namespaces; it runs no workload image of the user's.
  if (annotations[CRI.containerType] === 'sandbox') return undefined;
  // The shim records no start time: the init process's own start is stable for the life of the task.
  const startedAt = processStartedAt(ctx.proc, stat);
  if (!startedAt) throw new Error('no boot time in procfs');
  const { image, imageName, labels: rest } = imageFromAnnotations(annotations);
  const labels: Record<string, string> = { [CONTAINERD_NAMESPACE_LABEL]: namespace };
  const podName = annotations[CRI.sandboxName] ?? annotations[KUBE.podName];
  const podNamespace = annotations[CRI.sandboxNamespace] ?? annotations[KUBE.podNamespace];
  const containerName = annotations[CRI.containerName] ?? annotations[KUBE.containerName];
  if (podName) labels[KUBE.podName] = podName;
  if (podNamespace) labels[KUBE.podNamespace] = podNamespace;
  if (containerName) labels[KUBE.containerName] = containerName;
  // Other annotations are the runtime's plumbing (sandbox ids, log paths, resource hints), not the user's labels.
  if (!podName) Object.assign(labels, withoutCri(rest));
  const container: DiscoveredContainer = {
    runtime: 'containerd',
    containerId: id,
    pid: stat.pid,
    startedAt,
    labels: sortedRecord(labels),
    image,
  };
  if (containerName) container.name = podName ? `${podName}/${containerName}` : containerName;
  const refName = annotations[CRI.imageName] || imageName;
  if (refName) {
    if (image) image.name ??= refName;
    else container.imageName = refName;
  }
  const rootPath =
    isObject(config.root) && typeof config.root.path === 'string' ? config.root.path : 'rootfs';
  // A relative root is the bundle's (the shim mounts the snapshot at <bundle>/rootfs).
  container.rootfs = rootPath.startsWith('/')
    ? hostPath(ctx.hostRoot, rootPath)
    : resolve(bundle, rootPath);
  return container;
}

function withoutCri(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).filter(([k]) => !k.startsWith('io.kubernetes.')),
  );
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
