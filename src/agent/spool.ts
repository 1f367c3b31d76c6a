// The events the agent has not had acknowledged yet: JSON lines in the state directory, appended with fsync before
// anything is sent, rewritten whole (temporary file, fsync, rename) after the server acknowledges a batch.
// JSON Lines: https://jsonlines.org/ ; atomic replacement: rename(2), https://man7.org/linux/man-pages/man2/rename.2.html

import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { ContainerEvent } from '../server/store/types.js';
import { isObject } from './discover/container.js';

/** What names one run of a container: the server upserts by it, so an event sent twice changes nothing. */
export function runKey(
  e: Pick<ContainerEvent, 'host' | 'runtime' | 'containerId' | 'startedAt'>,
): string {
  return JSON.stringify([e.host, e.runtime, e.containerId, e.startedAt]);
}

/**
 * One event per run, in the order runs first appear: a stop carries the whole identity, so it replaces a start of
 * the same run still waiting, and the spool stays as long as the number of runs, however long the server is away.
 * Of two stops (a pass repeated after a crash), the first is kept: it has the time the run was first seen gone.
 */
export function coalesceEvents(events: readonly ContainerEvent[]): ContainerEvent[] {
  const byRun = new Map<string, ContainerEvent>();
  for (const e of events) {
    const key = runKey(e);
    const earlier = byRun.get(key);
    if (!earlier || earlier.stoppedAt === undefined) byRun.set(key, e);
  }
  return [...byRun.values()];
}

export class Spool {
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  /** The pending events, coalesced. A line cut short by a crash during an append is skipped with a warning. */
  read(): ContainerEvent[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const events: ContainerEvent[] = [];
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (isEvent(value)) events.push(value);
      else this.warn(`${this.file}: line ${i + 1} skipped (not an event)`);
    });
    return coalesceEvents(events);
  }

  /** Adds events durably: they are on disk when this returns. */
  append(events: readonly ContainerEvent[]): void {
    if (events.length === 0) return;
    const fd = openSync(this.file, 'a', 0o600);
    try {
      // A line that a crash cut short must not swallow the first new one: start on a fresh line.
      writeSync(fd, `\n${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Replaces the spool with `events` (what is left after an acknowledgement), whole or not at all. */
  replace(events: readonly ContainerEvent[]): void {
    if (events.length === 0) {
      rmSync(this.file, { force: true });
      syncDirectory(dirname(this.file));
      return;
    }
    writeDurably(this.file, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }
}

/** Writes `file` through a temporary file that is fsynced and renamed over it, then fsyncs the directory. */
export function writeDurably(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(dirname(file));
}

/** A rename or unlink is durable once the directory holding it is synced. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isEvent(value: unknown): value is ContainerEvent {
  if (!isObject(value) || !isObject(value.image) || !isObject(value.labels)) return false;
  return (
    typeof value.host === 'string' &&
    typeof value.runtime === 'string' &&
    typeof value.containerId === 'string' &&
    typeof value.startedAt === 'string' &&
    typeof value.image.digest === 'string' &&
    (value.stoppedAt === undefined || typeof value.stoppedAt === 'string')
  );
}
