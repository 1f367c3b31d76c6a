// Kubernetes manifests (one or many documents, Lists of objects) -> the pod specs their workloads run and each of
// their containers as a ContainerSpec. Objects: https://kubernetes.io/docs/concepts/overview/working-with-objects/

import type { LocatedDocument } from '../documents.js';
import type { ConfigRead, PodRef } from '../reader.js';
import { containerSpecsOf } from './container.js';
import { ManifestNode } from './node.js';
import { podTemplatePlace } from './workloads.js';

/** A document is a Kubernetes object when it names its apiVersion and kind. */
function isKubernetesObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return (
    typeof apiVersion === 'string' && apiVersion !== '' && typeof kind === 'string' && kind !== ''
  );
}

/** `List` holds any objects; `PodList`, `DeploymentList` ... hold items that may omit their own apiVersion and kind. */
function listItemKind(kind: string): string | undefined {
  if (kind === 'List') return undefined;
  return kind.endsWith('List') ? kind.slice(0, -'List'.length) : undefined;
}

/** The object's name; `generateName*` when the API server is to choose it. */
function objectName(metadata: ManifestNode): string {
  const name = metadata.get('name').string();
  if (name !== undefined) return name;
  const generateName = metadata.get('generateName').string();
  return generateName !== undefined ? `${generateName}*` : '(no name)';
}

function collectPods(
  node: ManifestNode,
  inherited: { apiVersion: string; kind: string } | undefined,
  pods: PodRef[],
): void {
  if (!node.present) return;
  node.record();
  const apiVersion = node.get('apiVersion').string() ?? inherited?.apiVersion;
  const kind = node.get('kind').string() ?? inherited?.kind;
  if (apiVersion === undefined || kind === undefined) return;
  const items = node.get('items');
  if (kind === 'List' || (kind.endsWith('List') && items.present)) {
    const itemKind = listItemKind(kind);
    for (const item of items.items()) {
      collectPods(item, itemKind === undefined ? undefined : { apiVersion, kind: itemKind }, pods);
    }
    return;
  }
  const place = podTemplatePlace(apiVersion, kind);
  if (!place) return;
  // A workload without a pod spec is a fragment (a kustomize patch, a template under construction): nothing runs.
  const spec = node.at(...place.spec);
  if (spec.record() === undefined) return;
  const objectMetadata = node.get('metadata');
  const podMetadata = node.at(...place.metadata);
  const resource: PodRef['resource'] = { kind, name: objectName(objectMetadata) };
  const namespace = objectMetadata.get('namespace').string();
  if (namespace !== undefined) resource.namespace = namespace;
  pods.push({
    file: node.source.file,
    resource,
    metadata: podMetadata.record() ?? {},
    spec: spec.record()!,
    document: node.source.document,
    specPath: [...spec.path],
    metadataPath: [...podMetadata.path],
  });
}

/**
 * The pods and containers of Kubernetes manifests: every workload kind (Pod, Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob, ReplicationController, PodTemplate), in Lists too; other kinds are read past.
 * Undefined when no document is a Kubernetes object (apiVersion and kind), so the caller can try other readers.
 * A field of the wrong type (`privileged: "yes"`) is an InputError naming its line and JSON path.
 */
export function readKubernetes(docs: LocatedDocument[], file: string): ConfigRead | undefined {
  const objects = docs.filter((document) => isKubernetesObject(document.value));
  if (objects.length === 0) return undefined;
  const pods: PodRef[] = [];
  for (const document of objects)
    collectPods(ManifestNode.root({ file, document }), undefined, pods);
  return { kind: 'kubernetes', containers: pods.flatMap(containerSpecsOf), pods };
}
