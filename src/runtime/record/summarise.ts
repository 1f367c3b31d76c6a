// The summary of a recording: what the container ran, read, wrote, connected to and listened on, and what it needed
// privileges for, from the sensor's events (docs/sensor.md). Signal names are signal(7)'s x86 numbering.

import type {
  BehaviourSummary,
  FileAccess,
  NetworkEndpoint,
  PrivilegedOperation,
  SensorEvent,
  SocketFamily,
} from '../behaviour.js';
import { fileAccesses, type AddressEvent } from '../sensor/event-fields.js';

export interface RecordingStats {
  syscalls: Record<string, number>;
  lostEvents: number;
  eventCount: number;
}

export interface SummaryMeta {
  container: BehaviourSummary['container'];
  arch: string;
  durationSeconds: number;
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBy<T>(...keys: ((item: T) => string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : compare(String(x), String(y));
      if (order !== 0) return order;
    }
    return 0;
  };
}

// prettier-ignore
const SIGNALS = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO',
  'PWR', 'SYS',
];

function signalName(signal: number): string {
  if (signal === 0) return 'signal 0';
  return SIGNALS[signal - 1] !== undefined ? `SIG${SIGNALS[signal - 1]}` : `signal ${signal}`;
}

function protocolOf(event: AddressEvent, listening: boolean): NetworkEndpoint['protocol'] {
  if (event.family !== 'inet' && event.family !== 'inet6') return 'other';
  if (event.socketType === 'stream' || (listening && event.socketType === undefined)) return 'tcp';
  if (event.socketType === 'dgram') return 'udp';
  return 'other';
}

function endpoint(event: AddressEvent, listening: boolean): NetworkEndpoint {
  return {
    family: event.family,
    protocol: protocolOf(event, listening),
    address: event.address,
    port: event.port,
  };
}

function distinctEndpoints(endpoints: NetworkEndpoint[]): NetworkEndpoint[] {
  const byKey = new Map(
    endpoints.map((e) => [`${e.family}\t${e.protocol}\t${e.address}\t${e.port}`, e]),
  );
  return [...byKey.values()].sort(
    compareBy(
      (e) => e.family,
      (e) => e.protocol,
      (e) => e.address,
      (e) => e.port,
    ),
  );
}

/**
 * Listening endpoints are the binds a listen on the same process and descriptor followed; the other binds stay binds.
 * Events are taken in time order, since lines from different CPUs may arrive slightly out of it.
 */
function networkOf(events: SensorEvent[]): BehaviourSummary['network'] {
  const families = new Set<SocketFamily>();
  const lastBind = new Map<string, AddressEvent>();
  const listened = new Set<AddressEvent>();
  const binds: AddressEvent[] = [];
  const connects: AddressEvent[] = [];
  for (const event of events) {
    if (event.type === 'socket') families.add(event.family);
    else if (event.type === 'bind') {
      const bind = event as AddressEvent;
      binds.push(bind);
      if (bind.fd !== undefined) lastBind.set(`${bind.pid}:${bind.fd}`, bind);
    } else if (event.type === 'listen') {
      const bind = lastBind.get(`${event.pid}:${event.fd}`);
      if (bind) listened.add(bind);
    } else if (event.type === 'connect' && event.family !== 'family-0') {
      // connect with AF_UNSPEC dissolves a datagram socket's association: no peer
      connects.push(event as AddressEvent);
    }
  }
  return {
    families: [...families].sort(compare),
    listen: distinctEndpoints([...listened].map((b) => endpoint(b, true))),
    connect: distinctEndpoints(connects.map((c) => endpoint(c, false))),
    bind: distinctEndpoints(binds.filter((b) => !listened.has(b)).map((b) => endpoint(b, false))),
  };
}

/** The privileged operation an event is, with its detail; undefined for an unprivileged one. */
function privilegeOf(event: SensorEvent): { operation: string; details: string[] } | undefined {
  switch (event.type) {
    case 'bind':
      if (
        (event.family === 'inet' || event.family === 'inet6') &&
        event.port > 0 &&
        event.port < 1024
      ) {
        return { operation: 'bind-privileged-port', details: [String(event.port)] };
      }
      return undefined;
    case 'socket':
      if (event.family === 'packet')
        return { operation: 'raw-socket', details: [`packet ${event.socketType}`] };
      if ((event.family === 'inet' || event.family === 'inet6') && event.socketType === 'raw') {
        return {
          operation: 'raw-socket',
          details: [`${event.family} raw protocol ${event.protocol}`],
        };
      }
      return undefined;
    case 'chown':
      return { operation: 'chown', details: [event.path] };
    case 'setuid':
    case 'setgid':
      return { operation: event.type, details: event.id === -1 ? [] : [String(event.id)] };
    case 'capset':
      return { operation: 'capset', details: [] };
    case 'mount':
      return { operation: 'mount', details: [`${event.fstype || 'none'} ${event.target}`] };
    case 'ptrace':
      return { operation: 'ptrace', details: [`request ${event.request}`] };
    case 'module':
      return { operation: 'module-load', details: [event.name] };
    case 'kill':
      return { operation: 'kill', details: [signalName(event.signal)] };
    case 'privileged':
      return privilegedSyscall(event.syscall, event.detail);
    default:
      return undefined;
  }
}

function privilegedSyscall(
  syscall: string,
  detail: string,
): { operation: string; details: string[] } | undefined {
  switch (syscall) {
    case 'umount2':
      return { operation: 'mount', details: [`umount ${detail}`] };
    case 'fsopen':
      return { operation: 'mount', details: [`fsopen ${detail}`] };
    case 'move_mount':
      return { operation: 'mount', details: [`move ${detail}`] };
    case 'mknod':
    case 'mknodat':
      // Only device nodes need privilege; fifos, sockets and plain files do not.
      return detail.startsWith('char ') || detail.startsWith('block ')
        ? { operation: 'mknod', details: [detail] }
        : undefined;
    case 'unshare':
    case 'clone':
      return { operation: 'unshare', details: detail.split('|').filter((d) => d !== '') };
    case 'setns':
      return { operation: 'setns', details: [detail] };
    case 'chroot':
      return { operation: 'chroot', details: [detail] };
    case 'pivot_root':
      return { operation: 'pivot-root', details: [detail] };
    default:
      return { operation: syscall, details: detail ? [detail] : [] };
  }
}

function privilegedOf(events: SensorEvent[]): PrivilegedOperation[] {
  const byOperation = new Map<string, { details: Set<string>; count: number }>();
  for (const event of events) {
    const found = privilegeOf(event);
    if (!found) continue;
    const entry = byOperation.get(found.operation) ?? { details: new Set<string>(), count: 0 };
    for (const d of found.details) entry.details.add(d);
    entry.count++;
    byOperation.set(found.operation, entry);
  }
  return [...byOperation.entries()]
    .map(([operation, { details, count }]) => ({
      operation,
      details: [...details].sort(compare),
      count,
    }))
    .sort(compareBy((p) => p.operation));
}

/** The summary of a recording: every list sorted and distinct. */
export function summarise(
  events: SensorEvent[],
  stats: RecordingStats,
  meta: SummaryMeta,
): BehaviourSummary {
  const ordered = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.time - b.e.time || a.i - b.i)
    .map(({ e }) => e);

  const processes = new Map<string, BehaviourSummary['processes'][number]>();
  const files = new Map<string, Set<FileAccess>>();
  const uids = new Set<number>();
  for (const event of ordered) {
    if (event.type === 'exec') {
      const key = JSON.stringify([event.path, event.argv, event.uid]);
      const entry = processes.get(key) ?? {
        path: event.path,
        argv: event.argv,
        uid: event.uid,
        count: 0,
      };
      entry.count++;
      processes.set(key, entry);
      uids.add(event.uid);
    } else if (event.type === 'open') {
      const access = files.get(event.path) ?? new Set<FileAccess>();
      for (const a of fileAccesses(event.flags)) access.add(a);
      files.set(event.path, access);
    } else if (event.type === 'setuid' && event.id !== -1) {
      uids.add(event.id);
    }
  }

  return {
    container: meta.container,
    arch: meta.arch,
    durationSeconds: meta.durationSeconds,
    processes: [...processes.values()].sort(
      compareBy(
        (p) => p.path,
        (p) => JSON.stringify(p.argv),
        (p) => p.uid,
      ),
    ),
    files: [...files.entries()]
      .map(([path, access]) => ({ path, access: [...access].sort(compare) }))
      .sort(compareBy((f) => f.path)),
    network: networkOf(ordered),
    syscalls: Object.fromEntries(Object.entries(stats.syscalls).sort(([a], [b]) => compare(a, b))),
    privileged: privilegedOf(ordered),
    uids: [...uids].sort((a, b) => a - b),
    lostEvents: stats.lostEvents,
    eventCount: stats.eventCount,
  };
}
