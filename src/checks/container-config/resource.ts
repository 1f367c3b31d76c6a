// How a configuration finding names its workload and containers ("Deployment default/web, container app",
// "service web (compose)"), and the way back from that text to the workload, for exceptions that name one.

import type { ContainerSpec } from '../../config/container-spec.js';
import type { Finding } from '../../model/finding.js';

/** The workload a configuration finding is about, and the file it was read from. */
export interface ConfigResource {
  kind: string;
  namespace?: string;
  name: string;
  file?: string;
}

/** "Deployment default/web" (Kubernetes), "service web (compose)", "container web". */
export function workloadLabel(spec: Pick<ContainerSpec, 'input' | 'resource'>): string {
  const { kind, namespace, name } = spec.resource;
  const label = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  return spec.input === 'compose' ? `${label} (compose)` : label;
}

/**
 * The finding's `resource`: the workload, then the containers. The containers are left out where they are the
 * workload itself (a Compose service, a `docker inspect` container of the same name); a pod-level field at fault
 * names every container of the pod it affects.
 */
export function resourceLabel(
  spec: Pick<ContainerSpec, 'input' | 'resource'>,
  containers: readonly string[],
): string {
  const workload = workloadLabel(spec);
  const named = containers.filter((c) => spec.input === 'kubernetes' || c !== spec.resource.name);
  if (spec.input === 'compose' || named.length === 0) return workload;
  return `${workload}, ${named.length === 1 ? 'container' : 'containers'} ${named.join(', ')}`;
}

// Kinds, namespaces and names never hold spaces or commas (Kubernetes DNS names, Compose service names, Docker container
// names and Marathon app ids all exclude them), and only a Kubernetes name follows its namespace and a slash (a
// Marathon id such as /shop/web starts with its slash), so the label reads back unambiguously.
const LABEL = /^(\S+) (?:([^\s/,]+)\/)?([^\s,]+)(?: \(compose\))?(?:, containers? .+)?$/;

/** The workload of a configuration finding, read back from its `resource`; undefined when it has none. */
export function configResourceOf(finding: Finding): ConfigResource | undefined {
  const match = finding.resource === undefined ? null : LABEL.exec(finding.resource);
  if (!match) return undefined;
  const resource: ConfigResource = { kind: match[1]!, name: match[3]! };
  if (match[2] !== undefined) resource.namespace = match[2];
  if (finding.location.path !== undefined) resource.file = finding.location.path;
  return resource;
}
