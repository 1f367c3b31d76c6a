// Reads Compose files (and Swarm stack files, the same format with `deploy:`) into one ContainerSpec per service.
// Spec: the Compose Specification, https://compose-spec.io (services: https://docs.docker.com/reference/compose-file/services/)

import { capabilityName } from './capabilities.js';
import type { ContainerSpec, Located, Mount, PortMapping } from './container-spec.js';
import {
  DocumentFields,
  isRecord,
  isUnresolved,
  withoutUndefined,
  type FieldPath,
} from './document-fields.js';
import type { LocatedDocument } from './documents.js';
import {
  deviceHostPath,
  parseByteSize,
  parsePortSpec,
  parseRestartPolicy,
  parseVolumeSpec,
  portRange,
  propagationOf,
  securityFields,
} from './docker-options.js';
import type { ConfigRead } from './reader.js';
import { sortMounts, sortPorts, sortSysctls, uniqueSorted } from './spec-order.js';

/** The services of a Compose or stack file; undefined when a document is not one. */
export function readCompose(docs: LocatedDocument[], file: string): ConfigRead | undefined {
  if (docs.length === 0 || !docs.every((d) => isComposeDocument(d.value))) return undefined;
  const containers = docs.flatMap((doc) => {
    const f = new DocumentFields(doc, file);
    const services = (doc.value as { services: Record<string, unknown> }).services;
    return Object.keys(services).map((name) => readService(f, name, services[name]));
  });
  return { kind: 'compose', containers, pods: [] };
}

/** A top-level `services` mapping of mappings, in a document that is not a Kubernetes object. */
function isComposeDocument(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.services)) return false;
  if ('apiVersion' in value && 'kind' in value) return false;
  return Object.values(value.services).every((s) => s === null || isRecord(s));
}

/**
 * Where a service's `key` is written: in the service itself, or in a mapping merged in with `<<: *anchor` (the YAML
 * 1.1 merge key Compose files use for shared settings), whose values the service does not override.
 */
function keyPath(service: Record<string, unknown>, base: FieldPath, key: string): FieldPath {
  if (key in service) return [...base, key];
  const merged = service['<<'];
  if (isRecord(merged) && key in merged) return [...base, '<<', key];
  if (Array.isArray(merged))
    for (const [i, source] of merged.entries())
      if (isRecord(source) && key in source) return [...base, '<<', i, key];
  return [...base, key];
}

function readService(f: DocumentFields, name: string, value: unknown): ContainerSpec {
  const service = isRecord(value) ? value : {};
  const base: FieldPath = ['services', name];
  const p = (key: string) => keyPath(service, base, key);
  const limits = [...p('deploy'), 'resources', 'limits'];
  const containerName = f.string(p('container_name'));
  const security = securityFields(strings(f, p('security_opt')));
  return withoutUndefined<ContainerSpec>({
    input: 'compose',
    file: f.file,
    resource: { kind: 'service', name },
    container: { name: containerName?.value || name, at: containerName?.at ?? f.origin(base) },
    image: image(f, p('image')),
    privileged: f.bool(p('privileged')),
    capAdd: capabilities(f, p('cap_add')),
    capDrop: capabilities(f, p('cap_drop')),
    hostPid: hostMode(f, p('pid')),
    hostIpc: hostMode(f, p('ipc')),
    hostUts: hostMode(f, p('uts')),
    hostNetwork: hostMode(f, p('network_mode')),
    hostUserns: hostMode(f, p('userns_mode')),
    mounts: sortMounts([...volumes(f, p('volumes')), ...tmpfs(f, p('tmpfs'))]),
    ...security,
    readOnlyRootfs: f.bool(p('read_only')),
    // Swarm reads only `deploy`; Compose reads both, and the deploy limit is the one both honour.
    memoryLimit: byteSize(f, [...limits, 'memory']) ?? byteSize(f, p('mem_limit')),
    cpuLimit: positive(f.number([...limits, 'cpus'])) ?? positive(f.number(p('cpus'))),
    pidsLimit: positive(f.number([...limits, 'pids'])) ?? positive(f.number(p('pids_limit'))),
    ports: sortPorts(ports(f, p('ports'))),
    devices: uniqueSorted(devices(f, p('devices'))),
    restartPolicy: swarmRestart(f, [...p('deploy'), 'restart_policy']) ?? restart(f, p('restart')),
    healthcheck: healthcheck(f, p('healthcheck')),
    user: f.string(p('user')),
    sysctls: sortSysctls(sysctls(f, p('sysctls'))),
  });
}

/**
 * A string with Compose's `${VAR:-default}` / `${VAR-default}` replaced by the default (the environment is not known
 * here) and `$$` by `$`; undefined while a variable without a default remains.
 */
export function withDefaults(text: string): string | undefined {
  let unresolved = false;
  const out = text.replace(
    /\$\$|\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (match, braced, fallback) => {
      if (match === '$$') return '$';
      if (braced !== undefined && fallback !== undefined) return String(fallback);
      unresolved = true;
      return match;
    },
  );
  return unresolved || out.includes('${') ? undefined : out;
}

/** The reference with variables' defaults filled in (`${TAG:-latest}` is `latest`), else as written. */
function image(f: DocumentFields, path: FieldPath): Located<string> | undefined {
  const ref = f.string(path);
  return ref && { value: withDefaults(ref.value) ?? ref.value, at: ref.at };
}

function strings(f: DocumentFields, path: FieldPath): Located<string>[] {
  return f.items(path).map((item) => f.string(item.path) ?? f.fail(item.path, 'expected a string'));
}

function capabilities(f: DocumentFields, path: FieldPath): Located<string>[] {
  return uniqueSorted(strings(f, path).map((c) => ({ value: capabilityName(c.value), at: c.at })));
}

/** `host` shares the host's namespace; `service:NAME`, `container:NAME`, `shareable`, a network name do not. */
function hostMode(f: DocumentFields, path: FieldPath): Located<boolean> | undefined {
  const mode = f.string(path);
  return mode && !isUnresolved(mode.value)
    ? { value: mode.value === 'host', at: mode.at }
    : undefined;
}

function positive(value: Located<number> | undefined): Located<number> | undefined {
  return value && value.value > 0 ? value : undefined;
}

/** `512m`, `1gb`, or bytes; 0 and -1 mean no limit. */
function byteSize(f: DocumentFields, path: FieldPath): Located<number> | undefined {
  const written = f.get(path);
  if (written === undefined || written === null) return undefined;
  if (typeof written !== 'string' && typeof written !== 'number') f.fail(path, 'expected a size');
  const text = typeof written === 'string' ? withDefaults(written) : written;
  if (text === undefined) return undefined;
  if (typeof text === 'number' && text <= 0) return undefined;
  const bytes = parseByteSize(text);
  if (bytes === undefined)
    f.fail(path, `"${written}" is not a size (bytes, or a number with b, k, m or g)`);
  return bytes > 0 ? f.at(bytes, path) : undefined;
}

/** Short syntax `[SOURCE:]TARGET[:MODE]`, or long syntax `{type, source, target, read_only, bind.propagation}`. */
function volumes(f: DocumentFields, path: FieldPath): Located<Mount>[] {
  const out: Located<Mount>[] = [];
  for (const item of f.items(path)) {
    if (typeof item.value === 'string') {
      const text = withDefaults(item.value);
      if (text === undefined) continue;
      const mount = parseVolumeSpec(text);
      if (!mount) f.fail(item.path, `"${item.value}" is not a volume ([SOURCE:]TARGET[:MODE])`);
      out.push(f.at(mount, item.path));
      continue;
    }
    if (!isRecord(item.value)) f.fail(item.path, 'expected a volume string or mapping');
    const target = f.string([...item.path, 'target']);
    if (!target) f.fail(item.path, 'a volume needs a target');
    const type = f.string([...item.path, 'type'])?.value;
    const source = f.string([...item.path, 'source'])?.value;
    const kind = type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other';
    const mount: Mount =
      kind === 'bind' && source
        ? { hostPath: source, target: target.value, kind }
        : { target: target.value, kind };
    const readOnly = f.bool([...item.path, 'read_only']);
    if (readOnly) mount.readOnly = readOnly.value;
    const propagation = f.string([...item.path, 'bind', 'propagation'])?.value;
    const mode = propagation ? propagationOf([propagation]) : undefined;
    if (mode) mount.propagation = mode;
    out.push(f.at(mount, item.path));
  }
  return out;
}

/** `tmpfs: /run` or a list of paths (options after a colon). */
function tmpfs(f: DocumentFields, path: FieldPath): Located<Mount>[] {
  const value = f.get(path);
  const items = typeof value === 'string' ? [{ value, path }] : f.items(path);
  return items.flatMap((item) => {
    if (typeof item.value !== 'string') return [];
    const [target = '', options = ''] = item.value.split(':');
    const mount: Mount = { target, kind: 'tmpfs' };
    if (options.split(',').includes('ro')) mount.readOnly = true;
    return [f.at(mount, item.path)];
  });
}

/**
 * Short syntax as `docker run -p` (`"127.0.0.1:8080:80/udp"`, ranges, a bare container port published on a port the
 * runtime picks), or long syntax `{target, published, host_ip, protocol}`.
 */
function ports(f: DocumentFields, path: FieldPath): Located<PortMapping>[] {
  const out: Located<PortMapping>[] = [];
  for (const item of f.items(path)) {
    if (typeof item.value === 'string' || typeof item.value === 'number') {
      const text = withDefaults(String(item.value));
      if (text === undefined) continue;
      const mappings = parsePortSpec(text);
      if (!mappings)
        f.fail(
          item.path,
          `"${item.value}" is not a port mapping ([[IP:]HOST:]CONTAINER[/PROTOCOL])`,
        );
      out.push(...mappings.map((m) => f.at(m, item.path)));
      continue;
    }
    if (!isRecord(item.value)) f.fail(item.path, 'expected a port string or mapping');
    const target = f.number([...item.path, 'target']);
    if (!target || !Number.isInteger(target.value))
      f.fail(item.path, 'a port needs a numeric target');
    const published = f.get([...item.path, 'published']);
    const range =
      published === undefined || published === null ? undefined : portRange(String(published), 0);
    if (published !== undefined && published !== null && !range && !isUnresolved(published))
      f.fail([...item.path, 'published'], `"${String(published)}" is not a port or range`);
    const mapping: PortMapping = { containerPort: target.value, hostPort: range ? range[0] : 0 };
    const hostIp = f.string([...item.path, 'host_ip'])?.value;
    if (hostIp) mapping.hostIp = hostIp;
    const protocol = f.string([...item.path, 'protocol'])?.value;
    if (protocol) mapping.protocol = protocol;
    out.push(f.at(mapping, item.path));
  }
  return out;
}

/** `HOST[:CONTAINER[:PERMISSIONS]]`, a CDI name, or `{source, target, permissions}`. */
function devices(f: DocumentFields, path: FieldPath): Located<string>[] {
  return f.items(path).flatMap((item) => {
    if (isRecord(item.value)) {
      const source = f.string([...item.path, 'source']);
      return source ? [source] : [];
    }
    const spec = f.string(item.path) ?? f.fail(item.path, 'expected a device string');
    return [{ value: deviceHostPath(spec.value), at: spec.at }];
  });
}

function restart(
  f: DocumentFields,
  path: FieldPath,
): Located<{ name: string; maxRetries?: number }> | undefined {
  const text = f.string(path);
  if (!text || isUnresolved(text.value)) return undefined;
  const policy = parseRestartPolicy(text.value);
  if (!policy) f.fail(path, `"${text.value}" is not a restart policy`);
  return { value: policy, at: text.at };
}

/** Swarm's conditions in the Engine's restart policy names: `none` is `no`, `any` (the default) is `always`. */
const SWARM_CONDITIONS: Record<string, string> = {
  none: 'no',
  any: 'always',
  'on-failure': 'on-failure',
};

function swarmRestart(
  f: DocumentFields,
  path: FieldPath,
): Located<{ name: string; maxRetries?: number }> | undefined {
  if (!f.record(path)) return undefined;
  const condition = f.string([...path, 'condition']);
  const name = SWARM_CONDITIONS[condition?.value ?? 'any'] ?? condition!.value;
  const attempts = f.number([...path, 'max_attempts']);
  const value = attempts && attempts.value > 0 ? { name, maxRetries: attempts.value } : { name };
  return f.at(value, condition ? [...path, 'condition'] : path);
}

/** `disable: true` or `test: ["NONE"]` turns the image's check off; any other test configures one. */
function healthcheck(f: DocumentFields, path: FieldPath): Located<boolean> | undefined {
  const check = f.record(path);
  if (!check) return undefined;
  const disable = f.bool([...path, 'disable']);
  if (disable?.value) return f.at(false, [...path, 'disable']);
  const test = check.test;
  const first = Array.isArray(test) ? test[0] : test;
  if (first === 'NONE') return f.at(false, [...path, 'test']);
  return f.at(true, path);
}

/** A mapping `{name: value}` or a list of `name=value`. */
function sysctls(f: DocumentFields, path: FieldPath): Located<{ name: string; value: string }>[] {
  const value = f.get(path);
  if (isRecord(value))
    return f
      .entries(path)
      .map((e) => f.at({ name: String(e.path.at(-1)), value: String(e.value ?? '') }, e.path));
  return strings(f, path).map((s) => {
    const eq = s.value.indexOf('=');
    const setting =
      eq < 0
        ? { name: s.value, value: '' }
        : { name: s.value.slice(0, eq), value: s.value.slice(eq + 1) };
    return { value: setting, at: s.at };
  });
}
