// Whether a container's init process still lives, and when it started, from procfs: /proc/<pid>/stat (state and
// starttime, fields 3 and 22) and /proc/stat (btime). proc(5): https://man7.org/linux/man-pages/man5/proc.5.html

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Clock ticks per second of /proc's times (USER_HZ): 100 on every architecture Linux containers run on; the kernel
 * converts to it whatever its internal HZ is.
 */
const USER_HZ = 100;

export interface ProcessStat {
  pid: number;
  /** R, S, D, Z, T ... */
  state: string;
  /** Start time after boot, in clock ticks: with the pid, it names one process even after the pid is reused. */
  startTicks: number;
}

/** The process's state and start time; undefined when there is no such process. */
export function readProcessStat(proc: string, pid: number): ProcessStat | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let text: string;
  try {
    text = readFileSync(join(proc, String(pid), 'stat'), 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const state = fields[0];
  const startTicks = Number(fields[19]);
  if (!state || !Number.isFinite(startTicks)) return undefined;
  return { pid, state, startTicks };
}

/** Whether `pid` lives (a zombie does not count) and, when given, started at `startTicks`. */
export function processRuns(proc: string, pid: number, startTicks?: number): boolean {
  const stat = readProcessStat(proc, pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return startTicks === undefined || stat.startTicks === startTicks;
}

/** Boot time in seconds since the epoch (`btime` of /proc/stat), cached per procfs. */
const bootTimes = new Map<string, number | undefined>();

function bootTime(proc: string): number | undefined {
  if (bootTimes.has(proc)) return bootTimes.get(proc);
  let value: number | undefined;
  try {
    const line = /^btime\s+(\d+)$/m.exec(readFileSync(join(proc, 'stat'), 'utf8'));
    value = line ? Number(line[1]) : undefined;
  } catch {
    value = undefined;
  }
  bootTimes.set(proc, value);
  return value;
}

/** When a process started, as ISO-8601 UTC; undefined when procfs does not say. */
export function processStartedAt(proc: string, stat: ProcessStat): string | undefined {
  const boot = bootTime(proc);
  if (boot === undefined) return undefined;
  return new Date(boot * 1000 + Math.round((stat.startTicks * 1000) / USER_HZ)).toISOString();
}
