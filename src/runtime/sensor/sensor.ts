// Runs the sensor: bpftrace with the project's program, filtered to one mount namespace, its output parsed to events.
// bpftrace(8) and its environment variables: https://github.com/bpftrace/bpftrace/blob/v0.17.0/man/adoc/bpftrace.adoc

import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { readlink } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SensorEvent } from '../behaviour.js';
import { InputError, messageOf } from '../../errors.js';
import { MAX_STRING, REQUIRED_TRACEPOINTS, buildSensorProgram } from './program.js';
import { SensorOutputParser, type SensorOutputStats } from './parse-output.js';

/** Where the kernel's tracing filesystem may be mounted; the first is where it belongs. */
const TRACEFS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];
const BTF = '/sys/kernel/btf/vmlinux';
/**
 * Pages of 4 KiB per CPU for bpftrace's perf buffer (its default is 64): 1024 pages (4 MiB a CPU) hold a burst of
 * about 10,000 events a CPU while bpftrace catches up (docs/sensor.md).
 */
export const DEFAULT_PERF_BUFFER_PAGES = 1024;
/** Distinct keys per kernel map (bpftrace's default is 4096): the maps that fold repeated opens grow with paths. */
const MAP_KEYS_MAX = 65536;

/** What the sensor reports when it stops (the parser's counts, without its own progress flags). */
export type SensorStats = Omit<SensorOutputStats, 'ready' | 'ended'>;

export interface Sensor {
  /** bpftrace's process id. */
  readonly pid: number;
  /** Tracepoints this kernel lacks, whose events the sensor cannot see. */
  readonly omittedTracepoints: string[];
  /** Stops tracing (SIGINT), waits for the final counts, and reports them. */
  stop(): Promise<SensorStats>;
}

export interface SensorOptions {
  /** The inode of the mount namespace to trace (mountNamespaceOf). */
  mountNamespace: number;
  onEvent(event: SensorEvent): void;
  bpftracePath?: string;
  perfBufferPages?: number;
  /** How long bpftrace may take to compile and attach (default 120 s), and to stop (default 60 s). */
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** Lines of output the parser could not read (never expected; reported rather than dropped). */
  onMalformedLine?(line: string, problem: string): void;
}

/** bpftrace failed: the message names the failure, `stderr` holds what bpftrace said. */
export class SensorError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    const said = meaningfulStderr(stderr);
    super(said ? `${message}: ${said}` : message);
    this.name = 'SensorError';
  }
}

/** bpftrace's error lines, without the warnings it prints for every run of this program. */
function meaningfulStderr(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const errors = lines.filter((l) => /error/i.test(l) && !/RLIMIT_MEMLOCK/.test(l));
  return (errors.length > 0 ? errors : lines.filter((l) => !/RLIMIT_MEMLOCK|WARNING|^\s/.test(l)))
    .slice(-5)
    .join('; ');
}

function findOnPath(name: string): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of (process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter)) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function tracefsRoot(): string | undefined {
  return TRACEFS.find((dir) => existsSync(join(dir, 'events')));
}

/** The kernel's tracepoints in the categories the program uses, as category:name. */
export function availableTracepoints(): Set<string> {
  const root = tracefsRoot();
  const out = new Set<string>();
  if (!root) return out;
  for (const category of ['sched', 'syscalls', 'raw_syscalls']) {
    try {
      for (const name of readdirSync(join(root, 'events', category)))
        out.add(`${category}:${name}`);
    } catch {
      // a category the kernel lacks: its probes are left out, or named missing below
    }
  }
  return out;
}

/**
 * What the sensor lacks on this machine, each as a short phrase with its remedy; empty when it can run. Mounts
 * tracefs when it is missing (the kernel has it but nothing mounted it), which needs root like the rest.
 */
export function checkSensorRequirements(opts: { bpftracePath?: string } = {}): string[] {
  const missing: string[] = [];
  const root = process.getuid?.() === 0;
  if (!root) missing.push('root (the sensor loads eBPF programs)');
  if (!findOnPath(opts.bpftracePath ?? 'bpftrace'))
    missing.push('bpftrace (apt-get install bpftrace)');
  if (!existsSync(BTF))
    missing.push(`kernel BTF (${BTF}; a kernel built with CONFIG_DEBUG_INFO_BTF)`);
  if (!tracefsRoot() && root) {
    try {
      execFileSync('mount', ['-t', 'tracefs', 'nodev', TRACEFS[0]!], { stdio: 'ignore' });
    } catch {
      // reported below
    }
  }
  if (!tracefsRoot()) {
    missing.push(`tracefs (mount -t tracefs nodev ${TRACEFS[0]})`);
  } else {
    const available = availableTracepoints();
    for (const t of REQUIRED_TRACEPOINTS)
      if (!available.has(t)) missing.push(`kernel tracepoint ${t}`);
  }
  return missing;
}

/** The inode of a process's mount namespace, which the sensor filters on. */
export async function mountNamespaceOf(pid: number): Promise<number> {
  const link = `/proc/${pid}/ns/mnt`;
  let target: string;
  try {
    target = await readlink(link);
  } catch (err) {
    throw new InputError(link, `cannot read the mount namespace (${messageOf(err)})`);
  }
  const match = /^mnt:\[(\d+)\]$/.exec(target);
  if (!match) throw new InputError(link, `unexpected link ${target}`);
  return Number(match[1]);
}

const STDERR_LIMIT = 64 * 1024;

/** Starts bpftrace; resolves once every probe is attached (the program's BEGIN line has been read). */
export function startSensor(opts: SensorOptions): Promise<Sensor> {
  const bpftrace = opts.bpftracePath ?? 'bpftrace';
  const program = buildSensorProgram(availableTracepoints());
  const parser = new SensorOutputParser(opts.onEvent, opts.onMalformedLine);
  const child = spawn(bpftrace, ['-f', 'json', '-e', program.text, String(opts.mountNamespace)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BPFTRACE_STRLEN: String(MAX_STRING),
      BPFTRACE_PERF_RB_PAGES: String(opts.perfBufferPages ?? DEFAULT_PERF_BUFFER_PAGES),
      BPFTRACE_MAP_KEYS_MAX: String(MAP_KEYS_MAX),
    },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_LIMIT);
  });
  // bpftrace would outlive a Node process that exits without stopping it, tracing on.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  let onReady: (() => void) | undefined;
  lines.on('line', (line) => {
    const wasReady = parser.stats.ready;
    parser.push(line);
    if (!wasReady && parser.stats.ready) onReady?.();
  });
  // Resolves once bpftrace has exited and its whole output has been read.
  const finished = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    spawnError?: Error;
  }>((resolve) => {
    let exit:
      { code: number | null; signal: NodeJS.Signals | null; spawnError?: Error } | undefined;
    let closed = false;
    const settle = () => {
      if (exit && closed) {
        process.removeListener('exit', killOnExit);
        resolve(exit);
      }
    };
    child.once('error', (err) => {
      exit = { code: null, signal: null, spawnError: err };
      closed = true;
      settle();
    });
    child.once('exit', (code, signal) => {
      exit ??= { code, signal };
      settle();
    });
    lines.once('close', () => {
      closed = true;
      settle();
    });
  });

  const failure = (
    what: string,
    result: { code: number | null; signal: NodeJS.Signals | null; spawnError?: Error },
  ) =>
    new SensorError(
      result.spawnError
        ? `cannot run ${bpftrace} (${messageOf(result.spawnError)})`
        : `${what} (${result.signal ? `signal ${result.signal}` : `exit code ${result.code}`})`,
      stderr,
    );

  let stopping: Promise<SensorStats> | undefined;
  const stop = (): Promise<SensorStats> => (stopping ??= stopOnce());
  const stopOnce = async (): Promise<SensorStats> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.stopTimeoutMs ?? 60_000);
    const result = await finished;
    clearTimeout(timer);
    parser.finish();
    if (!parser.stats.ended)
      throw failure('bpftrace stopped without printing its final counts', result);
    const { syscalls, lostEvents, eventCount, repeats, incompleteEvents, malformedLines } =
      parser.stats;
    return { syscalls, lostEvents, eventCount, repeats, incompleteEvents, malformedLines };
  };

  return new Promise<Sensor>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      void finished.then(() =>
        reject(new SensorError('bpftrace did not attach its probes in time', stderr)),
      );
    }, opts.startTimeoutMs ?? 120_000);
    onReady = () => {
      clearTimeout(timer);
      resolve({ pid: child.pid ?? 0, omittedTracepoints: program.omitted, stop });
    };
    void finished.then((result) => {
      if (parser.stats.ready) return;
      clearTimeout(timer);
      reject(failure('bpftrace failed before attaching its probes', result));
    });
  });
}
