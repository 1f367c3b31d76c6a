// Event fields from raw syscall arguments: socket families and types, open flags, addresses, wait statuses, flags.
// Values from the Linux UAPI headers (socket.h, fcntl.h, sched.h, stat.h); IPv6 text per https://www.rfc-editor.org/rfc/rfc5952

import type { FileAccess, SensorEvent, SocketFamily } from '../behaviour.js';

export type SocketTypeName = Extract<SensorEvent, { type: 'socket' }>['socketType'];

/**
 * connect and bind as the sensor emits them: behaviour.ts's shape plus the descriptor and its socket type, which pair
 * a bind with the listen that follows it and tell tcp from udp.
 */
export type AddressEvent = Extract<SensorEvent, { type: 'connect' | 'bind' }> & {
  fd?: number;
  socketType?: SocketTypeName;
};

const FAMILIES: Record<number, SocketFamily> = {
  1: 'unix',
  2: 'inet',
  10: 'inet6',
  16: 'netlink',
  17: 'packet',
};
const SOCKET_TYPES: Record<number, SocketTypeName> = {
  1: 'stream',
  2: 'dgram',
  3: 'raw',
  5: 'seqpacket',
};

export function familyName(family: number): SocketFamily {
  return FAMILIES[family] ?? `family-${family}`;
}

export function socketTypeName(type: number): SocketTypeName {
  const base = type & 0xf; // SOCK_NONBLOCK and SOCK_CLOEXEC ride in the same argument
  return SOCKET_TYPES[base] ?? `type-${base}`;
}

const O_ACCMODE = 0o3;
const O_CREAT = 0o100;
const O_TRUNC = 0o1000;
const O_APPEND = 0o2000;

/** The strongest access an open asks for (fcntl.h flags): create, then write, then read. */
export function fileAccess(flags: number): FileAccess {
  if (flags & O_CREAT) return 'create';
  if ((flags & O_ACCMODE) !== 0 || flags & (O_TRUNC | O_APPEND)) return 'write';
  return 'read';
}

/** Every access an open's flags imply, for the summary's file list. */
export function fileAccesses(flags: number): FileAccess[] {
  const mode = flags & O_ACCMODE;
  const out: FileAccess[] = [];
  if (flags & O_CREAT) out.push('create');
  if (mode === 0 || mode === 2) out.push('read');
  if (mode === 1 || mode === 2 || flags & (O_TRUNC | O_APPEND)) out.push('write');
  return out;
}

/** 16 bytes as RFC 5952 text: lower-case, the longest run of two or more zero groups as `::`, IPv4-mapped dotted. */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${[...bytes.slice(12)].join('.')}`;
  }
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start === -1) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

function littleEndianBytes(value: bigint, size: number): number[] {
  const unsigned = BigInt.asUintN(size * 8, value);
  return Array.from({ length: size }, (_, i) => Number((unsigned >> BigInt(i * 8)) & 0xffn));
}

/** The address words as the probe read them from memory (little-endian loads of network-order bytes). */
export function formatAddress(family: number, a0: bigint, a1: bigint): string {
  if (family === 2) return littleEndianBytes(a0, 4).join('.');
  if (family === 10)
    return formatIpv6(Uint8Array.from([...littleEndianBytes(a0, 8), ...littleEndianBytes(a1, 8)]));
  return '';
}

/** A 16-bit port as read by a little-endian load of its network-order bytes. */
export function networkPort(raw: number): number {
  return ((raw & 0xff) << 8) | ((raw >> 8) & 0xff);
}

/** An id argument: -1 (all bits set in a 32-bit uid_t) means "unchanged". */
export function idArgument(value: bigint): number {
  return BigInt.asUintN(32, value) === 0xffffffffn ? -1 : Number(BigInt.asUintN(32, value));
}

/** The exit code a shell would report for a wait(2) status: the code, or 128 plus the killing signal. */
export function exitCode(status: number): number {
  const signal = status & 0x7f;
  return signal !== 0 ? 128 + signal : (status >> 8) & 0xff;
}

const CLONE_NEW: [number, string][] = [
  [0x80, 'CLONE_NEWTIME'],
  [0x20000, 'CLONE_NEWNS'],
  [0x02000000, 'CLONE_NEWCGROUP'],
  [0x04000000, 'CLONE_NEWUTS'],
  [0x08000000, 'CLONE_NEWIPC'],
  [0x10000000, 'CLONE_NEWUSER'],
  [0x20000000, 'CLONE_NEWPID'],
  [0x40000000, 'CLONE_NEWNET'],
];

/** Namespace flags by name (linux/sched.h), `|`-joined; other bits are left out. */
export function namespaceFlags(flags: number): string {
  return CLONE_NEW.filter(([bit]) => (flags & bit) !== 0)
    .map(([, name]) => name)
    .join('|');
}

/** mknod's file type from its mode (S_IFMT in sys/stat.h). */
export function nodeType(mode: number): string {
  switch (mode & 0o170000) {
    case 0o020000:
      return 'char';
    case 0o060000:
      return 'block';
    case 0o010000:
      return 'fifo';
    case 0o140000:
      return 'socket';
    default:
      return 'file';
  }
}
