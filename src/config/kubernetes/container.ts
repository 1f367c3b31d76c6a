// One Kubernetes container as the normalised ContainerSpec: its securityContext over the pod's where Kubernetes lets
// the pod set a default, the pod's namespaces, hostPath mounts, host ports and limits. https://kubernetes.io/docs/tasks/configure-pod-container/security-context/

import type { ContainerSpec, Located, Mount, PortMapping } from '../container-spec.js';
import type { PodRef } from '../reader.js';
import type { ManifestNode } from './node.js';
import { podContainers, podMetadataNode, podSpecNode, type PodContainer } from './pod.js';
import { parseQuantity } from './quantity.js';

/** The annotation AppArmor profiles were set with before the field (deprecated in 1.30, still honoured). */
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function located<T>(value: T, node: ManifestNode): Located<T> {
  return { value, at: node.origin };
}

/** The container's field if it writes one, else the pod's: how the kubelet merges the two security contexts. */
function containerOrPod(container: ManifestNode, pod: ManifestNode, key: string): ManifestNode {
  const own = container.at('securityContext', key);
  return own.present ? own : pod.at('securityContext', key);
}

function locatedBoolean(node: ManifestNode): Located<boolean> | undefined {
  const value = node.boolean();
  return value === undefined ? undefined : located(value, node);
}

/** A seccomp or AppArmor profile field (`{type, localhostProfile}`) in the runtime's words. */
function profileOf(node: ManifestNode): Located<string> | undefined {
  const typeNode = node.get('type');
  const type = typeNode.string();
  if (type === undefined) return undefined;
  const words: Record<string, string> = {
    RuntimeDefault: 'runtime/default',
    Unconfined: 'unconfined',
  };
  if (type === 'Localhost') {
    const name = node.get('localhostProfile').string() ?? '';
    return located(`localhost/${name}`, typeNode);
  }
  return located(Object.hasOwn(words, type) ? words[type]! : type, typeNode);
}

function apparmorOf(
  c: PodContainer,
  spec: ManifestNode,
  metadata: ManifestNode,
): Located<string> | undefined {
  const field = profileOf(containerOrPod(c.node, spec, 'appArmorProfile'));
  if (field) return field;
  const annotation = metadata.at('annotations', `${APPARMOR_ANNOTATION_PREFIX}${c.name}`);
  const value = annotation.text();
  return value === undefined ? undefined : located(value, annotation);
}

function selinuxOf(node: ManifestNode): ContainerSpec['selinux'] {
  if (!node.present) return undefined;
  const options: NonNullable<ContainerSpec['selinux']>['value'] = {};
  for (const key of ['type', 'user', 'role', 'level'] as const) {
    const value = node.get(key).string();
    if (value !== undefined) options[key] = value;
  }
  return located(options, node);
}

function limitOf(node: ManifestNode): Located<number> | undefined {
  if (!node.present) return undefined;
  const written = typeof node.value === 'number' ? node.value : node.text()!;
  const value = parseQuantity(written);
  if (value === undefined) node.fail(`is not a Kubernetes quantity: ${JSON.stringify(written)}`);
  return located(value, node);
}

/** hostPath volumes the container mounts, at its volumeMounts entry (where readOnly and propagation are set). */
function hostPathMounts(c: PodContainer, spec: ManifestNode): Located<Mount>[] {
  const hostPaths = new Map<string, string>();
  for (const volume of spec.get('volumes').items()) {
    const name = volume.get('name').string();
    const path = volume.at('hostPath', 'path').string();
    if (name !== undefined && path !== undefined) hostPaths.set(name, path);
  }
  const mounts: Located<Mount>[] = [];
  for (const mount of c.node.get('volumeMounts').items()) {
    const hostPath = hostPaths.get(mount.get('name').string() ?? '');
    if (hostPath === undefined) continue;
    const subPath = mount.get('subPath').string();
    const value: Mount = {
      hostPath: subPath ? `${hostPath.replace(/\/+$/, '')}/${subPath}` : hostPath,
      target: mount.get('mountPath').string() ?? '',
      kind: 'bind',
    };
    const readOnly = mount.get('readOnly').boolean();
    if (readOnly !== undefined) value.readOnly = readOnly;
    const propagation = mount.get('mountPropagation').string();
    if (propagation !== undefined) value.propagation = propagation;
    mounts.push(located(value, mount));
  }
  return mounts;
}

function hostPorts(c: PodContainer): Located<PortMapping>[] {
  const ports: Located<PortMapping>[] = [];
  for (const port of c.node.get('ports').items()) {
    const hostPort = port.get('hostPort').integer();
    if (!hostPort) continue; // 0 and unset both mean "no host port"
    const value: PortMapping = {
      containerPort: port.get('containerPort').integer() ?? 0,
      hostPort,
    };
    const hostIp = port.get('hostIP').string();
    if (hostIp !== undefined) value.hostIp = hostIp;
    const protocol = port.get('protocol').string();
    if (protocol !== undefined) value.protocol = protocol;
    ports.push(located(value, port.get('hostPort')));
  }
  return ports;
}

/** `uid` or `uid:gid` from runAsUser and runAsGroup, located at runAsUser. */
function userOf(c: PodContainer, spec: ManifestNode): Located<string> | undefined {
  const userNode = containerOrPod(c.node, spec, 'runAsUser');
  const uid = userNode.integer();
  if (uid === undefined) return undefined;
  const gid = containerOrPod(c.node, spec, 'runAsGroup').integer();
  return located(gid === undefined ? `${uid}` : `${uid}:${gid}`, userNode);
}

function containerSpecOf(
  pod: PodRef,
  c: PodContainer,
  spec: ManifestNode,
  metadata: ManifestNode,
): ContainerSpec {
  const sc = c.node.get('securityContext');
  const strings = (node: ManifestNode) =>
    node.items().flatMap((item) => {
      const value = item.string();
      return value === undefined ? [] : [located(value, item)];
    });
  const out: ContainerSpec = {
    input: 'kubernetes',
    file: pod.file,
    resource: { ...pod.resource },
    container: { name: c.name, at: c.node.origin },
    capAdd: strings(sc.at('capabilities', 'add')),
    capDrop: strings(sc.at('capabilities', 'drop')),
    mounts: hostPathMounts(c, spec),
    ports: hostPorts(c),
    devices: [],
    sysctls: spec
      .at('securityContext', 'sysctls')
      .items()
      .map((entry) =>
        located(
          { name: entry.get('name').string() ?? '', value: entry.get('value').text() ?? '' },
          entry,
        ),
      ),
  };
  const image = c.node.get('image');
  if (image.string() !== undefined) out.image = located(image.string()!, image);
  const optional = {
    privileged: locatedBoolean(sc.get('privileged')),
    hostPid: locatedBoolean(spec.get('hostPID')),
    hostIpc: locatedBoolean(spec.get('hostIPC')),
    hostNetwork: locatedBoolean(spec.get('hostNetwork')),
    // The pod's network namespace comes with its UTS namespace: with hostNetwork the node's hostname is shared.
    hostUts: locatedBoolean(spec.get('hostNetwork')),
    // Only `hostUsers` as written: absent means the runtime default (the host's user namespace), as for Docker.
    hostUserns: locatedBoolean(spec.get('hostUsers')),
    seccomp: profileOf(containerOrPod(c.node, spec, 'seccompProfile')),
    apparmor: apparmorOf(c, spec, metadata),
    selinux: selinuxOf(containerOrPod(c.node, spec, 'seLinuxOptions')),
    noNewPrivileges: negated(locatedBoolean(sc.get('allowPrivilegeEscalation'))),
    readOnlyRootfs: locatedBoolean(sc.get('readOnlyRootFilesystem')),
    memoryLimit: limitOf(c.node.at('resources', 'limits', 'memory')),
    cpuLimit: limitOf(c.node.at('resources', 'limits', 'cpu')),
    restartPolicy: restartPolicyOf(c, spec),
    healthcheck: healthcheckOf(c),
    user: userOf(c, spec),
  };
  // Unset fields stay absent rather than present-and-undefined, so the spec compares and serialises cleanly.
  const set = Object.entries(optional).filter(([, value]) => value !== undefined);
  return Object.assign(out, Object.fromEntries(set) as Partial<typeof optional>);
}

/** allowPrivilegeEscalation: false is what sets no_new_privs on the container's process. */
function negated(flag: Located<boolean> | undefined): Located<boolean> | undefined {
  return flag && { value: !flag.value, at: flag.at };
}

/** A sidecar's own restartPolicy (`Always` on an init container), else the pod's. */
function restartPolicyOf(c: PodContainer, spec: ManifestNode): ContainerSpec['restartPolicy'] {
  for (const node of [c.node.get('restartPolicy'), spec.get('restartPolicy')]) {
    const name = node.string();
    if (name !== undefined) return located({ name }, node);
  }
  return undefined;
}

/** A liveness or readiness probe; Kubernetes ignores the image's HEALTHCHECK, so without one there is none. */
function healthcheckOf(c: PodContainer): Located<boolean> | undefined {
  for (const key of ['livenessProbe', 'readinessProbe']) {
    const probe = c.node.get(key);
    if (probe.record() !== undefined) return located(true, probe);
  }
  return undefined;
}

/** The ContainerSpec of every container of the pod: containers, init containers, ephemeral containers. */
export function containerSpecsOf(pod: PodRef): ContainerSpec[] {
  const spec = podSpecNode(pod);
  const metadata = podMetadataNode(pod);
  return podContainers(spec).map((c) => containerSpecOf(pod, c, spec, metadata));
}
