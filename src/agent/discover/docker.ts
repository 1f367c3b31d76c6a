// Docker's running containers: from the Engine API over its unix socket when it answers (GET /containers/json, then
// /containers/{id}/json), else from the daemon's files, /var/lib/docker/containers/<id>/config.v2.json (Docker 20-26).
// API v1.41: https://docs.docker.com/engine/api/v1.41/ ; files: https://github.com/moby/moby/blob/v25.0.3/container/container.go

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { messageOf } from '../../errors.js';
import type { ImageRef } from '../../server/store/types.js';
import {
  SHA256_DIGEST,
  hostPath,
  isObject,
  isoTime,
  stringRecord,
  type DiscoverContext,
  type DiscoveredContainer,
  type Json,
} from './container.js';
import { processRuns } from './process.js';
import { stateDirectories } from './state-dirs.js';

/** The oldest API version with everything read here (Docker 20.10); newer daemons serve it too. */
const API_VERSION = 'v1.41';
const API_TIMEOUT_MS = 10_000;

export async function discoverDocker(
  root: string,
  socketPath: string,
  ctx: DiscoverContext,
): Promise<DiscoveredContainer[]> {
  if (existsSync(socketPath)) {
    try {
      return await discoverDockerApi(socketPath, ctx);
    } catch (err) {
      ctx.warn(`${socketPath}: the Docker API did not answer (${messageOf(err)}); reading ${root}`);
    }
  }
  return discoverDockerFiles(root, ctx);
}

/** Running containers as the Engine API lists them, each inspected for its pid, start time and root. */
export async function discoverDockerApi(
  socketPath: string,
  ctx: DiscoverContext,
): Promise<DiscoveredContainer[]> {
  const dispatcher = new Agent({
    connect: { socketPath, timeout: API_TIMEOUT_MS },
    headersTimeout: API_TIMEOUT_MS,
    bodyTimeout: API_TIMEOUT_MS,
  });
  try {
    const get = async (path: string): Promise<unknown> => {
      const res = await request(`http://docker/${API_VERSION}${path}`, { dispatcher });
      const text = await res.body.text();
      if (res.statusCode === 404) return undefined;
      if (res.statusCode !== 200) throw new Error(`GET ${path}: HTTP ${res.statusCode}`);
      return JSON.parse(text) as unknown;
    };
    const list = await get('/containers/json');
    if (!Array.isArray(list)) throw new Error('GET /containers/json: not a list');
    const found: DiscoveredContainer[] = [];
    for (const summary of list) {
      const id = isObject(summary) && typeof summary.Id === 'string' ? summary.Id : undefined;
      if (!id || !/^[0-9a-f]{64}$/.test(id)) continue;
      const inspect = await get(`/containers/${id}/json`); // undefined: it went away since the list
      if (inspect === undefined) continue;
      const container = isObject(inspect) ? dockerContainer(inspect) : 'invalid';
      if (container === 'invalid')
        ctx.warn(`docker container ${id}: skipped (unexpected inspect answer)`);
      else if (container) {
        const merged = graphDriverMergedDir(inspect as Json);
        if (merged) container.rootfs = hostPath(ctx.hostRoot, merged);
        found.push(container);
      }
    }
    return found;
  } finally {
    await dispatcher.close();
  }
}

/** Running containers from the daemon's own records, each checked against procfs (a daemon that died leaves them). */
export function discoverDockerFiles(root: string, ctx: DiscoverContext): DiscoveredContainer[] {
  const found: DiscoveredContainer[] = [];
  const containers = join(root, 'containers');
  for (const id of stateDirectories(containers, ctx)) {
    const file = join(containers, id, 'config.v2.json');
    let record: unknown;
    try {
      record = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        ctx.warn(`${file}: skipped (${messageOf(err)})`);
      continue;
    }
    const container = isObject(record) ? dockerContainer(record) : 'invalid';
    if (container === 'invalid') {
      ctx.warn(`${file}: skipped (not a Docker container record)`);
      continue;
    }
    if (!container || !processRuns(ctx.proc, container.pid ?? 0)) continue;
    const driver = (record as Json).Driver;
    const rootfs = layerRootfs(
      root,
      typeof driver === 'string' ? driver : '',
      container.containerId,
    );
    if (rootfs) container.rootfs = rootfs;
    found.push(container);
  }
  return found;
}

/**
 * A container from the shape config.v2.json and the inspect answer share (ID or Id, Name, State, Image, Config);
 * undefined when it is not running.
 */
function dockerContainer(record: Json): DiscoveredContainer | undefined | 'invalid' {
  const id = typeof record.ID === 'string' ? record.ID : record.Id;
  const state = record.State;
  if (typeof id !== 'string' || !isObject(state)) return 'invalid';
  if (state.Running !== true) return undefined;
  const startedAt = isoTime(state.StartedAt);
  if (!startedAt) return 'invalid';
  const config = isObject(record.Config) ? record.Config : {};
  const container: DiscoveredContainer = {
    runtime: 'docker',
    containerId: id,
    startedAt,
    labels: stringRecord(config.Labels),
    image: undefined,
  };
  if (typeof state.Pid === 'number' && state.Pid > 0) container.pid = state.Pid;
  if (typeof record.Name === 'string' && record.Name.replace(/^\//, ''))
    container.name = record.Name.replace(/^\//, '');
  // Image is the image id ("sha256:" + the config digest); Config.Image what the user asked for.
  const reference =
    typeof config.Image === 'string' && !config.Image.startsWith('sha256:')
      ? config.Image
      : undefined;
  if (typeof record.Image === 'string' && SHA256_DIGEST.test(record.Image)) {
    const image: ImageRef = { digest: record.Image, digestKind: 'image' };
    if (reference) image.name = reference;
    container.image = image;
  } else if (reference) container.imageName = reference;
  return container;
}

function graphDriverMergedDir(inspect: Json): string | undefined {
  const driver = inspect.GraphDriver;
  if (!isObject(driver) || !isObject(driver.Data)) return undefined;
  const merged = driver.Data.MergedDir;
  return typeof merged === 'string' && merged ? merged : undefined;
}

/** The container's mounted root under the data root: its layer's mount id, by the storage driver's layout. */
function layerRootfs(root: string, driver: string, id: string): string | undefined {
  let mountId: string;
  try {
    mountId = readFileSync(
      join(root, 'image', driver, 'layerdb', 'mounts', id, 'mount-id'),
      'utf8',
    ).trim();
  } catch {
    return undefined;
  }
  if (!/^[0-9a-f]{64}$/.test(mountId)) return undefined;
  switch (driver) {
    case 'overlay2':
    case 'fuse-overlayfs':
      return join(root, driver, mountId, 'merged');
    case 'vfs':
      return join(root, 'vfs', 'dir', mountId);
    case 'btrfs':
      return join(root, 'btrfs', 'subvolumes', mountId);
    default:
      return undefined;
  }
}
