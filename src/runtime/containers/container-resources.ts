// Releases what a container holds on the host besides runc's own state: its port publisher process, its network
// namespace and veth, and its root's overlay mount. Each step tolerates what is already gone, so it can run again.
// Namespaces as ip-netns(8) keeps them: https://man7.org/linux/man-pages/man8/ip-netns.8.html

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeContainerNetwork } from '../network/container-network.js';
import { unmountContainerRoot } from './container-root.js';
import { containerDirectory, type ContainerRecord } from './state-store.js';

/** Stops the detached publisher of a container, checking the pid still is one (a pid is reused once it exits). */
export async function stopPublisher(pid: number | undefined): Promise<void> {
  if (pid === undefined || !isPublisher(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && isPublisher(pid); i++) await new Promise((r) => setTimeout(r, 20));
  if (isPublisher(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

function isPublisher(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie (state Z) has exited: nothing to stop.
    return cmdline.includes('publisher-main') && !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** Publisher, network and root mount of a container; the directory itself stays. */
export async function releaseContainerResources(
  stateDir: string,
  name: string,
  record: Partial<Pick<ContainerRecord, 'network' | 'rootfs' | 'publisherPid'>> | undefined,
): Promise<void> {
  await stopPublisher(record?.publisherPid);
  // Name-scoped and idempotent: also right when the record never got as far as naming the network.
  if (record?.network?.mode !== 'host') await removeContainerNetwork(name);
  await unmountContainerRoot(
    record?.rootfs?.path ?? join(containerDirectory(stateDir, name), 'rootfs'),
  );
}

/** Removes the container's directory, once nothing is mounted in it. */
export async function removeContainerDirectory(stateDir: string, name: string): Promise<void> {
  await unmountContainerRoot(join(containerDirectory(stateDir, name), 'rootfs'));
  rmSync(containerDirectory(stateDir, name), { recursive: true, force: true });
}
