// `seawall stop NAME [-t SECONDS]`: SIGTERM to the container's init, SIGKILL when it has not stopped in time, as
// `docker stop` does; then its port publisher goes too. Signals through `runc kill` (runc's own docs/terminals.md).

import { InputError } from '../../errors.js';
import { checkRuntimeRequirements, runcKill, runcState } from '../runc.js';
import { stopPublisher } from './container-resources.js';
import {
  readContainerRecord,
  stateDirectory,
  validateContainerName,
  writeContainerRecord,
} from './state-store.js';

export interface StopOptions {
  /** Seconds between SIGTERM and SIGKILL (default 10). */
  timeoutSeconds?: number;
  stateDir?: string;
}

const LIVE = new Set(['created', 'running', 'paused']);

/** Stops a container; true when it was running. An unknown name is an InputError. */
export async function stopContainer(name: string, options: StopOptions = {}): Promise<boolean> {
  checkRuntimeRequirements('seawall stop');
  const stateDir = options.stateDir ?? stateDirectory();
  validateContainerName(name, name);
  const record = readContainerRecord(stateDir, name);
  if (!record) throw new InputError(name, 'no such container');
  const wasRunning = await killAndWait(name, options.timeoutSeconds ?? 10);
  await stopPublisher(record.publisherPid);
  if (record.publisherPid !== undefined) {
    delete record.publisherPid;
    writeContainerRecord(stateDir, record);
  }
  return wasRunning;
}

/** SIGTERM, a grace period, then SIGKILL; resolves once runc reports it stopped (or forgot it). */
export async function killAndWait(name: string, timeoutSeconds: number): Promise<boolean> {
  const state = await runcState(name);
  if (!state || !LIVE.has(state.status)) return false;
  // A created container has not exec'd its process yet and ignores SIGTERM: it is killed outright.
  if (state.status === 'running' && timeoutSeconds > 0) {
    await runcKill(name, 'SIGTERM');
    if (await stopped(name, timeoutSeconds * 1000)) return true;
  }
  await runcKill(name, 'SIGKILL');
  if (!(await stopped(name, 10_000)))
    throw new Error(`${name}: still running 10 seconds after SIGKILL`);
  return true;
}

async function stopped(name: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const state = await runcState(name);
    if (!state || !LIVE.has(state.status)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
