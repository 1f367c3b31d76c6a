// The behaviour record file: JSON lines, a header, one line per sensor event in order, the summary last.
// Format described in docs/sensor.md; JSON Lines: https://jsonlines.org/

import { readFile } from 'node:fs/promises';
import type { BehaviourSummary, SensorEvent } from '../behaviour.js';
import { InputError, fileReadProblem } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

export const RECORD_VERSION = 1;

/**
 * The first line: what was recorded. `container` is required; the recorder adds what else it knows (the exit code,
 * the exercise command, the sensor's facts), kept as given.
 */
export interface RecordHeader {
  version: typeof RECORD_VERSION;
  container: BehaviourSummary['container'];
  [field: string]: unknown;
}

/** A header as the recorder writes it; `type` and `version` are set by writeRecord whatever they say. */
export type RecordHeaderInput = {
  container: BehaviourSummary['container'];
  [field: string]: unknown;
};

export interface BehaviourRecord {
  header: RecordHeader;
  events: SensorEvent[];
  summary: BehaviourSummary;
}

/** Writes the record whole or not at all. */
export async function writeRecord(
  path: string,
  header: RecordHeaderInput,
  events: readonly SensorEvent[],
  summary: BehaviourSummary,
): Promise<void> {
  const fields: Record<string, unknown> = { ...header };
  delete fields['type'];
  delete fields['version'];
  const lines = [
    JSON.stringify({ type: 'header', version: RECORD_VERSION, ...fields }),
    // The event keeps its own `type` (exec, open...), so it is nested rather than spread into the line.
    ...events.map((event) => JSON.stringify({ type: 'event', event })),
    JSON.stringify({ type: 'summary', ...summary }),
  ];
  writeFileAtomic(path, `${lines.join('\n')}\n`);
}

// --- validation: each line's shape, checked by hand so a damaged record names its line -------------------------

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isInteger: Check = (v) => Number.isInteger(v);
const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const isFamily: Check = (v) =>
  typeof v === 'string' && /^(unix|inet|inet6|netlink|packet|family-\d+)$/.test(v);
const isSocketType: Check = (v) =>
  typeof v === 'string' && /^(stream|dgram|raw|seqpacket|type-\d+)$/.test(v);
const isAccess = oneOf('read', 'write', 'create');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Shape = Record<string, Check>;

/** The first field that is missing or of the wrong type (optional fields only when present). */
function badField(
  value: Record<string, unknown>,
  shape: Shape,
  optional: Shape = {},
): string | undefined {
  for (const [field, check] of Object.entries(shape)) if (!check(value[field])) return field;
  for (const [field, check] of Object.entries(optional))
    if (value[field] !== undefined && !check(value[field])) return field;
  return undefined;
}

const shapeOf =
  (shape: Shape, optional: Shape = {}): Check =>
  (v) =>
    isObject(v) && badField(v, shape, optional) === undefined;

const EVENT_BASE: Shape = { time: isNumber, pid: isInteger, comm: isString };
const ADDRESS: Shape = { family: isFamily, address: isString, port: isInteger };

const EVENT_SHAPES: Record<SensorEvent['type'], { shape: Shape; optional?: Shape }> = {
  exec: { shape: { ppid: isInteger, uid: isInteger, path: isString, argv: arrayOf(isString) } },
  exit: { shape: { code: isInteger } },
  open: { shape: { path: isString, flags: isInteger, access: isAccess } },
  socket: { shape: { family: isFamily, socketType: isSocketType, protocol: isInteger } },
  connect: { shape: ADDRESS, optional: { fd: isInteger, socketType: isSocketType } },
  bind: { shape: ADDRESS, optional: { fd: isInteger, socketType: isSocketType } },
  listen: { shape: { fd: isInteger, backlog: isInteger } },
  accept: { shape: { fd: isInteger } },
  setuid: { shape: { id: isInteger, syscall: isString } },
  setgid: { shape: { id: isInteger, syscall: isString } },
  capset: { shape: {} },
  chown: { shape: { path: isString, uid: isInteger, gid: isInteger, syscall: isString } },
  ptrace: { shape: { request: isInteger, target: isInteger } },
  mount: { shape: { source: isString, target: isString, fstype: isString, flags: isInteger } },
  module: { shape: { name: isString, syscall: isString } },
  kill: { shape: { target: isInteger, signal: isInteger } },
  privileged: { shape: { syscall: isString, detail: isString } },
};

const CONTAINER: Shape = { name: isString, image: isString, command: arrayOf(isString) };
const ENDPOINT = shapeOf({ ...ADDRESS, protocol: oneOf('tcp', 'udp', 'other') });

const SUMMARY: Shape = {
  container: shapeOf(CONTAINER, { imageDigest: isString }),
  arch: isString,
  durationSeconds: isNumber,
  processes: arrayOf(
    shapeOf({ path: isString, argv: arrayOf(isString), uid: isInteger, count: isInteger }),
  ),
  files: arrayOf(shapeOf({ path: isString, access: arrayOf(isAccess) })),
  network: shapeOf({
    families: arrayOf(isFamily),
    listen: arrayOf(ENDPOINT),
    connect: arrayOf(ENDPOINT),
    bind: arrayOf(ENDPOINT),
  }),
  syscalls: (v) => isObject(v) && Object.values(v).every(isInteger),
  privileged: arrayOf(
    shapeOf({ operation: isString, details: arrayOf(isString), count: isInteger }),
  ),
  uids: arrayOf(isInteger),
  lostEvents: isInteger,
  eventCount: isInteger,
};

const HEADER: Shape = {
  version: isInteger,
  container: shapeOf(CONTAINER, { imageDigest: isString }),
};

/** Drops the line's `type`, leaving the object the line carries. */
function withoutType(value: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...value };
  delete rest['type'];
  return rest;
}

/** Reads and checks a record file; a line that does not fit names the file and the line number. */
export async function readRecord(path: string): Promise<BehaviourRecord> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, fileReadProblem(err));
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const fail = (line: number, problem: string) => new InputError(path, `line ${line}: ${problem}`);

  let header: RecordHeader | undefined;
  let summary: BehaviourSummary | undefined;
  const events: SensorEvent[] = [];
  lines.forEach((line, index) => {
    const number = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw fail(number, 'not JSON');
    }
    if (!isObject(value)) throw fail(number, 'not a JSON object');
    if (summary) throw fail(number, 'a line after the summary');
    const type = value['type'];
    if (index === 0) {
      if (type !== 'header') throw fail(number, 'the first line is not the record header');
      const bad = badField(value, HEADER);
      if (bad) throw fail(number, `header field ${bad} is missing or malformed`);
      if (value['version'] !== RECORD_VERSION)
        throw fail(
          number,
          `record version ${String(value['version'])} (this Seawall reads ${RECORD_VERSION})`,
        );
      header = withoutType(value) as unknown as RecordHeader;
    } else if (type === 'event') {
      const event = value['event'];
      if (!isObject(event)) throw fail(number, 'an event line without its event');
      const kind = event['type'];
      const shape =
        typeof kind === 'string' && Object.hasOwn(EVENT_SHAPES, kind)
          ? EVENT_SHAPES[kind as SensorEvent['type']]
          : undefined;
      if (!shape) throw fail(number, `unknown event type ${JSON.stringify(kind)}`);
      const bad = badField(event, { ...EVENT_BASE, ...shape.shape }, shape.optional);
      if (bad) throw fail(number, `${String(kind)} event field ${bad} is missing or malformed`);
      events.push(event as unknown as SensorEvent);
    } else if (type === 'summary') {
      const bad = badField(value, SUMMARY);
      if (bad) throw fail(number, `summary field ${bad} is missing or malformed`);
      summary = withoutType(value) as unknown as BehaviourSummary;
    } else {
      throw fail(number, `unknown line type ${JSON.stringify(type)}`);
    }
  });
  if (!header) throw new InputError(path, 'empty record');
  if (!summary) throw new InputError(path, 'no summary line (the recording did not finish)');
  return { header, events, summary };
}
