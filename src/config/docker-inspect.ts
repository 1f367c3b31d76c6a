// Reads `docker inspect` and `podman inspect` output of containers (one object, or the usual array) into ContainerSpecs.
// Format: the Engine API's ContainerInspectResponse, https://docs.docker.com/reference/api/engine/latest/#tag/Container

import { capabilityName } from './capabilities.js';
import type { ContainerSpec, InputKind, Located, Mount, PortMapping } from './container-spec.js';
import { DocumentFields, isRecord, withoutUndefined, type FieldPath } from './document-fields.js';
import type { LocatedDocument } from './documents.js';
import {
  deviceHostPath,
  parseVolumeSpec,
  propagationOf,
  securityFields,
  selinuxContext,
} from './docker-options.js';
import type { ConfigRead } from './reader.js';
import { sortMounts, sortPorts, sortSysctls, uniqueSorted } from './spec-order.js';

/** Containers read from inspect output; undefined when the document is not container inspect output. */
export function readDockerInspect(docs: LocatedDocument[], file: string): ConfigRead | undefined {
  if (docs.length !== 1) return undefined;
  const doc = docs[0]!;
  const entries: { value: unknown; path: FieldPath }[] = Array.isArray(doc.value)
    ? doc.value.map((value: unknown, i) => ({ value, path: [i] }))
    : [{ value: doc.value, path: [] }];
  if (entries.length === 0 || !entries.every((e) => isInspectedContainer(e.value)))
    return undefined;
  const fields = new DocumentFields(doc, file);
  const containers = entries.map((e) =>
    readContainer(fields, e.path, e.value as Record<string, unknown>),
  );
  const kind: InputKind = containers.some((c) => c.input === 'podman-inspect')
    ? 'podman-inspect'
    : 'docker-inspect';
  return { kind, containers, pods: [] };
}

/** Image inspect output has a `Config` too, but no `HostConfig`. */
function isInspectedContainer(value: unknown): boolean {
  return isRecord(value) && isRecord(value.HostConfig) && isRecord(value.Config);
}

/** Keys libpod writes and the Docker Engine never does. */
function isPodman(value: Record<string, unknown>): boolean {
  return 'OCIRuntime' in value || 'ConmonPidFile' in value || 'ImageName' in value;
}

function readContainer(
  f: DocumentFields,
  base: FieldPath,
  value: Record<string, unknown>,
): ContainerSpec {
  const host = [...base, 'HostConfig'];
  const config = [...base, 'Config'];
  const input: InputKind = isPodman(value) ? 'podman-inspect' : 'docker-inspect';
  const written = f.string([...base, 'Name']);
  // Docker keeps the leading slash of its legacy link names; podman does not.
  const name =
    written?.value.replace(/^\//, '') ||
    f.string([...base, 'Id'])?.value.slice(0, 12) ||
    'container';
  const options = f.items([...host, 'SecurityOpt']).map((o) => text(f, o.path));
  const security = securityFields(options);
  const apparmor = f.string([...base, 'AppArmorProfile']);
  const processLabel = f.string([...base, 'ProcessLabel']);
  const label = processLabel && selinuxContext(processLabel.value);
  return withoutUndefined<ContainerSpec>({
    input,
    file: f.file,
    resource: { kind: 'container', name },
    container: { name, at: f.origin(written ? [...base, 'Name'] : base) },
    image: nonEmpty(f.string([...config, 'Image'])) ?? nonEmpty(f.string([...base, 'ImageName'])),
    privileged: f.bool([...host, 'Privileged']),
    capAdd: capabilities(f, [...host, 'CapAdd']),
    capDrop: capabilities(f, [...host, 'CapDrop']),
    hostPid: hostMode(f, [...host, 'PidMode']),
    hostIpc: hostMode(f, [...host, 'IpcMode']),
    hostUts: hostMode(f, [...host, 'UTSMode']),
    hostNetwork: hostMode(f, [...host, 'NetworkMode']),
    hostUserns: hostMode(f, [...host, 'UsernsMode']),
    mounts: sortMounts(mounts(f, base, value)),
    seccomp: security.seccomp,
    // The effective profiles, for containers whose options do not say: `unconfined` for a privileged container.
    apparmor: security.apparmor ?? nonEmpty(apparmor),
    selinux:
      security.selinux ??
      (label && processLabel ? { value: label, at: processLabel.at } : undefined),
    noNewPrivileges: security.noNewPrivileges,
    readOnlyRootfs: f.bool([...host, 'ReadonlyRootfs']),
    memoryLimit: positive(f.number([...host, 'Memory'])),
    cpuLimit: cpuLimit(f, host),
    pidsLimit: positive(f.number([...host, 'PidsLimit'])),
    ports: sortPorts(ports(f, host, config)),
    devices: uniqueSorted(
      f.items([...host, 'Devices']).flatMap((d) => {
        const path = f.string([...d.path, 'PathOnHost']);
        return path ? [{ value: deviceHostPath(path.value), at: path.at }] : [];
      }),
    ),
    restartPolicy: restartPolicy(f, [...host, 'RestartPolicy']),
    healthcheck: healthcheck(f, [...config, 'Healthcheck']),
    user: f.string([...config, 'User']),
    sysctls: sortSysctls(
      f
        .entries([...host, 'Sysctls'])
        .map((s) => f.at({ name: String(s.path.at(-1)), value: String(s.value) }, s.path)),
    ),
  });
}

function text(f: DocumentFields, path: FieldPath): Located<string> {
  const value = f.string(path);
  return value ?? f.fail(path, 'expected a string');
}

function nonEmpty(value: Located<string> | undefined): Located<string> | undefined {
  return value && value.value !== '' ? value : undefined;
}

/** Zero and -1 mean "no limit" in the Engine API: the runtime's default, so no value. */
function positive(value: Located<number> | undefined): Located<number> | undefined {
  return value && value.value > 0 ? value : undefined;
}

function capabilities(f: DocumentFields, path: FieldPath): Located<string>[] {
  return uniqueSorted(
    f.items(path).map((c) => {
      const cap = text(f, c.path);
      return { value: capabilityName(cap.value), at: cap.at };
    }),
  );
}

/** `host` shares the host's namespace; anything else (`private`, `container:ID`, a network name) does not. */
function hostMode(f: DocumentFields, path: FieldPath): Located<boolean> | undefined {
  const mode = f.string(path);
  return mode && { value: mode.value === 'host', at: mode.at };
}

/**
 * The top-level `Mounts` list is what the container got (binds, `--mount`, volumes); `HostConfig.Binds` and
 * `HostConfig.Mounts` are read only when it is missing (a created container on an old Engine). `--tmpfs` mounts are
 * only in `HostConfig.Tmpfs`.
 */
function mounts(
  f: DocumentFields,
  base: FieldPath,
  value: Record<string, unknown>,
): Located<Mount>[] {
  const out: Located<Mount>[] = [];
  if (Array.isArray(value.Mounts)) {
    for (const m of f.items([...base, 'Mounts'])) {
      const type = f.string([...m.path, 'Type'])?.value;
      const source = f.string([...m.path, 'Source'])?.value;
      const target = f.string([...m.path, 'Destination'])?.value;
      if (!target) continue;
      const rw = f.bool([...m.path, 'RW'])?.value;
      const propagation = f.string([...m.path, 'Propagation'])?.value;
      out.push(
        f.at(
          mountOf(type, source, target, rw === undefined ? undefined : !rw, propagation),
          m.path,
        ),
      );
    }
  } else {
    for (const b of f.items([...base, 'HostConfig', 'Binds'])) {
      const mount = parseVolumeSpec(text(f, b.path).value);
      if (mount) out.push(f.at(mount, b.path));
    }
    for (const m of f.items([...base, 'HostConfig', 'Mounts'])) {
      const target = f.string([...m.path, 'Target'])?.value;
      if (!target) continue;
      const type = f.string([...m.path, 'Type'])?.value;
      const source = f.string([...m.path, 'Source'])?.value;
      const readOnly = f.bool([...m.path, 'ReadOnly'])?.value;
      const propagation = f.string([...m.path, 'BindOptions', 'Propagation'])?.value;
      out.push(f.at(mountOf(type, source, target, readOnly, propagation), m.path));
    }
  }
  for (const t of f.entries([...base, 'HostConfig', 'Tmpfs'])) {
    const options = typeof t.value === 'string' ? t.value.split(',') : [];
    const mount: Mount = { target: String(t.path.at(-1)), kind: 'tmpfs' };
    if (options.includes('ro')) mount.readOnly = true;
    out.push(f.at(mount, t.path));
  }
  return out;
}

function mountOf(
  type: string | undefined,
  source: string | undefined,
  target: string,
  readOnly: boolean | undefined,
  propagation: string | undefined,
): Mount {
  const kind = type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other';
  const mount: Mount =
    kind === 'bind' && source ? { hostPath: source, target, kind } : { target, kind };
  if (readOnly !== undefined) mount.readOnly = readOnly;
  const mode = propagation ? propagationOf([propagation]) : undefined;
  if (mode) mount.propagation = mode;
  return mount;
}

/** `NanoCpus` (`--cpus`) in billionths of a CPU, else `CpuQuota` over `CpuPeriod` (the kernel's default 100ms). */
function cpuLimit(f: DocumentFields, host: FieldPath): Located<number> | undefined {
  const nano = positive(f.number([...host, 'NanoCpus']));
  if (nano) return { value: nano.value / 1e9, at: nano.at };
  const quota = positive(f.number([...host, 'CpuQuota']));
  if (!quota) return undefined;
  const period = positive(f.number([...host, 'CpuPeriod']))?.value ?? 100_000;
  return { value: quota.value / period, at: quota.at };
}

/**
 * `PortBindings` keys are `PORT/PROTO`; an empty `HostPort` lets the runtime pick one (`hostPort: 0`), an empty
 * `HostIp` binds every interface. `-P` publishes every exposed port that has no binding on a port the runtime picks.
 */
function ports(f: DocumentFields, host: FieldPath, config: FieldPath): Located<PortMapping>[] {
  const out: Located<PortMapping>[] = [];
  const bound = new Set<string>();
  for (const entry of f.entries([...host, 'PortBindings'])) {
    const key = String(entry.path.at(-1));
    const port = portKey(key);
    if (!port) f.fail(entry.path, `"${key}" is not PORT/PROTOCOL`);
    bound.add(key);
    for (const binding of f.items(entry.path)) {
      const hostPort = f.string([...binding.path, 'HostPort'])?.value ?? '';
      const hostIp = f.string([...binding.path, 'HostIp'])?.value ?? '';
      const mapping: PortMapping = { ...port, hostPort: hostPort === '' ? 0 : Number(hostPort) };
      if (!Number.isInteger(mapping.hostPort))
        f.fail([...binding.path, 'HostPort'], `"${hostPort}" is not a port`);
      if (hostIp !== '') mapping.hostIp = hostIp;
      out.push(f.at(mapping, binding.path));
    }
  }
  const publishAll = f.bool([...host, 'PublishAllPorts']);
  if (publishAll?.value) {
    for (const entry of f.entries([...config, 'ExposedPorts'])) {
      const key = String(entry.path.at(-1));
      const port = portKey(key);
      if (port && !bound.has(key)) out.push({ value: { ...port, hostPort: 0 }, at: publishAll.at });
    }
  }
  return out;
}

function portKey(key: string): { containerPort: number; protocol: string } | undefined {
  const match = /^(\d{1,5})(?:\/(\w+))?$/.exec(key);
  return match ? { containerPort: Number(match[1]), protocol: match[2] ?? 'tcp' } : undefined;
}

/** An empty name is the Engine's `no`; the retry count matters only to `on-failure`. */
function restartPolicy(
  f: DocumentFields,
  path: FieldPath,
): Located<{ name: string; maxRetries?: number }> | undefined {
  if (!f.record(path)) return undefined;
  const name = f.string([...path, 'Name']);
  const retries = f.number([...path, 'MaximumRetryCount'])?.value;
  const policy = name?.value || 'no';
  const value =
    policy === 'on-failure' && retries !== undefined
      ? { name: policy, maxRetries: retries }
      : { name: policy };
  return f.at(value, name ? [...path, 'Name'] : path);
}

/** `Test: ["NONE"]` disables the image's check; an empty test inherits it, which inspect has already merged in. */
function healthcheck(f: DocumentFields, path: FieldPath): Located<boolean> | undefined {
  const check = f.record(path);
  if (!check) return undefined;
  const test = f.items([...path, 'Test']).map((t) => t.value);
  if (test.length === 0) return undefined;
  return f.at(test[0] !== 'NONE', path);
}
