// `--publish [127.0.0.1:]HOSTPORT:PORT[/tcp]`: a container port forwarded from the host's loopback by a TCP proxy, in
// this process or in a detached one. Syntax after Docker's `-p`: https://docs.docker.com/reference/cli/docker/container/run/#publish

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors.js';
import { loopbackPortTaken } from './tcp-listeners.js';
import { startTcpProxy, type ProxyOptions } from './tcp-proxy.js';

export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp';
  hostAddress: '127.0.0.1';
}

// Only loopback: the machines Seawall's runtime targets allow no other traffic, and a published port reachable from
// the network is a decision this flag should not make silently.
const PUBLISH =
  /^(?:(?<host>[^:]+):)?(?<hostPort>\d{1,5}):(?<containerPort>\d{1,5})(?:\/(?<protocol>[a-z]+))?$/;

/** Parses `HOSTPORT:PORT`, `127.0.0.1:HOSTPORT:PORT`, either with `/tcp`; anything else is an InputError. */
export function parsePublish(text: string): PortMapping {
  const subject = `--publish ${text}`;
  const match = PUBLISH.exec(text);
  if (!match?.groups)
    throw new InputError(subject, 'expected HOSTPORT:PORT or 127.0.0.1:HOSTPORT:PORT');
  const { host, protocol } = match.groups;
  if (host !== undefined && host !== '127.0.0.1')
    throw new InputError(subject, 'only 127.0.0.1 can be published on');
  if (protocol !== undefined && protocol !== 'tcp')
    throw new InputError(subject, `only tcp can be published, not ${protocol}`);
  const port = (digits: string | undefined, what: string): number => {
    const n = Number(digits);
    if (!Number.isInteger(n) || n < 1 || n > 65535)
      throw new InputError(subject, `${what} must be 1 to 65535`);
    return n;
  };
  return {
    hostPort: port(match.groups.hostPort, 'the host port'),
    containerPort: port(match.groups.containerPort, 'the container port'),
    protocol: 'tcp',
    hostAddress: '127.0.0.1',
  };
}

/** The mapping as parsePublish reads it back, `127.0.0.1:8080:80/tcp`. */
export function formatPublish(mapping: PortMapping): string {
  return `${mapping.hostAddress}:${mapping.hostPort}:${mapping.containerPort}/${mapping.protocol}`;
}

/** Forwards 127.0.0.1:hostPort to containerAddress:containerPort from this process until closed. */
export async function startPublisher(
  mapping: PortMapping,
  containerAddress: string,
  options: ProxyOptions = {},
): Promise<{ close(): Promise<void> }> {
  return startTcpProxy(
    {
      listenHost: mapping.hostAddress,
      listenPort: mapping.hostPort,
      upstreamHost: checkedAddress(containerAddress),
      upstreamPort: mapping.containerPort,
    },
    options,
  );
}

/**
 * Starts a publisher process for all mappings that outlives this one (a detached `seawall run`), its output appended
 * to logFile; it stops on SIGTERM. Returns its pid. A host port something already listens on is an InputError here;
 * one taken in the moment between this check and the child's bind makes the child log it and exit 2.
 */
export function spawnDetachedPublisher(
  mappings: PortMapping[],
  containerAddress: string,
  logFile: string,
): number {
  if (mappings.length === 0) throw new Error('spawnDetachedPublisher: no port mappings');
  const seen = new Set<number>();
  for (const { hostPort } of mappings) {
    if (seen.has(hostPort))
      throw new InputError(`--publish ${hostPort}`, `host port ${hostPort} is published twice`);
    seen.add(hostPort);
    if (loopbackPortTaken(hostPort))
      throw new InputError(`127.0.0.1:${hostPort}`, `host port ${hostPort} is already in use`);
  }
  const entry = publisherEntry();
  const out = openSync(logFile, 'a');
  try {
    const child = spawn(
      process.execPath,
      [entry, checkedAddress(containerAddress), ...mappings.map(formatPublish)],
      { detached: true, stdio: ['ignore', out, out] },
    );
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start the publisher (${entry})`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

function checkedAddress(address: string): string {
  if (!isIPv4(address)) throw new InputError(address, 'not an IPv4 container address');
  return address;
}

/** The publisher's entry: beside this module in tsc's output, or the bundle's own entry beside its chunk. */
function publisherEntry(): string {
  for (const candidate of ['./publisher-main.js', './publisher-main.mjs']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`publisher-main.js not found beside ${fileURLToPath(import.meta.url)}`);
}
