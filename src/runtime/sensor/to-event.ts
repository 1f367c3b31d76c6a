// One sensor record (a printf line of program.ts, with its part lines) as the SensorEvent it stands for.
// Record layout in program.ts; event shapes in ../behaviour.ts.

import type { SensorEvent } from '../behaviour.js';
import {
  exitCode,
  familyName,
  fileAccess,
  formatAddress,
  idArgument,
  namespaceFlags,
  networkPort,
  nodeType,
  socketTypeName,
  type AddressEvent,
} from './event-fields.js';

/** One event line as printed: the fixed fields, the kind's numbers, the task name and the trailing text. */
export interface RawRecord {
  kind: string;
  tid: number;
  pid: number;
  nsecs: bigint;
  numbers: bigint[];
  comm: string;
  text: string;
}

/**
 * A record and its parts (in index order) as a SensorEvent at `time` ms. Every kind program.ts prints has a case;
 * the parser has already refused any other.
 */
export function toSensorEvent(
  record: RawRecord,
  parts: string[],
  time: number,
): SensorEvent | AddressEvent {
  const n = record.numbers.map((v) => Number(v));
  const base = { time, pid: record.pid, comm: record.comm };
  const privileged = (syscall: string, detail: string): SensorEvent => ({
    ...base,
    type: 'privileged',
    syscall,
    detail,
  });
  const k = record.kind;
  switch (k) {
    case 'exec':
      return { ...base, type: 'exec', ppid: n[2]!, uid: n[3]!, path: record.text, argv: parts };
    case 'exit':
      return { ...base, type: 'exit', code: exitCode(n[0]!) };
    case 'open':
      return { ...base, type: 'open', path: record.text, flags: n[0]!, access: fileAccess(n[0]!) };
    case 'socket':
      return {
        ...base,
        type: 'socket',
        family: familyName(n[0]!),
        socketType: socketTypeName(n[1]!),
        protocol: n[2]!,
      };
    case 'connect':
    case 'bind':
      return {
        ...base,
        type: k,
        family: familyName(n[1]!),
        address: formatAddress(n[1]!, record.numbers[4]!, record.numbers[5]!),
        port: n[1] === 2 || n[1] === 10 ? networkPort(n[3]!) : 0,
        fd: n[0]!,
        socketType: socketTypeName(n[2]!),
      };
    case 'connect_unix':
    case 'bind_unix':
      return {
        ...base,
        type: k === 'connect_unix' ? 'connect' : 'bind',
        family: 'unix',
        address: n[2] ? `@${record.text}` : record.text,
        port: 0,
        fd: n[0]!,
        socketType: socketTypeName(n[1]!),
      };
    case 'listen':
      return { ...base, type: 'listen', fd: n[0]!, backlog: n[1]! };
    case 'accept':
      return { ...base, type: 'accept', fd: n[0]! };
    case 'setuid':
    case 'setgid':
      return { ...base, type: k, id: idArgument(record.numbers[0]!), syscall: k };
    case 'setreuid':
    case 'setregid':
    case 'setresuid':
    case 'setresgid': {
      // The effective id decides what the process can do next; fall back to the real, then the saved one.
      const [real, effective, saved] = record.numbers.map(idArgument) as [number, number, number];
      const target = effective !== -1 ? effective : real !== -1 ? real : saved;
      return { ...base, type: k.endsWith('uid') ? 'setuid' : 'setgid', id: target, syscall: k };
    }
    case 'setgroups':
      return {
        ...base,
        type: 'setgid',
        id: n[0]! > 0 ? idArgument(record.numbers[1]!) : -1,
        syscall: k,
      };
    case 'capset':
      return { ...base, type: 'capset' };
    case 'chown':
    case 'lchown':
    case 'fchown':
    case 'fchownat': {
      const path = record.text !== '' ? record.text : `fd:${n[0]}`;
      return {
        ...base,
        type: 'chown',
        path,
        uid: idArgument(record.numbers[1]!),
        gid: idArgument(record.numbers[2]!),
        syscall: k,
      };
    }
    case 'ptrace':
      return { ...base, type: 'ptrace', request: n[0]!, target: n[1]! };
    case 'mount':
      return {
        ...base,
        type: 'mount',
        source: parts[0] ?? '',
        target: parts[1] ?? '',
        fstype: parts[2] ?? '',
        flags: n[0]!,
      };
    case 'umount2':
      return privileged('umount2', record.text);
    case 'init_module':
      return {
        ...base,
        type: 'module',
        name: record.text !== '' ? `image (${record.text})` : 'image',
        syscall: k,
      };
    case 'finit_module':
      return {
        ...base,
        type: 'module',
        name: record.text !== '' ? `fd:${n[0]} (${record.text})` : `fd:${n[0]}`,
        syscall: k,
      };
    case 'kill':
    case 'tkill':
    case 'tgkill':
      return { ...base, type: 'kill', target: n[0]!, signal: n[1]! };
    case 'chroot':
    case 'pivot_root':
    case 'fsopen':
    case 'move_mount':
      return privileged(k, record.text);
    case 'mknod':
    case 'mknodat':
      return privileged(k, `${nodeType(n[0]!)} ${record.text}`);
    case 'unshare':
    case 'clone':
    case 'clone3':
      return privileged(k === 'unshare' ? k : 'clone', namespaceFlags(n[0]!));
    case 'setns':
      return privileged(k, namespaceFlags(n[1]!) || 'any');
    default:
      throw new Error(`sensor: no event for record kind ${k}`);
  }
}
