// `seawall agent` as a library: one pass discovers the host's containers, turns the difference from the last pass
// into start and stop events (spooled durably before anything is sent), sends the spool in batches, and uploads the
// SBOMs of images the server lacks; the loop repeats it every interval. API: src/server/store/types.ts.

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError, messageOf } from '../errors.js';
import type { ContainerEvent, ImageRef } from '../server/store/types.js';
import {
  AGENT_NAME,
  AgentClient,
  ServerAuthError,
  ServerRejectedError,
  ServerUnavailableError,
} from './client.js';
import {
  discoveryRoots,
  type DiscoveredContainer,
  type DiscoveryRoots,
} from './discover/container.js';
import { discoverContainers } from './discover/discover.js';
import { withImageIdentities } from './discover/image-identity.js';
import { buildImageSbom } from './sbom.js';
import { Spool } from './spool.js';
import {
  DEFAULT_AGENT_STATE_DIR,
  ensureStateDirectory,
  lockStateDirectory,
  readAgentState,
  spoolFile,
  writeAgentState,
  type KnownRun,
  type PendingSbom,
} from './state.js';

/** The server takes at most this many events in one report. */
export const MAX_BATCH = 5000;
/** A run seen again with the same pid and a start time this close is the same run (procfs's boot time wobbles). */
const SAME_START_TOLERANCE_MS = 2000;

export interface AgentOptions {
  /** The server's base URL. */
  server: string;
  token: string;
  /** Default: this machine's host name. */
  hostName?: string;
  labels?: Record<string, string>;
  /** Default /var/lib/seawall/agent. */
  stateDir?: string;
  /** A PEM file of the private CA the server's certificate is issued by. */
  caFile?: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Events per report (default and at most 5000). */
  batchSize?: number;
  /** Where the runtimes' state is read (default: the host's real paths). */
  roots?: DiscoveryRoots;
  /** The clock (tests). */
  now?: () => Date;
  warn?: (message: string) => void;
}

export interface AgentRunResult {
  /** Containers running now (with an image identity). */
  running: number;
  /** Events made in this pass. */
  started: number;
  stopped: number;
  /** Events the server acknowledged in this pass. */
  sent: number;
  /** Events still in the spool. */
  pending: number;
  /** Digests whose SBOM was uploaded in this pass, sorted. */
  sbomsUploaded: string[];
  /** Digests whose SBOM is still to be uploaded, sorted. */
  sbomsPending: string[];
  /** Why something was left for a later pass (the server away, a refused request). */
  problem?: string;
}

/** One pass. Throws ServerAuthError (an InputError) when the server refuses the token. */
export async function runAgent(options: AgentOptions): Promise<AgentRunResult> {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`seawall: warning: ${m}\n`));
  const stateDir = options.stateDir ?? DEFAULT_AGENT_STATE_DIR;
  const ca = options.caFile !== undefined ? readCa(options.caFile) : undefined;
  const client = new AgentClient({
    server: options.server,
    token: options.token,
    ca,
    timeoutMs: options.timeoutMs,
  });
  ensureStateDirectory(stateDir);
  const release = lockStateDirectory(stateDir);
  try {
    return await pass(options, stateDir, client, warn);
  } finally {
    release();
    await client.close();
  }
}

async function pass(
  options: AgentOptions,
  stateDir: string,
  client: AgentClient,
  warn: (message: string) => void,
): Promise<AgentRunResult> {
  const now = (options.now ?? (() => new Date()))();
  const host = options.hostName ?? hostname();
  const state = readAgentState(stateDir, warn);
  const spool = new Spool(spoolFile(stateDir), warn);

  const discovered = await discoverContainers(options.roots ?? discoveryRoots(), warn);
  // A run already reported keeps the image it started with: its root is not walked again, however it changes.
  const known = new Map(state.running.map((r) => [`${r.runtime}\0${r.containerId}`, r]));
  const withKnown = discovered.map((c) => {
    const prev = known.get(`${c.runtime}\0${c.containerId}`);
    return !c.image && prev && sameRun(prev, c) ? { ...c, image: prev.image } : c;
  });
  const current = withImageIdentities(withKnown, state.identities, warn);
  // Only roots of containers running now stay cached.
  const roots = new Set(current.map((c) => c.rootfs).filter((r): r is string => !!r));
  for (const rootfs of [...state.identities.keys()])
    if (!roots.has(rootfs)) state.identities.delete(rootfs);

  const { runs, events, started, stopped } = diffRuns(state.running, current, host, now);
  // Durable before the state moves on: a crash in between repeats these events (harmless), never loses them.
  spool.append(events);
  state.running = runs;
  writeAgentState(stateDir, state);

  const delivery = await sendSpool(
    client,
    spool,
    host,
    boundedLabels(options.labels ?? {}),
    Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH),
  );
  let problem = delivery.problem;

  // What the server lacks: one SBOM per digest, from a container running that image now.
  const pending = new Map(state.pendingSboms.map((p) => [p.digest, p]));
  for (const digest of delivery.unknownImages) {
    const run = runs.find((r) => r.image.digest === digest);
    if (!pending.has(digest) && run) pending.set(digest, pendingOf(run.image));
    else if (!run) warn(`the server lacks the SBOM of ${digest}, and no container runs it now`);
  }
  const uploaded: string[] = [];
  if (!problem) {
    for (const item of [...pending.values()].sort((a, b) => (a.digest < b.digest ? -1 : 1))) {
      const container = current.find((c) => c.image.digest === item.digest);
      if (!container) {
        warn(`SBOM of ${item.digest} dropped: no container runs that image any more`);
        pending.delete(item.digest);
        continue;
      }
      let bom: string;
      try {
        bom = await buildImageSbom(item.digest, container, {
          cacheDir: join(stateDir, 'cache'),
          warn,
        });
      } catch (err) {
        warn(`SBOM of ${item.digest} dropped: ${messageOf(err)}`);
        pending.delete(item.digest);
        continue;
      }
      try {
        await client.putSbom(item.digest, item.digestKind, item.name, bom);
        uploaded.push(item.digest);
        pending.delete(item.digest);
      } catch (err) {
        if (err instanceof ServerAuthError) throw err;
        if (err instanceof ServerRejectedError) {
          // The server will not take this document; sending it again would not change its mind.
          warn(`SBOM of ${item.digest} refused: ${err.message}`);
          pending.delete(item.digest);
          continue;
        }
        problem = messageOf(err);
        break;
      }
    }
  }
  state.pendingSboms = [...pending.values()].sort((a, b) => (a.digest < b.digest ? -1 : 1));
  writeAgentState(stateDir, state);

  const result: AgentRunResult = {
    running: current.length,
    started,
    stopped,
    sent: delivery.sent,
    pending: delivery.pending,
    sbomsUploaded: uploaded.sort(),
    sbomsPending: state.pendingSboms.map((p) => p.digest),
  };
  if (problem) result.problem = problem;
  return result;
}

interface Diff {
  runs: KnownRun[];
  events: ContainerEvent[];
  started: number;
  stopped: number;
}

/** The runs going on now, and the events that take the server from the last pass's runs to these. */
export function diffRuns(
  previous: readonly KnownRun[],
  current: ReadonlyArray<DiscoveredContainer & { image: ImageRef }>,
  host: string,
  now: Date,
): Diff {
  const key = (r: { runtime: string; containerId: string }) => `${r.runtime}\0${r.containerId}`;
  const before = new Map(previous.map((r) => [key(r), r]));
  const runs: KnownRun[] = [];
  const events: ContainerEvent[] = [];
  const stoppedAt = now.toISOString();
  let started = 0;
  let stopped = 0;
  const seen = new Set<string>();
  for (const c of current) {
    const k = key(c);
    seen.add(k);
    const prev = before.get(k);
    if (prev && sameRun(prev, c)) {
      // The run as first reported: its image and labels stay what its start event said.
      runs.push(c.pid !== undefined ? { ...prev, pid: c.pid } : prev);
      continue;
    }
    if (prev) {
      events.push(eventOf(prev, host, stoppedAt));
      stopped++;
    }
    const image: ImageRef = { digest: c.image.digest, digestKind: c.image.digestKind };
    const imageName = boundedText(c.image.name);
    if (imageName) image.name = imageName;
    const run: KnownRun = {
      runtime: c.runtime,
      containerId: c.containerId,
      image,
      labels: boundedLabels(c.labels),
      startedAt: c.startedAt,
    };
    const name = boundedText(c.name);
    if (name) run.name = name;
    if (c.pid !== undefined) run.pid = c.pid;
    runs.push(run);
    events.push(eventOf(run, host));
    started++;
  }
  for (const prev of previous) {
    if (seen.has(key(prev))) continue;
    events.push(eventOf(prev, host, stoppedAt));
    stopped++;
  }
  return { runs, events, started, stopped };
}

/** What the server takes (src/server/http/schemas.ts): names of 1 to 512 characters. */
const MAX_NAME = 512;
/** Label values up to 4096 characters, at most 512 labels; what does not fit is left out rather than refused. */
const MAX_LABEL_VALUE = 4096;
const MAX_LABELS = 512;

function boundedText(text: string | undefined): string | undefined {
  return text ? text.slice(0, MAX_NAME) : undefined;
}

export function boundedLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const key of Object.keys(labels).sort()) {
    const value = labels[key]!;
    if (value.length > MAX_LABEL_VALUE || count >= MAX_LABELS) continue;
    out[key] = value;
    count++;
  }
  return out;
}

function sameRun(prev: KnownRun, c: DiscoveredContainer): boolean {
  if (prev.startedAt === c.startedAt) return true;
  const drift = Math.abs(Date.parse(prev.startedAt) - Date.parse(c.startedAt));
  return prev.pid !== undefined && prev.pid === c.pid && drift <= SAME_START_TOLERANCE_MS;
}

function eventOf(run: KnownRun, host: string, stoppedAt?: string): ContainerEvent {
  const event: ContainerEvent = {
    host,
    runtime: run.runtime,
    containerId: run.containerId,
    image: run.image,
    labels: run.labels,
    startedAt: run.startedAt,
  };
  if (run.name !== undefined) event.name = run.name;
  if (stoppedAt !== undefined) event.stoppedAt = stoppedAt;
  return event;
}

function pendingOf(image: ImageRef): PendingSbom {
  const item: PendingSbom = { digest: image.digest, digestKind: image.digestKind };
  if (image.name) item.name = image.name;
  return item;
}

interface Delivery {
  sent: number;
  pending: number;
  unknownImages: string[];
  problem?: string;
}

/**
 * Sends the spool oldest first, batch by batch, dropping each batch from the spool only once acknowledged: a crash
 * between the answer and the rewrite sends that batch again, which the server's upsert absorbs. With nothing
 * pending, one empty report still tells the server the host is alive. Events spooled under an earlier host name
 * (the agent was renamed) go in reports of that name: the server takes only the reporting host's events.
 */
async function sendSpool(
  client: AgentClient,
  spool: Spool,
  hostName: string,
  labels: Record<string, string>,
  batchSize: number,
): Promise<Delivery> {
  let events = spool.read();
  let sent = 0;
  const unknown = new Set<string>();
  let size = Math.max(1, batchSize);
  let first = true;
  while (first || events.length > 0) {
    first = false;
    const name = events[0]?.host ?? hostName;
    let count = 0;
    while (count < Math.min(size, events.length) && events[count]!.host === name) count++;
    const batch = events.slice(0, count);
    let answer;
    try {
      answer = await client.report({ name, labels, agent: AGENT_NAME }, batch);
    } catch (err) {
      if (err instanceof ServerAuthError) throw err;
      if (err instanceof ServerRejectedError && err.status === 413 && size > 1) {
        size = Math.ceil(size / 2); // too large for the server's body limit: smaller batches
        first = events.length === 0;
        continue;
      }
      const problem =
        err instanceof ServerUnavailableError || err instanceof ServerRejectedError
          ? err.message
          : messageOf(err);
      return { sent, pending: events.length, unknownImages: [...unknown].sort(), problem };
    }
    answer.unknownImages.forEach((d) => unknown.add(d));
    events = events.slice(batch.length);
    spool.replace(events);
    sent += batch.length;
  }
  return { sent, pending: 0, unknownImages: [...unknown].sort() };
}

export interface AgentLoopOptions extends AgentOptions {
  intervalSeconds: number;
  /** Ends the loop (after the pass under way). */
  signal?: AbortSignal;
  /** After each pass. */
  onPass?: (result: AgentRunResult) => void;
  /** The first retry's delay while the server is away (default 1 s); doubled per retry up to the interval. */
  retryDelayMs?: number;
}

/**
 * Passes every interval until the signal aborts. While the server is away the next pass comes sooner, backing off
 * from one second, doubling, never beyond the interval. Only a refused token (ServerAuthError) or another
 * InputError ends it early, by throwing.
 */
export async function runAgentLoop(options: AgentLoopOptions): Promise<void> {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`seawall: warning: ${m}\n`));
  const intervalMs = Math.max(1, options.intervalSeconds * 1000);
  const stateDir = options.stateDir ?? DEFAULT_AGENT_STATE_DIR;
  ensureStateDirectory(stateDir);
  const release = lockStateDirectory(stateDir);
  const firstRetryMs = Math.min(options.retryDelayMs ?? 1000, intervalMs);
  let backoffMs = firstRetryMs;
  try {
    while (!options.signal?.aborted) {
      let retrySoon = false;
      try {
        const result = await runAgent({ ...options, stateDir, warn });
        options.onPass?.(result);
        retrySoon = result.problem !== undefined;
      } catch (err) {
        if (err instanceof InputError) throw err;
        warn(`agent pass failed: ${messageOf(err)}`);
        retrySoon = true;
      }
      const delay = retrySoon ? backoffMs : intervalMs;
      backoffMs = retrySoon ? Math.min(backoffMs * 2, intervalMs) : firstRetryMs;
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch {
        break; // aborted
      }
    }
  } finally {
    release();
  }
}

function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`--ca ${file}`, `cannot read (${messageOf(err)})`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError(`--ca ${file}`, 'not a PEM certificate');
  return text;
}
