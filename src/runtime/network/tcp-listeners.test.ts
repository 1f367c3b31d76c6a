import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { after, describe, it } from 'node:test';
import { loopbackPortTaken, parseProcNetTcp } from './tcp-listeners.js';

const servers: Server[] = [];
after(() => servers.forEach((s) => s.close()));

async function listen(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as { port: number }).port;
}

describe('TCP listeners from /proc/net/tcp', () => {
  it('finds a real loopback listener with its address and port', async () => {
    const port = await listen('127.0.0.1');
    const listeners = parseProcNetTcp(readFileSync('/proc/net/tcp', 'utf8'));
    assert.ok(listeners.some((l) => l.address === '127.0.0.1' && l.port === port));
    assert.equal(loopbackPortTaken(port), true);
  });

  it('counts an IPv6 wildcard listener as taking the port, and a closed port as free', async () => {
    const port = await listen('::');
    const listeners = parseProcNetTcp(readFileSync('/proc/net/tcp6', 'utf8'));
    assert.ok(listeners.some((l) => l.address === '0:0:0:0:0:0:0:0' && l.port === port));
    assert.equal(loopbackPortTaken(port), true);
    servers.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(loopbackPortTaken(port), false);
  });

  it('ignores sockets that are not listening', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 1 1',
      '   1: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1',
    ].join('\n');
    assert.deepEqual(parseProcNetTcp(text), [{ address: '127.0.0.1', port: 80 }]);
  });
});
