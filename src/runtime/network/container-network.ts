// A container's network: none (its own namespace with only loopback), host (the host's), or private (its own
// namespace joined to the host by a veth pair on a /30 of 10.89.0.0/16). ip-netns(8), veth(4), OCI runtime-spec
// `linux.namespaces[].path`: https://github.com/opencontainers/runtime-spec/blob/main/config-linux.md#namespaces

import { existsSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { isMissingObject, runIp, runIpJson } from './ip-command.js';
import { networkNames, type NetworkNames } from './names.js';
import { withNetworkLock } from './network-lock.js';
import { hostIpv4Ranges, pickSubnet } from './subnet.js';

export type NetworkMode = 'none' | 'host' | 'private';

export interface ContainerNetwork {
  mode: NetworkMode;
  /** The network namespace the container joins (none, private); absent for host. */
  namespacePath?: string;
  /** The container's IPv4 address on eth0 (private). */
  address?: string;
  /** The host side's IPv4 address, the container's default gateway (private). */
  hostAddress?: string;
}

const MODES: readonly NetworkMode[] = ['host', 'none', 'private'];

/** `--network` text to a mode; anything else is an InputError. */
export function parseNetworkMode(text: string): NetworkMode {
  if ((MODES as readonly string[]).includes(text)) return text as NetworkMode;
  throw new InputError(`--network ${text}`, `must be one of ${MODES.join(', ')}`);
}

/**
 * Creates the network of container `name`. A namespace of that name that already exists is an InputError (another
 * container's, or one a crash left: removeContainerNetwork clears it). A failed create removes what it made.
 */
export async function createContainerNetwork(
  name: string,
  mode: NetworkMode,
): Promise<ContainerNetwork> {
  const names = networkNames(name);
  parseNetworkMode(mode);
  if (mode === 'host') return { mode };
  if (existsSync(names.namespacePath))
    throw new InputError(name, `network namespace ${names.namespace} already exists`);
  try {
    await runIp(['netns', 'add', names.namespace]);
  } catch (err) {
    if (existsSync(names.namespacePath))
      throw new InputError(name, `network namespace ${names.namespace} already exists`);
    throw err;
  }
  try {
    await runIp(['-n', names.namespace, 'link', 'set', 'lo', 'up']);
    if (mode === 'none') return { mode, namespacePath: names.namespacePath };
    return await joinToHost(names);
  } catch (err) {
    await removeContainerNetwork(name).catch(() => undefined);
    throw err;
  }
}

async function joinToHost(names: NetworkNames): Promise<ContainerNetwork> {
  const ns = ['-n', names.namespace];
  // A host veth left by a container whose namespace outlived `ip netns del` (a process still held it) has our name.
  await removeOwnedVeth(names);
  // The host side's address is what marks the subnet taken for the next allocation, so it is set inside the lock.
  const subnet = await withNetworkLock(async () => {
    const chosen = pickSubnet(hostIpv4Ranges(await runIpJson(['addr', 'show'])));
    await runIp([
      'link',
      'add',
      names.hostVeth,
      'type',
      'veth',
      'peer',
      'name',
      names.peerVeth,
      'netns',
      names.namespace,
    ]);
    await runIp(['link', 'set', 'dev', names.hostVeth, 'alias', names.alias]);
    await runIp([
      'addr',
      'add',
      `${chosen.hostAddress}/${chosen.prefixLength}`,
      'dev',
      names.hostVeth,
    ]);
    return chosen;
  });
  await runIp(['link', 'set', 'dev', names.hostVeth, 'up']);
  await runIp([...ns, 'link', 'set', 'dev', names.peerVeth, 'name', 'eth0']);
  await runIp([
    ...ns,
    'addr',
    'add',
    `${subnet.containerAddress}/${subnet.prefixLength}`,
    'dev',
    'eth0',
  ]);
  await runIp([...ns, 'link', 'set', 'dev', 'eth0', 'up']);
  await runIp([...ns, 'route', 'add', 'default', 'via', subnet.hostAddress, 'dev', 'eth0']);
  return {
    mode: 'private',
    namespacePath: names.namespacePath,
    address: subnet.containerAddress,
    hostAddress: subnet.hostAddress,
  };
}

/**
 * Removes the network of container `name`: its host veth (only a veth carrying the alias `seawall:<name>`) and its
 * namespace `sw-<name>`. Whatever is already gone is skipped, so it can be called any number of times.
 */
export async function removeContainerNetwork(name: string): Promise<void> {
  const names = networkNames(name);
  await removeOwnedVeth(names);
  if (!existsSync(names.namespacePath)) return;
  try {
    await runIp(['netns', 'delete', names.namespace]);
  } catch (err) {
    if (!isMissingObject(err) || existsSync(names.namespacePath)) throw err;
  }
}

async function removeOwnedVeth(names: NetworkNames): Promise<void> {
  let links: unknown;
  try {
    links = await runIpJson(['-d', 'link', 'show', 'dev', names.hostVeth]);
  } catch (err) {
    if (isMissingObject(err)) return;
    throw err;
  }
  const link = Array.isArray(links) ? (links[0] as Record<string, unknown> | undefined) : undefined;
  const kind = (link?.linkinfo as { info_kind?: unknown } | undefined)?.info_kind;
  if (kind !== 'veth' || link?.ifalias !== names.alias) return;
  try {
    await runIp(['link', 'delete', 'dev', names.hostVeth]);
  } catch (err) {
    if (!isMissingObject(err)) throw err;
  }
}
