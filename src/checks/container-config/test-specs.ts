// Test support: ContainerSpecs written by hand (the readers are tested on their own), bare (nothing set) or hardened
// (passing every control) per input kind, and a JSON Patch applier (RFC 6902) to try the findings' patches on.

import type { ContainerSpec, InputKind, Located, Origin } from '../../config/container-spec.js';
import type { Finding } from '../../model/finding.js';
import { containerConfigFindings } from './index.js';

interface Base {
  file: string;
  resource: ContainerSpec['resource'];
  container: string;
  at: string;
  line: number;
}

const BASES: Record<InputKind, Base> = {
  kubernetes: {
    file: 'deploy/web.yaml',
    resource: { kind: 'Deployment', namespace: 'default', name: 'web' },
    container: 'app',
    at: '$.spec.template.spec.containers[0]',
    line: 17,
  },
  compose: {
    file: 'compose.yaml',
    resource: { kind: 'service', name: 'web' },
    container: 'web',
    at: '$.services.web',
    line: 2,
  },
  'docker-inspect': {
    file: 'inspect.json',
    resource: { kind: 'container', name: 'web' },
    container: 'web',
    at: '$[0]',
    line: 2,
  },
  'podman-inspect': {
    file: 'podman-inspect.json',
    resource: { kind: 'container', name: 'web' },
    container: 'web',
    at: '$[0]',
    line: 2,
  },
  'oci-runtime': {
    file: 'bundle/config.json',
    resource: { kind: 'container', name: 'bundle' },
    container: 'bundle',
    at: '$',
    line: 1,
  },
  lxc: {
    file: 'lxc/c1/config',
    resource: { kind: 'container', name: 'c1' },
    container: 'c1',
    at: '$',
    line: 1,
  },
  marathon: {
    file: 'marathon/web.json',
    resource: { kind: 'app', name: '/shop/web' },
    container: 'web',
    at: '$',
    line: 1,
  },
};

/** A value written at `jsonPath` (and `line`) of the input's file. */
export function loc<T>(input: InputKind, value: T, jsonPath: string, line?: number): Located<T> {
  const at: Origin = { file: BASES[input].file, jsonPath };
  if (line !== undefined) at.line = line;
  return { value, at };
}

/** A container of this input kind that sets nothing: every field is the runtime's default. */
export function bareSpec(input: InputKind, overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  const base = BASES[input];
  return {
    input,
    file: base.file,
    resource: { ...base.resource },
    container: {
      name: base.container,
      at: { file: base.file, line: base.line, jsonPath: base.at },
    },
    capAdd: [],
    capDrop: [],
    mounts: [],
    ports: [],
    devices: [],
    sysctls: [],
    ...overrides,
  };
}

/** A Kubernetes container that passes every control. */
export function hardenedKubernetes(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  const c = '$.spec.template.spec.containers[0]';
  const k = <T>(value: T, path: string, line: number) =>
    loc('kubernetes', value, `${c}${path}`, line);
  return bareSpec('kubernetes', {
    image: k('registry.example.com/shop/web:1.4.2', '.image', 18),
    privileged: k(false, '.securityContext.privileged', 20),
    capDrop: [k('ALL', '.securityContext.capabilities.drop[0]', 23)],
    capAdd: [k('NET_BIND_SERVICE', '.securityContext.capabilities.add[0]', 25)],
    seccomp: k('runtime/default', '.securityContext.seccompProfile.type', 27),
    noNewPrivileges: k(true, '.securityContext.allowPrivilegeEscalation', 28),
    readOnlyRootfs: k(true, '.securityContext.readOnlyRootFilesystem', 29),
    memoryLimit: k(268435456, '.resources.limits.memory', 32),
    cpuLimit: k(0.5, '.resources.limits.cpu', 33),
    ports: [k({ containerPort: 8080, protocol: 'TCP' }, '.ports[0]', 35)],
    healthcheck: k(true, '.livenessProbe', 37),
    ...overrides,
  });
}

/** A Compose service that passes every control. */
export function hardenedCompose(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  const s = '$.services.web';
  const c = <T>(value: T, path: string, line: number) => loc('compose', value, `${s}${path}`, line);
  return bareSpec('compose', {
    image: c('registry.example.com/shop/web@sha256:' + 'ab'.repeat(32), '.image', 3),
    capDrop: [c('ALL', '.cap_drop[0]', 5)],
    noNewPrivileges: c(true, '.security_opt[0]', 7),
    readOnlyRootfs: c(true, '.read_only', 8),
    memoryLimit: c(536870912, '.mem_limit', 9),
    cpuLimit: c(1, '.cpus', 10),
    pidsLimit: c(200, '.pids_limit', 11),
    ports: [c({ containerPort: 8080, hostPort: 8080, hostIp: '127.0.0.1' }, '.ports[0]', 13)],
    mounts: [
      c(
        { hostPath: './static', target: '/srv/static', kind: 'bind', readOnly: true },
        '.volumes[0]',
        15,
      ),
    ],
    restartPolicy: c({ name: 'on-failure', maxRetries: 5 }, '.restart', 16),
    healthcheck: c(true, '.healthcheck', 17),
    ...overrides,
  });
}

/** A `docker inspect` container that passes every control. */
export function hardenedDocker(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  const d = <T>(value: T, path: string, line: number) =>
    loc('docker-inspect', value, `$[0]${path}`, line);
  return bareSpec('docker-inspect', {
    image: d('registry.example.com/shop/web:1.4.2', '.Config.Image', 40),
    privileged: d(false, '.HostConfig.Privileged', 60),
    hostPid: d(false, '.HostConfig.PidMode', 61),
    hostNetwork: d(false, '.HostConfig.NetworkMode', 62),
    seccomp: d('builtin', '.HostConfig.SecurityOpt[1]', 64),
    apparmor: d('docker-default', '.AppArmorProfile', 20),
    noNewPrivileges: d(true, '.HostConfig.SecurityOpt[0]', 63),
    readOnlyRootfs: d(true, '.HostConfig.ReadonlyRootfs', 66),
    memoryLimit: d(536870912, '.HostConfig.Memory', 70),
    cpuLimit: d(1, '.HostConfig.NanoCpus', 71),
    pidsLimit: d(200, '.HostConfig.PidsLimit', 72),
    restartPolicy: d({ name: 'on-failure', maxRetries: 3 }, '.HostConfig.RestartPolicy', 74),
    healthcheck: d(true, '.Config.Healthcheck', 45),
    ...overrides,
  });
}

/** An OCI runtime bundle configuration that passes every control. */
export function hardenedOci(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  const o = <T>(value: T, path: string, line: number) =>
    loc('oci-runtime', value, `$${path}`, line);
  return bareSpec('oci-runtime', {
    noNewPrivileges: o(true, '.process.noNewPrivileges', 9),
    apparmor: o('shop-web', '.process.apparmorProfile', 10),
    readOnlyRootfs: o(true, '.root.readonly', 14),
    hostPid: o(false, '.linux.namespaces[0]', 30),
    hostIpc: o(false, '.linux.namespaces[1]', 31),
    hostUts: o(false, '.linux.namespaces[2]', 32),
    hostNetwork: o(false, '.linux.namespaces[3]', 33),
    hostUserns: o(false, '.linux.namespaces[4]', 34),
    seccomp: o('SCMP_ACT_ERRNO', '.linux.seccomp', 40),
    memoryLimit: o(536870912, '.linux.resources.memory.limit', 50),
    cpuLimit: o(1, '.linux.resources.cpu.quota', 52),
    pidsLimit: o(200, '.linux.resources.pids.limit', 54),
    ...overrides,
  });
}

/** The findings of one rule over these containers. */
export function findingsOf(id: string, ...specs: ContainerSpec[]): Finding[] {
  return containerConfigFindings(specs).filter((f) => f.id === id);
}

/**
 * Applies a JSON Patch (RFC 6902 add, replace, remove) to a copy of `doc`, failing as the RFC says an application
 * must: a missing target for replace and remove, a missing parent for add.
 */
export function applyPatch(doc: unknown, patch: NonNullable<Finding['patch']>): unknown {
  const root = structuredClone(doc);
  for (const op of patch) {
    const tokens = op.path
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = tokens.pop();
    if (last === undefined) throw new Error(`cannot ${op.op} the whole document`);
    let parent: unknown = root;
    for (const token of tokens) {
      parent = child(parent, token);
      if (parent === undefined) throw new Error(`${op.path}: no ${token}`);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) {
        throw new Error(`${op.path}: bad index`);
      }
      if (op.op !== 'add' && index >= parent.length) throw new Error(`${op.path}: no element`);
      if (op.op === 'add') parent.splice(index, 0, op.value);
      else if (op.op === 'replace') parent[index] = op.value;
      else parent.splice(index, 1);
    } else if (typeof parent === 'object' && parent !== null) {
      const object = parent as Record<string, unknown>;
      if (op.op !== 'add' && !Object.hasOwn(object, last)) throw new Error(`${op.path}: no member`);
      if (op.op === 'remove') delete object[last];
      else object[last] = op.value;
    } else throw new Error(`${op.path}: parent is not a container`);
  }
  return root;
}

function child(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return value[Number(token)];
  if (typeof value === 'object' && value !== null) return (value as Record<string, unknown>)[token];
  return undefined;
}
