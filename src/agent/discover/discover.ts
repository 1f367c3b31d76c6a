// Every container running on the host, from every runtime's own state (runc, crun, containerd, Docker, Podman,
// LXC), each container once, in one order. Runtimes not installed simply contribute nothing.

import { messageOf } from '../../errors.js';
import {
  compareContainers,
  discoveryRoots,
  type DiscoverContext,
  type DiscoveredContainer,
  type DiscoveryRoots,
} from './container.js';
import { discoverContainerd } from './containerd.js';
import { discoverCrun } from './crun.js';
import { discoverDocker } from './docker.js';
import { discoverLxc } from './lxc.js';
import { discoverPodman } from './podman.js';
import { discoverRunc } from './runc.js';

export async function discoverContainers(
  roots: DiscoveryRoots = discoveryRoots(),
  warn: (message: string) => void = () => {},
): Promise<DiscoveredContainer[]> {
  const ctx: DiscoverContext = { proc: roots.proc, hostRoot: roots.hostRoot, warn };
  const guarded = async (
    runtime: string,
    discover: () => DiscoveredContainer[] | Promise<DiscoveredContainer[]>,
  ): Promise<DiscoveredContainer[]> => {
    try {
      return await discover();
    } catch (err) {
      warn(`${runtime}: discovery failed (${messageOf(err)})`);
      return [];
    }
  };
  const runc = await guarded('runc', () => discoverRunc(roots.runc, ctx));
  const crun = await guarded('crun', () => discoverCrun(roots.crun, ctx));
  // Podman runs its containers with crun or runc under the same id: those are reported as Podman's.
  const oci = new Map<string, DiscoveredContainer>();
  for (const c of [...runc, ...crun]) if (!oci.has(c.containerId)) oci.set(c.containerId, c);
  const podman = await guarded('podman', () => discoverPodman(roots.podman, oci, ctx));
  const podmanIds = new Set(podman.map((c) => c.containerId));
  const docker = await guarded('docker', () =>
    discoverDocker(roots.docker, roots.dockerSocket, ctx),
  );
  // Docker runs its containers as containerd tasks (namespace moby) under the same id: reported as Docker's.
  const dockerIds = new Set(docker.map((c) => c.containerId));
  const containerd = (
    await guarded('containerd', () => discoverContainerd(roots.containerd, ctx))
  ).filter((c) => !dockerIds.has(c.containerId));
  const lxc = await guarded('lxc', () => discoverLxc(roots.lxc, roots.cgroup, ctx));
  return [
    ...[...runc, ...crun].filter((c) => !podmanIds.has(c.containerId)),
    ...podman,
    ...docker,
    ...containerd,
    ...lxc,
  ].sort(compareContainers);
}
