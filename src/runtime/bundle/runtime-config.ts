// Builds a bundle's config.json: the process, root, mounts, namespaces, capabilities and seccomp filter of one
// container, with Docker's defaults for what the user did not choose. OCI runtime spec 1.0.2:
// https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md and config-linux.md

import type { ContainerUser } from './container-user.js';
import type { LinuxSeccomp } from './seccomp-profile.js';

export const OCI_RUNTIME_VERSION = '1.0.2';

export interface RuntimeMount {
  destination: string;
  type: string;
  source: string;
  options?: string[];
}

export interface RuntimeHook {
  path: string;
  args?: string[];
  env?: string[];
  timeout?: number;
}

export interface RuntimeNamespace {
  type: 'pid' | 'network' | 'mount' | 'ipc' | 'uts' | 'user' | 'cgroup';
  path?: string;
}

/** The part of the runtime spec Seawall writes. */
export interface RuntimeSpec {
  ociVersion: string;
  process: {
    terminal: boolean;
    user: { uid: number; gid: number; additionalGids?: number[] };
    args: string[];
    env: string[];
    cwd: string;
    capabilities: {
      bounding: string[];
      effective: string[];
      permitted: string[];
      inheritable: string[];
      ambient: string[];
    };
    noNewPrivileges: boolean;
  };
  root: { path: string; readonly: boolean };
  hostname: string;
  mounts: RuntimeMount[];
  hooks?: { createRuntime?: RuntimeHook[] };
  annotations: Record<string, string>;
  linux: {
    cgroupsPath: string;
    namespaces: RuntimeNamespace[];
    resources: { devices: { allow: boolean; access: string }[] };
    maskedPaths: string[];
    readonlyPaths: string[];
    seccomp?: LinuxSeccomp;
  };
}

/** Paths Docker hides from a container (bind-mounted over with /dev/null or an empty read-only tmpfs). */
export const DOCKER_MASKED_PATHS = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/sys/devices/virtual/powercap',
  '/sys/firmware',
];

/** Paths Docker leaves visible but read-only. */
export const DOCKER_READONLY_PATHS = [
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/sys',
  '/proc/sysrq-trigger',
];

export interface RuntimeConfigInput {
  /** Host path of the container's root (the overlay mount). */
  rootPath: string;
  readOnly: boolean;
  args: string[];
  env: string[];
  cwd: string;
  user: ContainerUser;
  hostname: string;
  /** The container's capabilities (CAP_ names, sorted). */
  capabilities: string[];
  seccomp?: LinuxSeccomp;
  /** The network namespace to join; none means the host's network (no network namespace). */
  networkNamespace?: string;
  /** Files the container sees as /etc/hosts, /etc/hostname, /etc/resolv.conf (host paths). */
  etcFiles: { hosts: string; hostname: string; resolvConf?: string };
  cgroupsPath: string;
  annotations: Record<string, string>;
  hooks?: { createRuntime?: RuntimeHook[] };
}

export function buildRuntimeConfig(input: RuntimeConfigInput): RuntimeSpec {
  const caps = input.capabilities;
  // As dockerd: a non-root process gets the bounding set only, so it cannot use capabilities it did not exec into.
  const root = input.user.uid === 0;
  const namespaces: RuntimeNamespace[] = [
    { type: 'pid' },
    { type: 'ipc' },
    { type: 'uts' },
    { type: 'mount' },
  ];
  if (input.networkNamespace) namespaces.push({ type: 'network', path: input.networkNamespace });
  const user: RuntimeSpec['process']['user'] = { uid: input.user.uid, gid: input.user.gid };
  if (input.user.additionalGids.length > 0) user.additionalGids = input.user.additionalGids;
  const spec: RuntimeSpec = {
    ociVersion: OCI_RUNTIME_VERSION,
    process: {
      terminal: false,
      user,
      args: input.args,
      env: input.env,
      cwd: input.cwd,
      capabilities: {
        bounding: caps,
        effective: root ? caps : [],
        permitted: root ? caps : [],
        inheritable: [],
        ambient: [],
      },
      noNewPrivileges: true,
    },
    root: { path: input.rootPath, readonly: input.readOnly },
    hostname: input.hostname,
    mounts: [...defaultMounts(), ...etcMounts(input)],
    annotations: sortedRecord(input.annotations),
    linux: {
      cgroupsPath: input.cgroupsPath,
      namespaces,
      // runc appends its default device allow-list (null, zero, full, tty, urandom, random, ptmx, pts) after this.
      resources: { devices: [{ allow: false, access: 'rwm' }] },
      maskedPaths: DOCKER_MASKED_PATHS,
      readonlyPaths: DOCKER_READONLY_PATHS,
    },
  };
  if (input.seccomp) spec.linux.seccomp = input.seccomp;
  if (input.hooks?.createRuntime?.length) spec.hooks = input.hooks;
  return spec;
}

/** Docker's mounts for every Linux container (moby oci.DefaultLinuxSpec). */
function defaultMounts(): RuntimeMount[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
    },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    {
      destination: '/sys',
      type: 'sysfs',
      source: 'sysfs',
      options: ['nosuid', 'noexec', 'nodev', 'ro'],
    },
    {
      destination: '/sys/fs/cgroup',
      type: 'cgroup',
      source: 'cgroup',
      options: ['ro', 'nosuid', 'noexec', 'nodev'],
    },
    {
      destination: '/dev/mqueue',
      type: 'mqueue',
      source: 'mqueue',
      options: ['nosuid', 'noexec', 'nodev'],
    },
    {
      destination: '/dev/shm',
      type: 'tmpfs',
      source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'],
    },
  ];
}

/** /etc/hosts, /etc/hostname and /etc/resolv.conf of the container's own, read-only with --read-only (as Docker). */
function etcMounts(input: RuntimeConfigInput): RuntimeMount[] {
  const options = ['rbind', 'rprivate', input.readOnly ? 'ro' : 'rw'];
  const files: [string, string | undefined][] = [
    ['/etc/hostname', input.etcFiles.hostname],
    ['/etc/hosts', input.etcFiles.hosts],
    ['/etc/resolv.conf', input.etcFiles.resolvConf],
  ];
  return files
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([destination, source]) => ({ destination, type: 'bind', source, options }));
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
