// Where each Kubernetes workload kind keeps the pod it creates: a Pod's own spec, a controller's pod template, a
// CronJob's job template. Workload resources: https://kubernetes.io/docs/concepts/workloads/controllers/

export interface PodTemplatePlace {
  /** The pod spec, relative to the object. */
  spec: readonly string[];
  /** The pod's metadata (annotations, labels), relative to the object. */
  metadata: readonly string[];
}

const POD: PodTemplatePlace = { spec: ['spec'], metadata: ['metadata'] };
const TEMPLATE: PodTemplatePlace = {
  spec: ['spec', 'template', 'spec'],
  metadata: ['spec', 'template', 'metadata'],
};
const JOB_TEMPLATE: PodTemplatePlace = {
  spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
};
const POD_TEMPLATE: PodTemplatePlace = {
  spec: ['template', 'spec'],
  metadata: ['template', 'metadata'],
};

/** Kinds by API group ('' is the core group); a same-named kind of another group (a CRD) is not a workload. */
const WORKLOADS: Record<string, Record<string, PodTemplatePlace>> = {
  '': { Pod: POD, PodTemplate: POD_TEMPLATE, ReplicationController: TEMPLATE },
  apps: { Deployment: TEMPLATE, StatefulSet: TEMPLATE, DaemonSet: TEMPLATE, ReplicaSet: TEMPLATE },
  // extensions/v1beta1 served Deployments, DaemonSets and ReplicaSets until Kubernetes 1.16; old manifests remain.
  extensions: { Deployment: TEMPLATE, DaemonSet: TEMPLATE, ReplicaSet: TEMPLATE },
  batch: { Job: TEMPLATE, CronJob: JOB_TEMPLATE },
};

/** The API group of an apiVersion (`apps/v1` -> `apps`, `v1` -> ''). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Where this kind's pod spec is, or undefined for a kind that runs no pods (Service, ConfigMap, CRDs ...). */
export function podTemplatePlace(apiVersion: string, kind: string): PodTemplatePlace | undefined {
  const group = apiGroup(apiVersion);
  // Own properties only: a kind named `constructor` must not find Object's.
  if (!Object.hasOwn(WORKLOADS, group)) return undefined;
  const kinds = WORKLOADS[group]!;
  return Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
}
