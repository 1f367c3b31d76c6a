// Reads an OCI runtime bundle's config.json (what runc, crun and containerd run) into a ContainerSpec.
// Spec: https://github.com/opencontainers/runtime-spec/blob/main/config.md and config-linux.md

import { basename, dirname } from 'node:path';
import { capabilityName, DOCKER_DEFAULT_CAPABILITIES } from './capabilities.js';
import type { ContainerSpec, Located, Mount } from './container-spec.js';
import { DocumentFields, isRecord, withoutUndefined, type FieldPath } from './document-fields.js';
import type { LocatedDocument } from './documents.js';
import { propagationOf, seccompProfileSummary, selinuxContext } from './docker-options.js';
import type { ConfigRead } from './reader.js';
import { sortMounts, sortSysctls, uniqueSorted } from './spec-order.js';

/** The container in an OCI runtime config.json; undefined when the document is not one. */
export function readOciRuntime(docs: LocatedDocument[], file: string): ConfigRead | undefined {
  if (docs.length !== 1) return undefined;
  const doc = docs[0]!;
  const value = doc.value;
  if (!isRecord(value) || typeof value.ociVersion !== 'string') return undefined;
  if (
    !isRecord(value.process) &&
    !isRecord(value.root) &&
    !isRecord(value.linux) &&
    !Array.isArray(value.mounts)
  )
    return undefined;
  const f = new DocumentFields(doc, file);
  const named = containerName(f);
  const { capAdd, capDrop } = capabilities(f);
  const linux = isRecord(value.linux);
  const label = f.string(['process', 'selinuxLabel']);
  const context = label && selinuxContext(label.value);
  const spec = withoutUndefined<ContainerSpec>({
    input: 'oci-runtime',
    file,
    resource: { kind: 'container', name: named.name },
    container: { name: named.name, at: f.origin(named.path) },
    image: image(f),
    capAdd,
    capDrop,
    hostPid: linux ? hostNamespace(f, 'pid') : undefined,
    hostIpc: linux ? hostNamespace(f, 'ipc') : undefined,
    hostUts: linux ? hostNamespace(f, 'uts') : undefined,
    hostNetwork: linux ? hostNamespace(f, 'network') : undefined,
    hostUserns: linux ? hostNamespace(f, 'user') : undefined,
    mounts: sortMounts(f.items(['mounts']).flatMap((m) => mount(f, m.path))),
    seccomp: linux ? seccomp(f) : undefined,
    apparmor: f.string(['process', 'apparmorProfile']),
    selinux: context && label ? { value: context, at: label.at } : undefined,
    noNewPrivileges: f.bool(['process', 'noNewPrivileges']),
    readOnlyRootfs: f.bool(['root', 'readonly']),
    memoryLimit: positive(f.number(['linux', 'resources', 'memory', 'limit'])),
    cpuLimit: cpuLimit(f),
    pidsLimit: positive(f.number(['linux', 'resources', 'pids', 'limit'])),
    ports: [],
    devices: uniqueSorted(
      f.items(['linux', 'devices']).flatMap((d) => f.string([...d.path, 'path']) ?? []),
    ),
    user: user(f),
    sysctls: sortSysctls(
      f
        .entries(['linux', 'sysctl'])
        .map((s) => f.at({ name: String(s.path.at(-1)), value: String(s.value) }, s.path)),
    ),
  });
  return { kind: 'oci-runtime', containers: [spec], pods: [] };
}

/** Annotations the engines write for the container's name; then the hostname; then the bundle directory's name. */
const NAME_ANNOTATIONS = ['io.kubernetes.cri.container-name', 'io.kubernetes.cri-o.ContainerName'];

/** The image reference: the OCI annotation, then the ones containerd's and CRI-O's CRI plugins write. */
const IMAGE_ANNOTATIONS = [
  'org.opencontainers.image.ref.name',
  'io.kubernetes.cri.image-name',
  'io.kubernetes.cri-o.ImageName',
];

function containerName(f: DocumentFields): { name: string; path: FieldPath } {
  for (const key of NAME_ANNOTATIONS) {
    const name = f.string(['annotations', key]);
    if (name?.value) return { name: name.value, path: ['annotations', key] };
  }
  const hostname = f.string(['hostname']);
  if (hostname?.value) return { name: hostname.value, path: ['hostname'] };
  const bundle = basename(dirname(f.file));
  return { name: bundle && bundle !== '.' ? bundle : basename(f.file), path: [] };
}

function image(f: DocumentFields): Located<string> | undefined {
  for (const key of IMAGE_ANNOTATIONS) {
    const ref = f.string(['annotations', key]);
    if (ref?.value) return ref;
  }
  return undefined;
}

const CAPABILITY_SETS = ['bounding', 'effective', 'permitted'] as const;

/**
 * The spec lists the capabilities the process has, not changes to a default. Judged against Docker's default set
 * (./capabilities.ts): one the process may hold beyond it is added, located where it is first listed (bounding,
 * then effective, then permitted); one of the defaults missing from the bounding set (which caps what the process can
 * ever gain), or from every listed set when there is no bounding set, is dropped. Without `process.capabilities` the
 * runtime leaves the process's capabilities alone, which this does not guess at.
 */
function capabilities(f: DocumentFields): {
  capAdd: Located<string>[];
  capDrop: Located<string>[];
} {
  const base = ['process', 'capabilities'];
  if (!f.record(base)) return { capAdd: [], capDrop: [] };
  const defaults = new Set(DOCKER_DEFAULT_CAPABILITIES);
  const added: Located<string>[] = [];
  const held = new Set<string>();
  const listed = CAPABILITY_SETS.filter((set) => Array.isArray(f.get([...base, set])));
  for (const set of listed) {
    for (const item of f.items([...base, set])) {
      const cap = f.string(item.path) ?? f.fail(item.path, 'expected a capability name');
      const name = capabilityName(cap.value);
      if (set === 'bounding' || !listed.includes('bounding')) held.add(name);
      if (!defaults.has(name)) added.push({ value: name, at: cap.at });
    }
  }
  if (listed.length === 0) return { capAdd: [], capDrop: [] };
  const reference = listed.includes('bounding') ? [...base, 'bounding'] : [...base, listed[0]!];
  const dropped = DOCKER_DEFAULT_CAPABILITIES.filter((cap) => !held.has(cap)).map((cap) =>
    f.at(cap, reference),
  );
  return { capAdd: uniqueSorted(added), capDrop: uniqueSorted(dropped) };
}

/**
 * A namespace type missing from `linux.namespaces` is the runtime's own, which is the host's; one joined by a path
 * under `/proc/1/ns/` is the host init's.
 */
function hostNamespace(f: DocumentFields, type: string): Located<boolean> {
  for (const ns of f.items(['linux', 'namespaces'])) {
    if (f.string([...ns.path, 'type'])?.value !== type) continue;
    const path = f.string([...ns.path, 'path']);
    if (path && /^\/proc\/1\/ns\//.test(path.value)) return { value: true, at: path.at };
    return f.at(false, [...ns.path, 'type']);
  }
  return f.at(true, ['linux', 'namespaces']);
}

function mount(f: DocumentFields, path: FieldPath): Located<Mount>[] {
  const target = f.string([...path, 'destination'])?.value;
  if (!target) return [];
  const type = f.string([...path, 'type'])?.value;
  const source = f.string([...path, 'source'])?.value;
  const options = f.items([...path, 'options']).map((o) => String(o.value));
  const bind = type === 'bind' || options.includes('bind') || options.includes('rbind');
  const mount: Mount =
    bind && source
      ? { hostPath: source, target, kind: 'bind' }
      : { target, kind: type === 'tmpfs' ? 'tmpfs' : 'other' };
  if (options.includes('ro')) mount.readOnly = true;
  else if (options.includes('rw')) mount.readOnly = false;
  const propagation = propagationOf(options);
  if (propagation) mount.propagation = propagation;
  return [f.at(mount, path)];
}

/** No `linux.seccomp` means no filter at all. */
function seccomp(f: DocumentFields): Located<string> {
  const path = ['linux', 'seccomp'];
  const profile = f.record(path);
  return f.at(profile ? seccompProfileSummary(profile) : 'unconfined', path);
}

function positive(value: Located<number> | undefined): Located<number> | undefined {
  return value && value.value > 0 ? value : undefined;
}

/** CFS quota over period, both in microseconds; the kernel's period is 100ms when the spec gives none. */
function cpuLimit(f: DocumentFields): Located<number> | undefined {
  const quota = positive(f.number(['linux', 'resources', 'cpu', 'quota']));
  if (!quota) return undefined;
  const period = positive(f.number(['linux', 'resources', 'cpu', 'period']))?.value ?? 100_000;
  return { value: quota.value / period, at: quota.at };
}

/** `UID[:GID]`, as Docker writes a user, located at the uid. */
function user(f: DocumentFields): Located<string> | undefined {
  const uid = f.number(['process', 'user', 'uid']);
  if (!uid) return undefined;
  const gid = f.number(['process', 'user', 'gid']);
  return { value: gid ? `${uid.value}:${gid.value}` : String(uid.value), at: uid.at };
}
