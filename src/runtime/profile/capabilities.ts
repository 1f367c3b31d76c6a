// The capability generator: the smallest set of Linux capabilities that covers the privileged operations a container
// was seen to make, each with its reasons (capabilities(7): https://man7.org/linux/man-pages/man7/capabilities.7.html).

import { compareText } from '../../model/order.js';
import type { BehaviourSummary, NetworkEndpoint } from '../behaviour.js';
import type { ProfileOptions } from './options.js';

/** Capability names as Docker, `seawall run --cap-add` and AppArmor (lower-cased) write them, without CAP_. */
export type Capability =
  | 'CHOWN'
  | 'DAC_OVERRIDE'
  | 'KILL'
  | 'MKNOD'
  | 'NET_BIND_SERVICE'
  | 'NET_RAW'
  | 'SETGID'
  | 'SETPCAP'
  | 'SETUID'
  | 'SYS_ADMIN'
  | 'SYS_CHROOT'
  | 'SYS_MODULE'
  | 'SYS_PTRACE';

/**
 * The operation names the sensor reports (behaviour.ts PrivilegedOperation), and the syscalls behind them, to the one
 * capability the kernel checks for each. docs/profiles.md has this table with the reason for every line.
 */
const OPERATION_CAPABILITY: Readonly<Record<string, Capability>> = {
  'bind-privileged-port': 'NET_BIND_SERVICE',
  chown: 'CHOWN',
  fchown: 'CHOWN',
  fchownat: 'CHOWN',
  lchown: 'CHOWN',
  setuid: 'SETUID',
  setreuid: 'SETUID',
  setresuid: 'SETUID',
  setfsuid: 'SETUID',
  setgid: 'SETGID',
  setregid: 'SETGID',
  setresgid: 'SETGID',
  setfsgid: 'SETGID',
  setgroups: 'SETGID',
  'raw-socket': 'NET_RAW',
  'packet-socket': 'NET_RAW',
  mount: 'SYS_ADMIN',
  umount: 'SYS_ADMIN',
  umount2: 'SYS_ADMIN',
  unshare: 'SYS_ADMIN',
  setns: 'SYS_ADMIN',
  pivot_root: 'SYS_ADMIN',
  ptrace: 'SYS_PTRACE',
  'module-load': 'SYS_MODULE',
  init_module: 'SYS_MODULE',
  finit_module: 'SYS_MODULE',
  delete_module: 'SYS_MODULE',
  kill: 'KILL',
  'kill-other-user': 'KILL',
  chroot: 'SYS_CHROOT',
  mknod: 'MKNOD',
  mknodat: 'MKNOD',
  capset: 'SETPCAP',
};

/** Operations that change the user a process runs as (for the DAC_OVERRIDE rule below). */
const USER_CHANGES = new Set(['setuid', 'setreuid', 'setresuid']);
/** ip_unprivileged_port_start's default: binding below it needs NET_BIND_SERVICE. */
const FIRST_UNPRIVILEGED_PORT = 1024;
/** A reason lists at most this many details; the rest are counted. */
const MAX_DETAILS = 5;

export interface CapabilityRequirements {
  /** Sorted. */
  add: Capability[];
  /** Per capability, the observed operations that need it. */
  reasons: Partial<Record<Capability, string[]>>;
  /** Privileged operations the mapping does not know (reported, never guessed). */
  unmapped: string[];
}

export function capabilityRequirements(summary: BehaviourSummary): CapabilityRequirements {
  const reasons = new Map<Capability, Set<string>>();
  const need = (cap: Capability, reason: string) => {
    if (!reasons.has(cap)) reasons.set(cap, new Set());
    reasons.get(cap)!.add(reason);
  };
  const unmapped = new Set<string>();
  for (const op of summary.privileged) {
    const cap = OPERATION_CAPABILITY[op.operation];
    if (cap) need(cap, describe(op.operation, op.details));
    else unmapped.add(op.operation);
  }
  // The endpoints say the same as bind-privileged-port: a fallback for a record whose sensor reported only them.
  if (!reasons.has('NET_BIND_SERVICE')) {
    for (const endpoint of [...summary.network.listen, ...summary.network.bind]) {
      if (isPrivilegedPort(endpoint)) need('NET_BIND_SERVICE', `bind ${endpointText(endpoint)}`);
    }
  }
  if (summary.network.families.includes('packet')) need('NET_RAW', 'packet socket');
  // Root that hands its work to another user usually prepares files that user owns (nginx's master opens logs owned
  // by www-data, mode 0640), which only DAC_OVERRIDE allows. File owners and modes are not in the record, and a
  // denied open is not either (no return values), so this is inferred: see docs/profiles.md.
  const others = summary.uids.filter((uid) => uid !== 0);
  const changesUser = summary.privileged.some((op) => USER_CHANGES.has(op.operation));
  if (changesUser && summary.uids.includes(0) && others.length > 0) {
    need(
      'DAC_OVERRIDE',
      `root changes user (to uid ${others.join(', ')}); file owners are not recorded`,
    );
  }
  const add = [...reasons.keys()].sort(compareText);
  return {
    add,
    reasons: Object.fromEntries(add.map((cap) => [cap, [...reasons.get(cap)!].sort(compareText)])),
    unmapped: [...unmapped].sort(compareText),
  };
}

/** `{"drop":["ALL"],"add":[...],"reasons":{...},"runFlags":"--cap-drop ALL --cap-add ..."}`, plus `unmapped` if any. */
export function generateCapabilities(
  summary: BehaviourSummary,
  _options: ProfileOptions = {},
): string {
  const { add, reasons, unmapped } = capabilityRequirements(summary);
  const document = {
    drop: ['ALL'],
    add,
    reasons,
    ...(unmapped.length > 0 ? { unmapped } : {}),
    runFlags: ['--cap-drop ALL', ...add.map((cap) => `--cap-add ${cap}`)].join(' '),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function isPrivilegedPort(endpoint: NetworkEndpoint): boolean {
  return (
    (endpoint.family === 'inet' || endpoint.family === 'inet6') &&
    endpoint.port > 0 &&
    endpoint.port < FIRST_UNPRIVILEGED_PORT
  );
}

export function endpointText(endpoint: NetworkEndpoint): string {
  const host = endpoint.family === 'inet6' ? `[${endpoint.address}]` : endpoint.address;
  return `${endpoint.protocol} ${host}:${endpoint.port}`;
}

function describe(operation: string, details: string[]): string {
  if (details.length === 0) return operation;
  const shown = details.slice(0, MAX_DETAILS).join(', ');
  const more = details.length > MAX_DETAILS ? ` (+${details.length - MAX_DETAILS} more)` : '';
  return `${operation} ${shown}${more}`;
}
