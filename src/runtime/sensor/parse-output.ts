// Reads the sensor's bpftrace output (`-f json`, one JSON object a line) into SensorEvents, syscall counts and losses.
// The printf layout is program.ts's; bpftrace's JSON output: https://github.com/bpftrace/bpftrace/blob/v0.17.0/src/output.cpp

import type { SensorEvent } from '../behaviour.js';
import { MOUNT_PARTS, RECORD_NUMBERS } from './program.js';
import { syscallName } from './syscall-names.js';
import { toSensorEvent, type RawRecord } from './to-event.js';

export type { RawRecord } from './to-event.js';

/** What one line of bpftrace's output says. */
export type OutputLine =
  | { type: 'ready'; nsecs: bigint }
  | { type: 'end' }
  | { type: 'record'; record: RawRecord }
  | { type: 'part'; tid: number; nsecs: bigint; index: number; text: string }
  | { type: 'lost'; count: number }
  | { type: 'map'; name: string; entries: Record<string, number> }
  | { type: 'ignored' }
  | { type: 'malformed'; problem: string };

const TAB = 0x09;
const NEWLINE = 0x0a;
const COMM_WIDTH = 15;
const NUMBER = /^-?\d+$/;

/**
 * The bytes of a printf line. bpftrace 0.17 writes a byte above 0x7f as the invalid escape `\uffffffXX` (a sign-
 * extended char), which JSON.parse reads as U+FFFF followed by "ffXX": turned back into the byte here, so a path that
 * is not UTF-8 keeps its bytes. Raw UTF-8 (a bpftrace that escapes correctly) passes through as its own bytes.
 */
export function printfBytes(data: string): Buffer {
  if (!data.includes('\uffff')) return Buffer.from(data, 'utf8');
  const pieces: Buffer[] = [];
  let start = 0;
  for (let i = data.indexOf('\uffff'); i !== -1; i = data.indexOf('\uffff', i)) {
    const hex = data.slice(i + 1, i + 5);
    if (/^ff[0-9a-f]{2}$/.test(hex)) {
      pieces.push(
        Buffer.from(data.slice(start, i), 'utf8'),
        Buffer.from([parseInt(hex.slice(2), 16)]),
      );
      i += 5;
      start = i;
    } else {
      i += 1;
    }
  }
  pieces.push(Buffer.from(data.slice(start), 'utf8'));
  return Buffer.concat(pieces);
}

/** Splits `count` tab-terminated numeric fields off the front of a line; undefined when they are not there. */
function leadingFields(
  bytes: Buffer,
  count: number,
): { fields: string[]; rest: number } | undefined {
  const fields: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const tab = bytes.indexOf(TAB, at);
    if (tab === -1) return undefined;
    fields.push(bytes.toString('latin1', at, tab));
    at = tab + 1;
  }
  return { fields, rest: at };
}

function textAfter(bytes: Buffer, at: number): string {
  const end =
    bytes.length > at && bytes[bytes.length - 1] === NEWLINE ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', at, end);
}

function parsePrintf(data: string): OutputLine {
  const bytes = printfBytes(data);
  const firstTab = bytes.indexOf(TAB);
  const kind = bytes
    .toString('latin1', 0, firstTab === -1 ? bytes.length : firstTab)
    .replace(/\n$/, '');
  if (kind === 'end') return { type: 'end' };
  if (kind === 'ready') {
    const ts = bytes.toString('latin1', firstTab + 1).trim();
    return NUMBER.test(ts)
      ? { type: 'ready', nsecs: BigInt(ts) }
      : { type: 'malformed', problem: 'bad ready line' };
  }
  if (kind === 'part') {
    const split = leadingFields(bytes, 4);
    if (!split || !split.fields.slice(1).every((f) => NUMBER.test(f)))
      return { type: 'malformed', problem: 'bad part line' };
    const [, tid, ts, index] = split.fields as [string, string, string, string];
    return {
      type: 'part',
      tid: Number(tid),
      nsecs: BigInt(ts),
      index: Number(index),
      text: textAfter(bytes, split.rest),
    };
  }
  const count = RECORD_NUMBERS[kind];
  if (count === undefined)
    return { type: 'malformed', problem: `unknown record kind ${JSON.stringify(kind)}` };
  const split = leadingFields(bytes, 4 + count);
  if (!split || !split.fields.slice(1).every((f) => NUMBER.test(f)))
    return { type: 'malformed', problem: `bad ${kind} line` };
  // The task name is exactly COMM_WIDTH bytes, whatever they hold, then a tab.
  if (bytes.length < split.rest + COMM_WIDTH + 1 || bytes[split.rest + COMM_WIDTH] !== TAB) {
    return { type: 'malformed', problem: `bad task name in ${kind} line` };
  }
  const [, tid, pid, ts, ...numbers] = split.fields as [
    string,
    string,
    string,
    string,
    ...string[],
  ];
  return {
    type: 'record',
    record: {
      kind,
      tid: Number(tid),
      pid: Number(pid),
      nsecs: BigInt(ts),
      numbers: numbers.map((n) => BigInt(n)),
      comm: bytes.toString('utf8', split.rest, split.rest + COMM_WIDTH).replace(/ +$/, ''),
      text: textAfter(bytes, split.rest + COMM_WIDTH + 1),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line of `bpftrace -f json` output. */
export function parseOutputLine(line: string): OutputLine {
  if (line.trim() === '') return { type: 'ignored' };
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return { type: 'malformed', problem: 'not JSON' };
  }
  if (!isRecord(message)) return { type: 'malformed', problem: 'not a JSON object' };
  const { type, data } = message;
  if (type === 'printf')
    return typeof data === 'string'
      ? parsePrintf(data)
      : { type: 'malformed', problem: 'printf without text' };
  if (type === 'lost_events') {
    const events = isRecord(data) ? data['events'] : undefined;
    return typeof events === 'number'
      ? { type: 'lost', count: events }
      : { type: 'malformed', problem: 'bad lost_events' };
  }
  if (type === 'map' && isRecord(data)) {
    const [name, entries] = Object.entries(data)[0] ?? [];
    if (name === undefined || !isRecord(entries)) return { type: 'malformed', problem: 'bad map' };
    const counts: Record<string, number> = {};
    for (const [key, value] of Object.entries(entries)) {
      if (typeof value !== 'number')
        return { type: 'malformed', problem: `bad value in map ${name}` };
      counts[key] = value;
    }
    return { type: 'map', name, entries: counts };
  }
  return { type: 'ignored' };
}

/** How many part lines an event waits for. */
function partsExpected(record: RawRecord): number {
  if (record.kind === 'exec') return Number(record.numbers[0]);
  if (record.kind === 'mount') return MOUNT_PARTS;
  return 0;
}

export interface SensorOutputStats {
  /** Syscall name -> count, from the kernel's counter map printed at the end. */
  syscalls: Record<string, number>;
  /** Events the kernel could not hand over (perf buffer full), as bpftrace reported them. */
  lostEvents: number;
  /** Events handed to onEvent. */
  eventCount: number;
  /** Repeats the kernel folded into an earlier event (same task name and arguments), by record kind. */
  repeats: Record<string, number>;
  /** Events emitted without all their parts (some part line was lost). */
  incompleteEvents: number;
  /** Lines that were neither bpftrace's messages nor the program's records. */
  malformedLines: number;
  ready: boolean;
  ended: boolean;
}

interface Pending {
  record: RawRecord;
  parts: Map<number, string>;
}

/** Orphan parts (argv of an execve that failed) older than this, in kernel time, are dropped. */
const ORPHAN_AGE_NS = 30_000_000_000n;

/**
 * Turns lines into events: joins each event to its part lines (which may come before or after it, from another
 * CPU's buffer), and holds events until the ready line gives the start time.
 */
export class SensorOutputParser {
  readonly stats: SensorOutputStats = {
    syscalls: {},
    lostEvents: 0,
    eventCount: 0,
    repeats: {},
    incompleteEvents: 0,
    malformedLines: 0,
    ready: false,
    ended: false,
  };
  private start: bigint | undefined;
  private readonly early: { record: RawRecord; parts: string[] }[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly orphans = new Map<string, { nsecs: bigint; parts: Map<number, string> }>();
  private latest = 0n;

  constructor(
    private readonly onEvent: (event: SensorEvent) => void,
    private readonly onMalformed: (line: string, problem: string) => void = () => {},
  ) {}

  push(line: string): void {
    const parsed = parseOutputLine(line);
    switch (parsed.type) {
      case 'ready':
        this.start = parsed.nsecs;
        this.stats.ready = true;
        for (const { record, parts } of this.early.splice(0)) this.emit(record, parts);
        return;
      case 'end':
        this.stats.ended = true;
        return;
      case 'lost':
        this.stats.lostEvents += parsed.count;
        return;
      case 'map':
        this.takeMap(parsed.name, parsed.entries);
        return;
      case 'part':
        this.takePart(parsed.tid, parsed.nsecs, parsed.index, parsed.text);
        return;
      case 'record':
        this.takeRecord(parsed.record);
        return;
      case 'malformed':
        this.stats.malformedLines++;
        this.onMalformed(line, parsed.problem);
        return;
      case 'ignored':
        return;
    }
  }

  /** Emits what is still waiting for parts (their lines were lost) and any events held for the start time. */
  finish(): void {
    for (const { record, parts } of [...this.pending.values()].sort((a, b) =>
      a.record.nsecs < b.record.nsecs ? -1 : 1,
    )) {
      this.stats.incompleteEvents++;
      this.emitWithParts(record, parts);
    }
    this.pending.clear();
    this.orphans.clear();
    if (this.start === undefined) this.start = this.early[0]?.record.nsecs ?? 0n;
    for (const { record, parts } of this.early.splice(0)) this.emit(record, parts);
  }

  private takeMap(name: string, entries: Record<string, number>): void {
    if (name === '@syscalls') {
      for (const [key, count] of Object.entries(entries)) {
        const syscall = syscallName(Number(key));
        this.stats.syscalls[syscall] = (this.stats.syscalls[syscall] ?? 0) + count;
      }
    } else if (name === '@repeats') {
      for (const [kind, count] of Object.entries(entries))
        this.stats.repeats[kind] = (this.stats.repeats[kind] ?? 0) + count;
    }
  }

  private takePart(tid: number, nsecs: bigint, index: number, text: string): void {
    const key = `${tid}:${nsecs}`;
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.parts.set(index, text);
      if (waiting.parts.size >= partsExpected(waiting.record)) {
        this.pending.delete(key);
        this.emitWithParts(waiting.record, waiting.parts);
      }
      return;
    }
    let orphan = this.orphans.get(key);
    if (!orphan) {
      orphan = { nsecs, parts: new Map() };
      this.orphans.set(key, orphan);
    }
    orphan.parts.set(index, text);
  }

  private takeRecord(record: RawRecord): void {
    if (record.nsecs > this.latest) {
      this.latest = record.nsecs;
      for (const [key, orphan] of this.orphans)
        if (this.latest - orphan.nsecs > ORPHAN_AGE_NS) this.orphans.delete(key);
    }
    const expected = partsExpected(record);
    if (expected === 0) {
      this.emit(record, []);
      return;
    }
    const key = `${record.tid}:${record.nsecs}`;
    const parts = this.orphans.get(key)?.parts ?? new Map<number, string>();
    this.orphans.delete(key);
    if (parts.size >= expected) this.emitWithParts(record, parts);
    else this.pending.set(key, { record, parts });
  }

  private emitWithParts(record: RawRecord, parts: Map<number, string>): void {
    const ordered = [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
    this.emit(record, ordered);
  }

  private emit(record: RawRecord, parts: string[]): void {
    if (this.start === undefined) {
      this.early.push({ record, parts });
      return;
    }
    const elapsed = record.nsecs > this.start ? record.nsecs - this.start : 0n;
    // Milliseconds with microsecond resolution: enough to order events, short in the record file.
    const time = Number(elapsed / 1000n) / 1000;
    this.stats.eventCount++;
    this.onEvent(toSensorEvent(record, parts, time));
  }
}
