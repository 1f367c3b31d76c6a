// The SELinux generator: a CIL policy block in udica's style (inheriting a `container` template) allowing what a
// container was seen to do (CIL: https://github.com/SELinuxProject/selinux-notebook/blob/main/src/cil_reference_guide.md).

import { compareText } from '../../model/order.js';
import type { BehaviourSummary, NetworkEndpoint } from '../behaviour.js';
import { capabilityRequirements } from './capabilities.js';
import { profileName, type ProfileOptions } from './options.js';
import { commentText } from './comment-text.js';

/**
 * The label a path has inside a container: the kernel's pseudo file systems and device nodes keep theirs (Fedora
 * selinux-policy genfscon and file contexts); everything else is the image's own and container-selinux labels it
 * container_file_t. Longest prefix wins. `process` is the container's own domain: /proc/<pid> of its processes.
 */
const PATH_TYPES: readonly [prefix: string, type: string][] = [
  ['/proc', 'proc_t'],
  ['/proc/sys', 'sysctl_t'],
  ['/proc/sys/kernel', 'sysctl_kernel_t'],
  ['/proc/sys/net', 'sysctl_net_t'],
  ['/sys', 'sysfs_t'],
  ['/sys/fs/cgroup', 'cgroup_t'],
  ['/dev', 'device_t'],
  ['/dev/full', 'null_device_t'],
  ['/dev/null', 'null_device_t'],
  ['/dev/zero', 'zero_device_t'],
  ['/dev/random', 'random_device_t'],
  ['/dev/urandom', 'urandom_device_t'],
  ['/dev/tty', 'devtty_t'],
  ['/dev/pts', 'devpts_t'],
  ['/dev/ptmx', 'ptmx_t'],
  ['/dev/shm', 'container_file_t'],
];
const IMAGE_FILE_TYPE = 'container_file_t';
const OWN_PROCESS = /^\/proc\/(\d+|self|thread-self)(\/|$)/;
/** Device files are chr_file; the rest of what the record opens is taken to be regular files. */
const DEVICE_TYPES = new Set([
  'device_t',
  'null_device_t',
  'zero_device_t',
  'random_device_t',
  'urandom_device_t',
  'devtty_t',
  'devpts_t',
  'ptmx_t',
]);
const SHARED_OBJECT = /\.so(\.[0-9]+)*$/;

/**
 * Port types by protocol and port, a selection of Fedora selinux-policy's corenetwork.te.in network_port()
 * declarations; any other port falls back to that file's range defaults (portType below).
 */
const PORT_TYPES: Readonly<Record<'tcp' | 'udp', Readonly<Record<number, string>>>> = {
  tcp: {
    22: 'ssh_port_t',
    25: 'smtp_port_t',
    53: 'dns_port_t',
    80: 'http_port_t',
    81: 'http_port_t',
    389: 'ldap_port_t',
    443: 'http_port_t',
    465: 'smtp_port_t',
    488: 'http_port_t',
    587: 'smtp_port_t',
    636: 'ldap_port_t',
    2181: 'zookeeper_client_port_t',
    3128: 'squid_port_t',
    3306: 'mysqld_port_t',
    5432: 'postgresql_port_t',
    5671: 'amqp_port_t',
    5672: 'amqp_port_t',
    6379: 'redis_port_t',
    8008: 'http_port_t',
    8009: 'http_port_t',
    8080: 'http_cache_port_t',
    8118: 'http_cache_port_t',
    8123: 'http_cache_port_t',
    8443: 'http_port_t',
    9000: 'http_port_t',
    11211: 'memcache_port_t',
    27017: 'mongod_port_t',
  },
  udp: {
    53: 'dns_port_t',
    123: 'ntp_port_t',
    389: 'ldap_port_t',
    636: 'ldap_port_t',
    3130: 'http_cache_port_t',
    5671: 'amqp_port_t',
    5672: 'amqp_port_t',
    11211: 'memcache_port_t',
  },
};

const READ = ['getattr', 'ioctl', 'lock', 'open', 'read'];
const WRITE = ['append', 'getattr', 'ioctl', 'lock', 'open', 'write'];
const CREATE = ['create', 'getattr', 'open', 'setattr', 'write'];
const EXECUTE = ['execute', 'execute_no_trans', 'getattr', 'map', 'open', 'read'];
const MAP_EXECUTABLE = ['execute', 'map'];
const SEARCH = ['getattr', 'open', 'read', 'search'];
const ADD_ENTRY = ['add_name', 'write'];
/** What any socket a process uses needs, before binding, listening or connecting. */
const SOCKET_BASE = ['create', 'getattr', 'getopt', 'ioctl', 'read', 'setopt', 'shutdown', 'write'];
/** Capabilities above 31 live in the capability2 class. */
const CAPABILITY2 = new Set(['mac_override', 'mac_admin', 'syslog', 'wake_alarm', 'block_suspend']);

/** allow rules, keyed by target type then class, accumulating permissions. */
class Rules {
  private readonly rules = new Map<string, Map<string, Set<string>>>();

  allow(target: string, cls: string, permissions: readonly string[]): void {
    if (!this.rules.has(target)) this.rules.set(target, new Map());
    const byClass = this.rules.get(target)!;
    if (!byClass.has(cls)) byClass.set(cls, new Set());
    for (const permission of permissions) byClass.get(cls)!.add(permission);
  }

  /** `process` first (its own sockets and capabilities), then the other types in order. */
  lines(): string[] {
    const targets = [...this.rules.keys()].sort(
      (a, b) => Number(b === 'process') - Number(a === 'process') || compareText(a, b),
    );
    return targets.flatMap((target) =>
      [...this.rules.get(target)!]
        .sort(([a], [b]) => compareText(a, b))
        .map(([cls, perms]) => {
          const list = [...perms].sort(compareText).join(' ');
          return `(allow process ${target} (${cls} (${list})))`;
        }),
    );
  }
}

export function generateSelinuxPolicy(
  summary: BehaviourSummary,
  options: ProfileOptions = {},
): string {
  const block = `seawall_${profileName(summary, options).replace(/-/g, '_')}`;
  const rules = new Rules();
  const capabilities = capabilityRequirements(summary).add.map((cap) => cap.toLowerCase());
  const cap1 = capabilities.filter((cap) => !CAPABILITY2.has(cap));
  const cap2 = capabilities.filter((cap) => CAPABILITY2.has(cap));
  if (cap1.length > 0) rules.allow('process', 'capability', cap1);
  if (cap2.length > 0) rules.allow('process', 'capability2', cap2);
  socketRules(summary, rules);
  fileRules(summary, rules);
  const lines = [
    `; SELinux policy (CIL) for the container ${commentText(summary.container.name)} (${commentText(summary.container.image)}),`,
    "; generated by Seawall from a behaviour record, in udica's style (docs/profiles.md). Install it together with",
    `; udica's templates (semodule -i FILE base_container.cil) and run the container as type ${block}.process.`,
    `(block ${block}`,
    '    (blockinherit container)',
    ...rules.lines().map((line) => `    ${line}`),
    ')',
    '',
  ];
  return lines.join('\n');
}

function socketRules(summary: BehaviourSummary, rules: Rules): void {
  const { network } = summary;
  const classOf = (endpoint: NetworkEndpoint) =>
    endpoint.protocol === 'tcp'
      ? 'tcp_socket'
      : endpoint.protocol === 'udp'
        ? 'udp_socket'
        : undefined;
  for (const endpoint of [...network.listen, ...network.bind]) {
    const cls = classOf(endpoint);
    if (!cls) continue;
    const listens = network.listen.includes(endpoint) && cls === 'tcp_socket';
    rules.allow('process', cls, [...SOCKET_BASE, 'bind', ...(listens ? ['listen', 'accept'] : [])]);
    // Binding checks the address (node_bind on its node type) and, for a fixed port, name_bind on the port's type.
    rules.allow('node_t', cls, ['node_bind']);
    if (endpoint.port > 0) rules.allow(portType(endpoint), cls, ['name_bind']);
  }
  for (const endpoint of network.connect) {
    const cls = classOf(endpoint);
    if (!cls) continue;
    rules.allow('process', cls, [...SOCKET_BASE, 'connect']);
    // UDP has no name_connect: a datagram socket may send to any port its policy lets it use.
    if (cls === 'tcp_socket' && endpoint.port > 0)
      rules.allow(portType(endpoint), cls, ['name_connect']);
  }
  const families = new Set(network.families);
  if (families.has('unix')) {
    rules.allow('process', 'unix_stream_socket', [...SOCKET_BASE, 'connect']);
    rules.allow('process', 'unix_dgram_socket', [...SOCKET_BASE, 'connect']);
  }
  if (families.has('netlink')) {
    rules.allow('process', 'netlink_route_socket', [...SOCKET_BASE, 'bind', 'nlmsg_read']);
  }
  if (families.has('packet')) rules.allow('process', 'packet_socket', [...SOCKET_BASE, 'bind']);
  if (summary.privileged.some((op) => op.operation === 'raw-socket')) {
    rules.allow('process', 'rawip_socket', SOCKET_BASE);
  }
}

/** Files by the type their path has; every directory on the way needs search, a created file's add_name. */
function fileRules(summary: BehaviourSummary, rules: Rules): void {
  const touch = (path: string, access: 'read' | 'write' | 'create' | 'execute') => {
    if (!path.startsWith('/')) return;
    const type = pathType(path);
    const cls = DEVICE_TYPES.has(type) ? 'chr_file' : 'file';
    const permissions =
      access === 'read'
        ? READ
        : access === 'write'
          ? WRITE
          : access === 'create'
            ? CREATE
            : EXECUTE;
    rules.allow(type, cls, permissions);
    if (access === 'read' && cls === 'file' && SHARED_OBJECT.test(path)) {
      rules.allow(type, cls, MAP_EXECUTABLE);
    }
    const segments = path.split('/').slice(1, -1);
    for (let i = 0; i <= segments.length; i++) {
      const dir = `/${segments.slice(0, i).join('/')}`;
      rules.allow(pathType(dir), 'dir', SEARCH);
    }
    if (access === 'create') rules.allow(pathType(`/${segments.join('/')}`), 'dir', ADD_ENTRY);
  };
  for (const process of summary.processes) touch(process.path, 'execute');
  for (const file of summary.files) for (const access of file.access) touch(file.path, access);
}

/** Every type a generated policy can name besides its own `process` (for the base policy fixture's test). */
export function selinuxTypeNames(): string[] {
  const names = new Set<string>([
    IMAGE_FILE_TYPE,
    'node_t',
    'reserved_port_t',
    'hi_reserved_port_t',
  ]);
  for (const name of ['unreserved_port_t', 'ephemeral_port_t']) names.add(name);
  for (const [, type] of PATH_TYPES) names.add(type);
  for (const byPort of Object.values(PORT_TYPES))
    for (const type of Object.values(byPort)) names.add(type);
  return [...names].sort(compareText);
}

export function pathType(path: string): string {
  if (OWN_PROCESS.test(path)) return 'process';
  let best: [string, string] | undefined;
  for (const entry of PATH_TYPES) {
    const [prefix] = entry;
    if (
      (path === prefix || path.startsWith(`${prefix}/`)) &&
      (!best || prefix.length > best[0].length)
    ) {
      best = entry;
    }
  }
  return best ? best[1] : IMAGE_FILE_TYPE;
}

/** The policy's default type for a port without its own: corenetwork.te.in's portcon ranges. */
export function portType(endpoint: NetworkEndpoint): string {
  const named =
    endpoint.protocol === 'tcp' || endpoint.protocol === 'udp'
      ? PORT_TYPES[endpoint.protocol][endpoint.port]
      : undefined;
  if (named) return named;
  const port = endpoint.port;
  if (port < 512) return 'reserved_port_t';
  if (port < 1024) return 'hi_reserved_port_t';
  if (port >= 32768 && port <= 61000) return 'ephemeral_port_t';
  return 'unreserved_port_t';
}
