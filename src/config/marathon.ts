// Reads Marathon (Apache Mesos) app definitions, app groups and `/v2/apps` responses into one ContainerSpec per app.
// Format: Marathon's app definition, https://mesosphere.github.io/marathon/docs/application-basics.html (REST API /v2)

import { posix } from 'node:path';
import { capabilityName } from './capabilities.js';
import type { ContainerSpec, Located, Mount, Origin, PortMapping } from './container-spec.js';
import {
  booleanOf,
  DocumentFields,
  isRecord,
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
  securityFields,
} from './docker-options.js';
import type { ConfigRead } from './reader.js';
import { sortMounts, sortPorts, sortSysctls, uniqueSorted } from './spec-order.js';

/** The apps of a Marathon app definition or group; undefined when the document is not one. */
export function readMarathon(docs: LocatedDocument[], file: string): ConfigRead | undefined {
  if (docs.length !== 1) return undefined;
  const doc = docs[0]!;
  const apps: { path: FieldPath; id: string }[] = [];
  const value = doc.value;
  if (isApp(value)) apps.push({ path: [], id: absoluteId(value.id as string, '/') });
  else if (isRecord(value) && isApp(value.app))
    apps.push({ path: ['app'], id: absoluteId(value.app.id as string, '/') });
  else if (isGroup(value)) collectApps(value, [], '/', apps);
  if (apps.length === 0) return undefined;
  const f = new DocumentFields(doc, file);
  return {
    kind: 'marathon',
    containers: apps.map((app) => readApp(f, app.path, app.id)),
    pods: [],
  };
}

/** An app has an id and something to run: a container, a command or arguments. */
function isApp(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value) || typeof value.id !== 'string' || 'apps' in value || 'groups' in value)
    return false;
  return isRecord(value.container) || typeof value.cmd === 'string' || Array.isArray(value.args);
}

/** A group (`{id, apps, groups}`), or the `{apps: [...]}` that `GET /v2/apps` answers with. */
function isGroup(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const apps = value.apps;
  const groups = value.groups;
  if (apps === undefined && groups === undefined) return false;
  if (apps !== undefined && !(Array.isArray(apps) && apps.every(isApp))) return false;
  if (groups !== undefined && !(Array.isArray(groups) && groups.every(isGroup))) return false;
  return value.id === undefined || typeof value.id === 'string';
}

function collectApps(
  group: Record<string, unknown>,
  path: FieldPath,
  parent: string,
  out: { path: FieldPath; id: string }[],
): void {
  const id = typeof group.id === 'string' ? absoluteId(group.id, parent) : parent;
  for (const [i, app] of (Array.isArray(group.apps) ? group.apps : []).entries())
    out.push({ path: [...path, 'apps', i], id: absoluteId((app as { id: string }).id, id) });
  for (const [i, child] of (Array.isArray(group.groups) ? group.groups : []).entries())
    collectApps(child as Record<string, unknown>, [...path, 'groups', i], id, out);
}

/** Marathon ids are paths: a relative one is inside its group. */
function absoluteId(id: string, parent: string): string {
  const full = id.startsWith('/') ? id : posix.join(parent, id);
  return posix.normalize(full).replace(/(.)\/$/, '$1');
}

interface Parameter {
  value: string;
  at: Origin;
  /** Of the parameter's `value` field, for error messages. */
  path: FieldPath;
}

function readApp(f: DocumentFields, base: FieldPath, id: string): ContainerSpec {
  const docker = [...base, 'container', 'docker'];
  const params = parameters(f, [...docker, 'parameters']);
  const param = (...keys: string[]) => keys.flatMap((k) => params.get(k) ?? []);
  const lastParam = (...keys: string[]) => param(...keys).at(-1);
  const idField = f.string([...base, 'id']);
  const security = securityFields(param('security-opt').map((p) => ({ value: p.value, at: p.at })));
  const name = id.split('/').filter(Boolean).at(-1) ?? id;
  const readOnly = lastParam('read-only');
  const privileged = lastParam('privileged');
  return withoutUndefined<ContainerSpec>({
    input: 'marathon',
    file: f.file,
    resource: { kind: 'app', name: id },
    container: { name, at: idField?.at ?? f.origin(base) },
    image: f.string([...docker, 'image']),
    privileged: privileged
      ? { value: booleanOf(privileged.value) ?? privileged.value === '', at: privileged.at }
      : f.bool([...docker, 'privileged']),
    capAdd: capabilities(param('cap-add')),
    capDrop: capabilities(param('cap-drop')),
    hostPid: hostMode(lastParam('pid')),
    hostIpc: hostMode(lastParam('ipc')),
    hostUts: hostMode(lastParam('uts')),
    hostNetwork: hostMode(lastParam('net', 'network')) ?? network(f, base).host,
    hostUserns: hostMode(lastParam('userns')),
    mounts: sortMounts([
      ...volumes(f, [...base, 'container', 'volumes']),
      ...mountParams(param('volume', 'v'), param('tmpfs')),
    ]),
    ...security,
    readOnlyRootfs: readOnly && {
      value: booleanOf(readOnly.value) ?? readOnly.value === '',
      at: readOnly.at,
    },
    memoryLimit: memoryParam(f, lastParam('memory', 'm')) ?? mebibytes(f.number([...base, 'mem'])),
    // The app's CPU share as Mesos accounts it; a hard quota only where the agent enforces CFS.
    cpuLimit: numberParam(f, lastParam('cpus')) ?? positive(f.number([...base, 'cpus'])),
    pidsLimit: numberParam(f, lastParam('pids-limit')),
    ports: sortPorts([...portMappings(f, base), ...portParams(f, param('publish', 'p'))]),
    devices: uniqueSorted(
      param('device').map((d) => ({ value: deviceHostPath(d.value), at: d.at })),
    ),
    restartPolicy: restartParam(f, lastParam('restart')),
    healthcheck: healthcheck(f, base, lastParam('health-cmd'), lastParam('no-healthcheck')),
    user: located(lastParam('user', 'u')) ?? f.string([...base, 'user']),
    sysctls: sortSysctls(
      param('sysctl').map((s) => {
        const eq = s.value.indexOf('=');
        const value =
          eq < 0
            ? { name: s.value, value: '' }
            : { name: s.value.slice(0, eq), value: s.value.slice(eq + 1) };
        return { value, at: s.at };
      }),
    ),
  });
}

/** `docker run` options by name (`--cap-add` as `cap-add`), each value located at its `value` field. */
function parameters(f: DocumentFields, path: FieldPath): Map<string, Parameter[]> {
  const out = new Map<string, Parameter[]>();
  for (const item of f.items(path)) {
    const key = f.string([...item.path, 'key']);
    if (!key) f.fail(item.path, 'a parameter needs a key');
    const value = f.string([...item.path, 'value']);
    const name = key.value.replace(/^-+/, '');
    const list = out.get(name) ?? [];
    const path = value ? [...item.path, 'value'] : [...item.path, 'key'];
    list.push({ value: value?.value ?? '', at: f.origin(path), path });
    out.set(name, list);
  }
  return out;
}

function capabilities(list: Parameter[]): Located<string>[] {
  return uniqueSorted(
    list.flatMap((p) =>
      p.value
        .split(',')
        .filter((c) => c.trim() !== '')
        .map((c) => ({ value: capabilityName(c), at: p.at })),
    ),
  );
}

function hostMode(p: Parameter | undefined): Located<boolean> | undefined {
  return p && { value: p.value === 'host', at: p.at };
}

/**
 * The network mode: `networks[0].mode` (Marathon 1.5+: `host`, `container/bridge`, `container`), else the older
 * `container.docker.network` (`HOST`, `BRIDGE`, `USER`).
 */
function network(f: DocumentFields, base: FieldPath): { host?: Located<boolean>; bridge: boolean } {
  const mode = f.string([...base, 'networks', 0, 'mode']);
  if (mode)
    return {
      host: { value: mode.value === 'host', at: mode.at },
      bridge: mode.value === 'container/bridge',
    };
  const legacy = f.string([...base, 'container', 'docker', 'network']);
  if (legacy)
    return {
      host: { value: legacy.value === 'HOST', at: legacy.at },
      bridge: legacy.value === 'BRIDGE',
    };
  return { bridge: false };
}

/** `{containerPath, hostPath, mode: RO|RW}`; persistent and external volumes are Mesos-managed, not host paths. */
function volumes(f: DocumentFields, path: FieldPath): Located<Mount>[] {
  return f.items(path).flatMap((item) => {
    const target = f.string([...item.path, 'containerPath']);
    if (!target) return [];
    const hostPath = f.string([...item.path, 'hostPath'])?.value;
    const managed =
      isRecord(f.get([...item.path, 'persistent'])) || isRecord(f.get([...item.path, 'external']));
    const mount: Mount = hostPath
      ? { hostPath, target: target.value, kind: 'bind' }
      : { target: target.value, kind: managed ? 'volume' : 'other' };
    const mode = f.string([...item.path, 'mode'])?.value.toUpperCase();
    if (mode === 'RO') mount.readOnly = true;
    else if (mode === 'RW') mount.readOnly = false;
    return [f.at(mount, item.path)];
  });
}

function mountParams(volumeParams: Parameter[], tmpfsParams: Parameter[]): Located<Mount>[] {
  const out: Located<Mount>[] = [];
  for (const p of volumeParams) {
    const mount = parseVolumeSpec(p.value);
    if (mount) out.push({ value: mount, at: p.at });
  }
  for (const p of tmpfsParams) {
    const [target = '', options = ''] = p.value.split(':');
    const mount: Mount = { target, kind: 'tmpfs' };
    if (options.split(',').includes('ro')) mount.readOnly = true;
    out.push({ value: mount, at: p.at });
  }
  return out;
}

function positive(value: Located<number> | undefined): Located<number> | undefined {
  return value && value.value > 0 ? value : undefined;
}

/** Marathon's `mem` is in MiB. */
function mebibytes(value: Located<number> | undefined): Located<number> | undefined {
  const mem = positive(value);
  return mem && { value: mem.value * 1024 * 1024, at: mem.at };
}

function memoryParam(f: DocumentFields, p: Parameter | undefined): Located<number> | undefined {
  if (!p) return undefined;
  const bytes = parseByteSize(p.value);
  if (bytes === undefined) f.fail(p.path, `"${p.value}" is not a memory size`);
  return bytes > 0 ? { value: bytes, at: p.at } : undefined;
}

function numberParam(f: DocumentFields, p: Parameter | undefined): Located<number> | undefined {
  if (!p) return undefined;
  const n = Number(p.value);
  if (p.value.trim() === '' || !Number.isFinite(n)) f.fail(p.path, `"${p.value}" is not a number`);
  return n > 0 ? { value: n, at: p.at } : undefined;
}

function located(p: Parameter | undefined): Located<string> | undefined {
  return p && { value: p.value, at: p.at };
}

/**
 * `container.portMappings` (Marathon 1.5+) or `container.docker.portMappings`. On the bridge network a mapping
 * without `hostPort` gets a port Mesos offers (`hostPort: 0`); on a container network it is not published.
 */
function portMappings(f: DocumentFields, base: FieldPath): Located<PortMapping>[] {
  const modern = [...base, 'container', 'portMappings'];
  const path = Array.isArray(f.get(modern))
    ? modern
    : [...base, 'container', 'docker', 'portMappings'];
  const bridge = network(f, base).bridge;
  return f.items(path).flatMap((item) => {
    const containerPort = f.number([...item.path, 'containerPort']);
    if (!containerPort) return [];
    const hostPort = f.number([...item.path, 'hostPort'])?.value ?? (bridge ? 0 : undefined);
    const mapping: PortMapping = { containerPort: containerPort.value };
    if (hostPort !== undefined) mapping.hostPort = hostPort;
    const protocol = f.string([...item.path, 'protocol'])?.value;
    if (protocol) mapping.protocol = protocol;
    return [f.at(mapping, item.path)];
  });
}

function portParams(f: DocumentFields, list: Parameter[]): Located<PortMapping>[] {
  return list.flatMap((p) => {
    const mappings = parsePortSpec(p.value);
    if (!mappings) f.fail(p.path, `"${p.value}" is not a port mapping`);
    return mappings.map((m) => ({ value: m, at: p.at }));
  });
}

function restartParam(
  f: DocumentFields,
  p: Parameter | undefined,
): Located<{ name: string; maxRetries?: number }> | undefined {
  if (!p) return undefined;
  const policy = parseRestartPolicy(p.value);
  if (!policy) f.fail(p.path, `"${p.value}" is not a restart policy`);
  return { value: policy, at: p.at };
}

/** Marathon's `healthChecks` (an empty list: none), else Docker's own health check parameters. */
function healthcheck(
  f: DocumentFields,
  base: FieldPath,
  cmd: Parameter | undefined,
  off: Parameter | undefined,
): Located<boolean> | undefined {
  const checks = f.items([...base, 'healthChecks']);
  if (checks.length > 0) return f.at(true, [...base, 'healthChecks']);
  if (off && (booleanOf(off.value) ?? off.value === '')) return { value: false, at: off.at };
  if (cmd) return { value: true, at: cmd.at };
  if (Array.isArray(f.get([...base, 'healthChecks'])))
    return f.at(false, [...base, 'healthChecks']);
  return undefined;
}
