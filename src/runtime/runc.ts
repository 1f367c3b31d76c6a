// Drives runc, the OCI reference runtime: run (in the foreground or detached), state, kill, delete, with its
// default --root (/run/runc) so that other tools see the containers. https://github.com/opencontainers/runc/blob/v1.1.5/docs/
// A createRuntime hook holds the container between "namespaces exist" and "the user's process starts" (onCreated).

import { execFile, spawn, type StdioOptions } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { constants as osConstants } from 'node:os';
import { InputError, messageOf } from '../errors.js';
import type { RuntimeHook } from './bundle/runtime-config.js';

/** What `runc state` prints (the OCI runtime state), the fields Seawall reads. */
export interface RuncState {
  id: string;
  pid: number;
  /** created, running, paused or stopped. */
  status: string;
  bundle: string;
  created: string;
  annotations?: Record<string, string>;
}

/** The container as the createRuntime hook saw it: its init process exists, the user's command has not started. */
export interface CreatedContainer {
  id: string;
  pid: number;
}

/** runc could not create or start the container; `message` is runc's own error, verbatim. */
export class ContainerStartError extends Error {
  constructor(
    readonly container: string,
    readonly runcMessage: string,
    /** Whether runc already printed the message on the user's stderr (a foreground run). */
    readonly shown: boolean,
  ) {
    super(runcMessage);
    this.name = 'ContainerStartError';
  }
}

const RUNC = 'runc';
/** How long the hook waits for Seawall's go-ahead before it fails the start (a Seawall that died must not hang runc). */
const HOOK_WAIT_SECONDS = 600;

/** The absolute path of a command on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Throws an InputError naming everything a runtime command needs and this machine lacks (root, runc). */
export function checkRuntimeRequirements(command: string, extra: readonly string[] = []): void {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root privileges (run as root)');
  for (const tool of [RUNC, ...extra])
    if (!findExecutable(tool)) missing.push(`${tool} (Debian package ${tool})`);
  if (missing.length > 0) throw new InputError(command, `needs ${missing.join(' and ')}; missing`);
}

/** Runs runc and returns its stdout; a failure carries runc's stderr. */
function runcCapture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      RUNC,
      args,
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
          reject(new Error(`cannot run ${RUNC}: ${messageOf(err)}`));
          return;
        }
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr: stderr.trim() });
      },
    );
  });
}

/** `runc state ID`, or undefined when runc does not know the container. */
export async function runcState(id: string): Promise<RuncState | undefined> {
  const { code, stdout, stderr } = await runcCapture(['state', id]);
  if (code !== 0) {
    if (/does not exist|not exist/i.test(stderr)) return undefined;
    throw new Error(`runc state ${id}: ${stderr}`);
  }
  return JSON.parse(stdout) as RuncState;
}

/** `runc kill ID SIGNAL`; false when the container was not running. */
export async function runcKill(id: string, signal: string): Promise<boolean> {
  const { code, stderr } = await runcCapture(['kill', id, signal]);
  if (code === 0) return true;
  if (/not running|does not exist|process already finished|no such process/i.test(stderr))
    return false;
  throw new Error(`runc kill ${id} ${signal}: ${stderr}`);
}

/** `runc delete [--force] ID`; a container runc does not know is already deleted. */
export async function runcDelete(id: string, force: boolean): Promise<void> {
  const { code, stderr } = await runcCapture(['delete', ...(force ? ['--force'] : []), id]);
  if (code !== 0 && !/does not exist/i.test(stderr))
    throw new Error(`runc delete ${id}: ${stderr}`);
}

/**
 * The createRuntime hook that holds a starting container: it writes the state runc gives it on stdin to
 * `DIR/created.json` and waits for `DIR/go` (or fails the start on `DIR/abort`). It runs on the host, as root.
 */
export function handshakeHook(dir: string): RuntimeHook {
  const script = [
    'd="$1"',
    'cat >"$d/created.json.tmp" && mv "$d/created.json.tmp" "$d/created.json" || exit 1',
    'i=0',
    `while [ ! -e "$d/go" ]; do [ -e "$d/abort" ] && exit 1; i=$((i+1)); [ "$i" -gt ${HOOK_WAIT_SECONDS * 20} ] && exit 1; sleep 0.05; done`,
  ].join('\n');
  return {
    path: '/bin/sh',
    args: ['sh', '-c', script, 'seawall-created-hook', dir],
    env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'],
  };
}

export interface RuncRunOptions {
  id: string;
  bundle: string;
  detach: boolean;
  /** runc's JSON log: where its own error is read from. */
  logFile: string;
  /** stdio of the run: inherited in the foreground; files (log) when detached; pipes to capture. */
  stdio: StdioOptions;
  /** With the handshake hook in config.json: its directory, and what to do while the container is held. */
  handshake?: { dir: string; onCreated: (state: CreatedContainer) => Promise<void> };
  /** Called with the running runc process (to read piped output). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

/**
 * `runc run [--detach]`: resolves to the container's exit code (foreground; 128+N for a signal) or 0 once a detached
 * container started. Throws ContainerStartError with runc's own message when the container could not start.
 */
export async function runcRun(options: RuncRunOptions): Promise<number> {
  writeFileSync(options.logFile, '');
  const args = [
    '--log',
    options.logFile,
    '--log-format',
    'json',
    'run',
    '--bundle',
    options.bundle,
  ];
  if (options.detach) args.push('--detach');
  args.push(options.id);
  // A detached container must outlive this process's session and its terminal's signals.
  const child = spawn(RUNC, args, { stdio: options.stdio, detached: options.detach });
  options.onSpawn?.(child);
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      resolve(code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0)),
    );
  });
  // A foreground run passes the signals a terminal sends on to runc, which forwards them to the container.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const signals: NodeJS.Signals[] = options.detach
    ? []
    : ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
  for (const s of signals) process.on(s, forward);
  try {
    if (options.handshake) await holdUntilReady(options.handshake, exited);
    const code = await exited;
    const error = runcError(options.logFile);
    if (error !== undefined)
      throw new ContainerStartError(
        options.id,
        error,
        !options.detach && options.stdio === 'inherit',
      );
    return code;
  } finally {
    for (const s of signals) process.off(s, forward);
  }
}

/** Waits for the hook's state file, runs onCreated, then lets the container go on (or makes its start fail). */
async function holdUntilReady(
  handshake: NonNullable<RuncRunOptions['handshake']>,
  exited: Promise<number>,
): Promise<void> {
  const stateFile = join(handshake.dir, 'created.json');
  let runcDone = false;
  void exited.then(
    () => (runcDone = true),
    () => (runcDone = true),
  );
  while (!existsSync(stateFile)) {
    if (runcDone) return; // it failed before the hook ran: the caller reads runc's error
    await new Promise((r) => setTimeout(r, 10));
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { id: string; pid: number };
  try {
    await handshake.onCreated({ id: state.id, pid: state.pid });
  } catch (err) {
    writeFileSync(join(handshake.dir, 'abort'), '');
    await exited.catch(() => 0);
    throw err;
  }
  writeFileSync(join(handshake.dir, 'go.tmp'), '');
  renameSync(join(handshake.dir, 'go.tmp'), join(handshake.dir, 'go'));
}

/** Clears the handshake files of an earlier start. */
export function resetHandshake(dir: string): void {
  for (const f of ['created.json', 'created.json.tmp', 'go', 'go.tmp', 'abort'])
    rmSync(join(dir, f), { force: true });
}

/** runc's error from its JSON log (the last entry at level error or fatal), if it logged one. */
function runcError(logFile: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  let message: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string };
      if ((entry.level === 'error' || entry.level === 'fatal') && entry.msg) message = entry.msg;
    } catch {
      message = line.trim();
    }
  }
  return message;
}
