// Chooses the /30 of a private container network from 10.89.0.0/16, avoiding every IPv4 range already on the host
// (read from `ip -j addr`, whose host-side veth addresses also record the subnets of other containers). RFC 1918, RFC 3021.

import { InputError } from '../../errors.js';

/** An inclusive range of IPv4 addresses as unsigned 32-bit numbers. */
export interface Ipv4Range {
  first: number;
  last: number;
}

/** One container's point-to-point subnet: the host side takes the first usable address, the container the second. */
export interface PrivateSubnet {
  /** e.g. `10.89.0.4/30`. */
  cidr: string;
  prefixLength: number;
  hostAddress: string;
  containerAddress: string;
}

export const POOL_CIDR = '10.89.0.0/16';
const POOL_FIRST = ipv4ToNumber('10.89.0.0')!;
const POOL_SIZE = 1 << 16;
// A /30 rather than a /31: its network and broadcast addresses are never handed out, and every tool understands it.
const SUBNET_PREFIX = 30;
const SUBNET_SIZE = 1 << (32 - SUBNET_PREFIX);

export function ipv4ToNumber(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
    return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function numberToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The whole network of an address with its prefix length: 192.0.2.2/24 -> 192.0.2.0 .. 192.0.2.255. */
export function rangeOf(address: string, prefixLength: number): Ipv4Range | undefined {
  const n = ipv4ToNumber(address);
  if (n === undefined || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32)
    return undefined;
  const size = 2 ** (32 - prefixLength);
  const first = n - (n % size);
  return { first, last: first + size - 1 };
}

/**
 * Every IPv4 network on the host's interfaces, from the output of `ip -j addr`: each local address with its prefix,
 * and the peer address of a point-to-point link. Entries of another shape are skipped: they hold no IPv4 network.
 */
export function hostIpv4Ranges(ipAddrJson: unknown): Ipv4Range[] {
  const ranges: Ipv4Range[] = [];
  if (!Array.isArray(ipAddrJson)) return ranges;
  for (const link of ipAddrJson as unknown[]) {
    const infos = (link as { addr_info?: unknown } | null)?.addr_info;
    if (!Array.isArray(infos)) continue;
    for (const info of infos as unknown[]) {
      const { family, local, address, prefixlen } = (info ?? {}) as Record<string, unknown>;
      if (family !== 'inet' || typeof prefixlen !== 'number') continue;
      for (const addr of [local, address]) {
        const range = typeof addr === 'string' ? rangeOf(addr, prefixlen) : undefined;
        if (range) ranges.push(range);
      }
    }
  }
  return ranges.sort((a, b) => a.first - b.first || a.last - b.last);
}

/** The first /30 of 10.89.0.0/16 that overlaps none of the given ranges. */
export function pickSubnet(used: readonly Ipv4Range[]): PrivateSubnet {
  for (let first = POOL_FIRST; first < POOL_FIRST + POOL_SIZE; first += SUBNET_SIZE) {
    const last = first + SUBNET_SIZE - 1;
    const clash = used.find((r) => r.first <= last && r.last >= first);
    if (clash) {
      // Skip the whole clashing range at once (a host /16 would otherwise cost 16384 scans).
      first = clash.last - ((clash.last - POOL_FIRST) % SUBNET_SIZE);
      continue;
    }
    return {
      cidr: `${numberToIpv4(first)}/${SUBNET_PREFIX}`,
      prefixLength: SUBNET_PREFIX,
      hostAddress: numberToIpv4(first + 1),
      containerAddress: numberToIpv4(first + 2),
    };
  }
  throw new InputError(POOL_CIDR, 'no free /30 subnet left for a private container network');
}
