// What discovering a host's containers yields, and where each runtime keeps its state there (each runtime's
// default paths; tests point them at fixture trees laid out the same way). ImageRef: src/server/store/types.ts.

import { isAbsolute, join } from 'node:path';
import type { ImageRef } from '../../server/store/types.js';

/** A container running on the host now, as one runtime knows it. */
export interface DiscoveredContainer {
  /** `runc`, `crun`, `containerd`, `docker`, `podman` or `lxc`. */
  runtime: string;
  containerId: string;
  name?: string;
  /** The container's init process on the host. */
  pid?: number;
  /** ISO-8601 UTC; the same value on every pass for one run of the container. */
  startedAt: string;
  labels: Record<string, string>;
  /** Undefined when the runtime records no image digest: the agent derives one from the root filesystem. */
  image: ImageRef | undefined;
  /** The reference the image was run as, when there is no digest (it names the rootfs-derived image). */
  imageName?: string;
  /** Absolute path of the container's root filesystem on the host (for hashing and the SBOM). */
  rootfs?: string;
  /** A target `openTarget` reads for the image itself (what `seawall run` was given), for its SBOM. */
  imageTarget?: string;
}

/** Where each runtime's state is read from. */
export interface DiscoveryRoots {
  /** Where absolute paths inside the runtimes' records lead: `/` on a host, the fixture tree in tests. */
  hostRoot: string;
  /** procfs: whether a process lives and when it started. */
  proc: string;
  /** runc's --root. */
  runc: string;
  /** crun's --root. */
  crun: string;
  /** containerd's runtime v2 task directory (one subdirectory per namespace). */
  containerd: string;
  /** Docker's data root. */
  docker: string;
  /** The Docker Engine API socket; preferred to the files when it exists. */
  dockerSocket: string;
  /** containers/storage's graph root (Podman, Buildah, CRI-O). */
  podman: string;
  /** LXC's lxcpath. */
  lxc: string;
  /** The cgroup filesystem (LXC's payload cgroups). */
  cgroup: string;
}

/** The default locations, under `hostRoot` (a fixture tree mirrors a host's filesystem). */
export function discoveryRoots(hostRoot = '/'): DiscoveryRoots {
  const at = (path: string) => join(hostRoot, path);
  return {
    hostRoot,
    proc: at('proc'),
    runc: at('run/runc'),
    crun: at('run/crun'),
    containerd: at('run/containerd/io.containerd.runtime.v2.task'),
    docker: at('var/lib/docker'),
    dockerSocket: at('var/run/docker.sock'),
    podman: at('var/lib/containers/storage'),
    lxc: at('var/lib/lxc'),
    cgroup: at('sys/fs/cgroup'),
  };
}

/** What every runtime's discovery reads beside its own root. */
export interface DiscoverContext {
  proc: string;
  hostRoot: string;
  /** One unreadable record is a warning; the rest is still reported. */
  warn: (message: string) => void;
}

/** A path a runtime recorded (absolute on the host) as seen from here. */
export function hostPath(hostRoot: string, path: string): string {
  if (!isAbsolute(path) || hostRoot === '/' || hostRoot === '') return path;
  return join(hostRoot, path);
}

/** The one order of discovered containers: by runtime, then id. */
export function compareContainers(a: DiscoveredContainer, b: DiscoveredContainer): number {
  if (a.runtime !== b.runtime) return a.runtime < b.runtime ? -1 : 1;
  return a.containerId < b.containerId ? -1 : a.containerId > b.containerId ? 1 : 0;
}

/** `2024-05-02T09:14:07.123Z` from any date string a runtime writes; undefined when it is not one. */
export function isoTime(text: unknown): string | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || ms <= 0) return undefined;
  return new Date(ms).toISOString();
}

export const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringRecord(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}
