// What the agent remembers between passes, in `<state-dir>/agent-state.json` (written atomically): the containers
// running at the last pass, the SBOMs the server asked for and not yet delivered, cached root identities; and a
// lock file so that two agents never share a state directory. Files written with rename(2) semantics.

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, messageOf } from '../errors.js';
import type { DigestKind, ImageRef } from '../server/store/types.js';
import { isObject } from './discover/container.js';
import type { CachedIdentity, IdentityCache } from './discover/image-identity.js';
import { writeDurably } from './spool.js';

export const DEFAULT_AGENT_STATE_DIR = '/var/lib/seawall/agent';
const STATE_VERSION = 1;

/** A run of a container the agent has reported started (and not yet stopped). */
export interface KnownRun {
  runtime: string;
  containerId: string;
  name?: string;
  pid?: number;
  image: ImageRef;
  labels: Record<string, string>;
  startedAt: string;
}

/** An image the server has no SBOM of: built from a container running it, and uploaded. */
export interface PendingSbom {
  digest: string;
  digestKind: DigestKind;
  name?: string;
}

export interface AgentState {
  running: KnownRun[];
  pendingSboms: PendingSbom[];
  identities: IdentityCache;
}

export function stateFile(stateDir: string): string {
  return join(stateDir, 'agent-state.json');
}

export function spoolFile(stateDir: string): string {
  return join(stateDir, 'spool.jsonl');
}

export function emptyState(): AgentState {
  return { running: [], pendingSboms: [], identities: new Map() };
}

/** The state of the last pass; none yet, or a damaged file (warned about), is an empty state. */
export function readAgentState(stateDir: string, warn: (message: string) => void): AgentState {
  const file = stateFile(stateDir);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      warn(`${file}: unreadable, starting afresh (${messageOf(err)})`);
    return emptyState();
  }
  if (!isObject(value) || value.version !== STATE_VERSION || !Array.isArray(value.running)) {
    warn(`${file}: not an agent state of version ${STATE_VERSION}, starting afresh`);
    return emptyState();
  }
  const identities: IdentityCache = new Map();
  if (isObject(value.identities))
    for (const [rootfs, id] of Object.entries(value.identities))
      if (isObject(id) && typeof id.rootMtimeMs === 'number' && typeof id.digest === 'string')
        identities.set(rootfs, { rootMtimeMs: id.rootMtimeMs, digest: id.digest });
  return {
    running: value.running.filter(isKnownRun),
    pendingSboms: Array.isArray(value.pendingSboms) ? value.pendingSboms.filter(isPendingSbom) : [],
    identities,
  };
}

export function writeAgentState(stateDir: string, state: AgentState): void {
  const identities: Record<string, CachedIdentity> = {};
  for (const key of [...state.identities.keys()].sort())
    identities[key] = state.identities.get(key)!;
  const doc = {
    version: STATE_VERSION,
    running: state.running,
    pendingSboms: state.pendingSboms,
    identities,
  };
  writeDurably(stateFile(stateDir), `${JSON.stringify(doc, null, 2)}\n`);
}

/** Creates the state directory (owner only: it holds what the agent will send). */
export function ensureStateDirectory(stateDir: string): void {
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new InputError(stateDir, `cannot create the agent's state directory (${messageOf(err)})`);
  }
}

/**
 * Takes `<state-dir>/agent.lock` for this process. Held by a live process, it is refused; left by a dead one, it is
 * taken over. Held by this process already (the loop holds it across passes), the release does nothing.
 */
export function lockStateDirectory(stateDir: string): () => void {
  const file = join(stateDir, 'agent.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new InputError(file, `cannot create the lock (${messageOf(err)})`);
    }
    const holder = Number(readFileSafe(file).trim());
    if (holder === process.pid) return () => {};
    if (Number.isInteger(holder) && holder > 0 && alive(holder))
      throw new InputError(stateDir, `another agent (pid ${holder}) uses this state directory`);
    rmSync(file, { force: true });
  }
  throw new InputError(file, 'cannot take the lock');
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isKnownRun(value: unknown): value is KnownRun {
  return (
    isObject(value) &&
    typeof value.runtime === 'string' &&
    typeof value.containerId === 'string' &&
    typeof value.startedAt === 'string' &&
    isObject(value.image) &&
    typeof value.image.digest === 'string' &&
    isObject(value.labels)
  );
}

function isPendingSbom(value: unknown): value is PendingSbom {
  return (
    isObject(value) &&
    typeof value.digest === 'string' &&
    (value.digestKind === 'image' || value.digestKind === 'rootfs')
  );
}
