// LXC's running containers: each `<lxcpath>/<name>/config` (lxc.container.conf(5): lxc.rootfs.path, lxc.uts.name),
// running while its payload cgroup (`lxc.payload.<name>`, LXC 4 and 5; `lxc/<name>` before) holds processes.
// https://linuxcontainers.org/lxc/manpages/man5/lxc.container.conf.5.html, https://github.com/lxc/lxc/blob/v5.0.3/src/lxc/cgroups/cgfsng.c

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '../../errors.js';
import { hostPath, type DiscoverContext, type DiscoveredContainer } from './container.js';
import { processStartedAt, readProcessStat, type ProcessStat } from './process.js';
import { stateDirectories } from './state-dirs.js';

/**
 * Where the payload cgroup of a container is, under the cgroup mount: cgroup2 at its root (unified) or under
 * `unified/` (hybrid), else a v1 hierarchy every container joins. /run/lxc/lock/<lxcpath>/<name> is not a sign of
 * life: LXC leaves it behind when the container stops.
 */
const HIERARCHIES = ['', 'unified', 'systemd', 'pids', 'memory', 'cpu', 'freezer'];
/** systemd inside a container moves its processes into child cgroups (init.scope, system.slice/...). */
const MAX_CGROUP_DEPTH = 4;

export function discoverLxc(
  lxcPath: string,
  cgroupRoot: string,
  ctx: DiscoverContext,
): DiscoveredContainer[] {
  const found: DiscoveredContainer[] = [];
  for (const dirName of stateDirectories(lxcPath, ctx)) {
    const file = join(lxcPath, dirName, 'config');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        ctx.warn(`${file}: skipped (${messageOf(err)})`);
      continue;
    }
    const config = parseLxcKeys(text);
    const init = initProcess(cgroupRoot, dirName, ctx.proc);
    if (!init) continue;
    const startedAt = processStartedAt(ctx.proc, init);
    if (!startedAt) {
      ctx.warn(`${file}: skipped (no boot time in ${ctx.proc}/stat)`);
      continue;
    }
    const container: DiscoveredContainer = {
      runtime: 'lxc',
      containerId: dirName,
      name: config.get('lxc.uts.name') || dirName,
      pid: init.pid,
      startedAt,
      labels: {},
      image: undefined,
    };
    const rootfs =
      rootfsDirectory(config.get('lxc.rootfs.path'), ctx) ??
      join(ctx.proc, String(init.pid), 'root/');
    container.rootfs = rootfs;
    found.push(container);
  }
  return found;
}

/** The last value of each `lxc.*` key (a later line overrides an earlier one). */
export function parseLxcKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(lxc\.[A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) keys.set(m[1]!, m[2]!);
  }
  return keys;
}

/**
 * A directory-backed root (`dir:PATH`, `btrfs:PATH` or a bare path). Overlay, LVM, ZFS, loop and RBD roots are
 * mounted only inside the container's mount namespace: the caller reads those through /proc/<pid>/root.
 */
function rootfsDirectory(spec: string | undefined, ctx: DiscoverContext): string | undefined {
  if (!spec) return undefined;
  const m = /^(?:(dir|btrfs):)?(\/.*)$/.exec(spec);
  if (!m) return undefined;
  const path = hostPath(ctx.hostRoot, m[2]!);
  try {
    return statSync(path).isDirectory() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The container's init: of the payload cgroup's processes, the one that started first. */
function initProcess(cgroupRoot: string, name: string, proc: string): ProcessStat | undefined {
  for (const hierarchy of HIERARCHIES) {
    for (const payload of [`lxc.payload.${name}`, join('lxc', name)]) {
      const pids = cgroupProcesses(join(cgroupRoot, hierarchy, payload), MAX_CGROUP_DEPTH);
      if (pids === undefined) continue;
      let init: ProcessStat | undefined;
      for (const pid of pids) {
        const stat = readProcessStat(proc, pid);
        if (!stat || stat.state === 'Z') continue;
        if (
          !init ||
          stat.startTicks < init.startTicks ||
          (stat.startTicks === init.startTicks && pid < init.pid)
        )
          init = stat;
      }
      if (init) return init;
    }
  }
  return undefined;
}

/** Every pid in a cgroup and its descendants; undefined when the cgroup does not exist. */
function cgroupProcesses(dir: string, depth: number): number[] | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'cgroup.procs'), 'utf8');
  } catch {
    return undefined;
  }
  const pids = text
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (depth > 0)
    for (const child of subdirectories(dir))
      pids.push(...(cgroupProcesses(join(dir, child), depth - 1) ?? []));
  return pids;
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return []; // removed while being read: the container is stopping
  }
}
