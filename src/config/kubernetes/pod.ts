// A pod spec found in a Kubernetes manifest, seen through typed nodes: its containers of every kind, its metadata,
// and how reports name it. PodSpec: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/

import type { PodRef } from '../reader.js';
import { ManifestNode } from './node.js';

/** The three container lists of a pod spec, in the order reports list them. */
export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

export interface PodContainer {
  list: ContainerList;
  /** The container's name, or `initContainers[1]` when it has none. */
  name: string;
  node: ManifestNode;
}

export function podSpecNode(pod: PodRef): ManifestNode {
  return new ManifestNode(pod, pod.spec, pod.specPath);
}

export function podMetadataNode(pod: PodRef): ManifestNode {
  return new ManifestNode(pod, pod.metadata, pod.metadataPath);
}

/** Every container of the pod: containers, then init containers, then ephemeral containers. */
export function podContainers(spec: ManifestNode): PodContainer[] {
  return CONTAINER_LISTS.flatMap((list) =>
    spec
      .get(list)
      .items()
      .map((node, index) => {
        node.record();
        if (!node.present) node.fail('must be a map, found null');
        return { list, name: node.get('name').string() ?? `${list}[${index}]`, node };
      }),
  );
}

/** `Deployment default/web`, or `Pod web` when the manifest names no namespace. */
export function resourceLabel(resource: PodRef['resource']): string {
  return `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
}

/** Whether the pod runs Windows containers (`spec.os.name: windows`); Linux-only controls do not apply to it. */
export function isWindowsPod(spec: ManifestNode): boolean {
  return spec.at('os', 'name').string() === 'windows';
}

/** Whether the pod has its own user namespace (`hostUsers: false`); absent or true shares the host's. */
export function hasUserNamespace(spec: ManifestNode): boolean {
  return spec.get('hostUsers').boolean() === false;
}
