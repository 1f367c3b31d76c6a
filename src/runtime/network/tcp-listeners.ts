// Which TCP ports have a listener that a bind to 127.0.0.1 would collide with, read synchronously from the kernel's
// socket tables: /proc/net/tcp and /proc/net/tcp6, proc(5) https://man7.org/linux/man-pages/man5/proc_net_tcp.5.html

import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';

export interface TcpListener {
  address: string;
  port: number;
}

const LISTEN_STATE = '0A';

/**
 * The listening sockets in the text of /proc/net/tcp or /proc/net/tcp6. The kernel prints each address as 32-bit
 * words in host byte order and the port in hex; addresses come back as dotted IPv4, or IPv6 in 8 hex groups.
 */
export function parseProcNetTcp(text: string): TcpListener[] {
  const listeners: TcpListener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || fields[3] !== LISTEN_STATE) continue;
    const [hexAddress, hexPort] = (fields[1] ?? '').split(':');
    if (!hexAddress || !hexPort || !/^[0-9A-F]+$/i.test(hexAddress + hexPort)) continue;
    const bytes = Buffer.from(hexAddress, 'hex');
    if (endianness() === 'LE')
      for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
    const address =
      bytes.length === 4
        ? [...bytes].join('.')
        : Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16)).join(':');
    listeners.push({ address, port: parseInt(hexPort, 16) });
  }
  return listeners;
}

// 127.0.0.1, the IPv4 wildcard, the IPv6 wildcard (dual-stack unless IPV6_V6ONLY, which the table does not show) and
// 127.0.0.1 mapped into IPv6 all keep a listener from binding 127.0.0.1 on the same port.
const COLLIDING = new Set(['127.0.0.1', '0.0.0.0', '0:0:0:0:0:0:0:0', '0:0:0:0:0:ffff:7f00:1']);

/** Whether something in this network namespace already listens where 127.0.0.1:port would. */
export function loopbackPortTaken(port: number): boolean {
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 in this kernel
    }
    if (parseProcNetTcp(text).some((l) => l.port === port && COLLIDING.has(l.address))) return true;
  }
  return false;
}
