import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:net';
import { after, describe, it } from 'node:test';
import {
  formatPublish,
  parsePublish,
  spawnDetachedPublisher,
  startPublisher,
  type PortMapping,
} from './publish.js';
import { freePort, processAlive } from '../../testing/ports.js';

const servers: Server[] = [];
const closers: (() => Promise<void>)[] = [];
const pids: number[] = [];
const logFile = join(tmpdir(), `seawall-publisher-test-${process.pid}.log`);

after(async () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const close of closers) await close().catch(() => undefined);
  for (const server of servers) server.close();
  rmSync(logFile, { force: true });
});

const mapping = (hostPort: number, containerPort: number): PortMapping => ({
  hostPort,
  containerPort,
  protocol: 'tcp',
  hostAddress: '127.0.0.1',
});

async function listen(server: Server, port = 0): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return (server.address() as { port: number }).port;
}

/** Reads the request until the client's FIN, then answers and closes: it only works if half-close is passed on. */
function replyAfterEnd(): Server {
  return createServer({ allowHalfOpen: true }, (socket) => {
    let got = '';
    socket.on('data', (d) => (got += d.toString()));
    socket.on('end', () => socket.end(`got:${got}`));
  });
}

/** Sends text, half-closes, and returns everything received until the proxy closes the connection. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.end(text);
  });
}

describe('parsePublish', () => {
  it('reads HOSTPORT:PORT, with 127.0.0.1 and /tcp', () => {
    assert.deepEqual(parsePublish('8080:80'), mapping(8080, 80));
    assert.deepEqual(parsePublish('127.0.0.1:8080:80'), mapping(8080, 80));
    assert.deepEqual(parsePublish('65535:1/tcp'), mapping(65535, 1));
    assert.equal(formatPublish(parsePublish('8080:80')), '127.0.0.1:8080:80/tcp');
  });

  it('refuses bad text with an InputError naming it', () => {
    for (const bad of [
      '',
      '80',
      '8080:',
      ':80',
      '0:80',
      '8080:0',
      '8080:65536',
      '123456:80',
      'http:80',
      ' 8080:80',
      '8080:80/udp',
      '0.0.0.0:8080:80',
      '[::1]:8080:80',
      '8080:80:90',
      '8080-8081:80',
    ])
      assert.throws(
        () => parsePublish(bad),
        (err: Error) => err.name === 'InputError' && err.message.startsWith(`--publish ${bad}:`),
        JSON.stringify(bad),
      );
  });
});

describe('the publisher (TCP proxy on 127.0.0.1)', () => {
  it('forwards both ways and passes a half-close on', async () => {
    const upstreamPort = await listen(replyAfterEnd());
    const hostPort = await freePort();
    const publisher = await startPublisher(mapping(hostPort, upstreamPort), '127.0.0.1');
    closers.push(() => publisher.close());
    assert.equal(await exchange(hostPort, 'ping'), 'got:ping');
    const big = 'x'.repeat(1 << 20);
    assert.equal(await exchange(hostPort, big), `got:${big}`);
  });

  it('closes the client when the upstream refuses, and lives on', async () => {
    const upstreamPort = await freePort(); // nothing listens there yet
    const hostPort = await freePort();
    const lines: string[] = [];
    const publisher = await startPublisher(mapping(hostPort, upstreamPort), '127.0.0.1', {
      log: (line) => lines.push(line),
    });
    closers.push(() => publisher.close());
    assert.equal(await exchange(hostPort, 'anyone?'), '');
    assert.equal(await exchange(hostPort, 'anyone?'), '');
    assert.ok(
      lines.some((l) => /ECONNREFUSED/.test(l)),
      lines.join('\n'),
    );
    await listen(replyAfterEnd(), upstreamPort);
    assert.equal(await exchange(hostPort, 'now'), 'got:now');
  });

  it('reports a host port in use as an InputError naming the port', async () => {
    const taken = await listen(createServer());
    await assert.rejects(startPublisher(mapping(taken, 80), '127.0.0.1'), {
      name: 'InputError',
      message: `127.0.0.1:${taken}: host port ${taken} is already in use`,
    });
    assert.throws(() => spawnDetachedPublisher([mapping(taken, 80)], '127.0.0.1', logFile), {
      name: 'InputError',
      message: `127.0.0.1:${taken}: host port ${taken} is already in use`,
    });
  });

  it('refuses a container address that is not IPv4', async () => {
    await assert.rejects(startPublisher(mapping(await freePort(), 80), 'example.org'), {
      name: 'InputError',
    });
  });

  it('runs detached, forwarding every mapping, and stops on SIGTERM', async () => {
    const upstreamA = await listen(replyAfterEnd());
    const upstreamB = await listen(replyAfterEnd());
    const [portA, portB] = [await freePort(), await freePort()];
    const pid = spawnDetachedPublisher(
      [mapping(portA, upstreamA), mapping(portB, upstreamB)],
      '127.0.0.1',
      logFile,
    );
    pids.push(pid);
    assert.notEqual(pid, process.pid);
    await waitFor(
      () => readLog().includes(`listening 127.0.0.1:${portB}`),
      'the publisher to listen',
    );
    assert.equal(await exchange(portA, 'a'), 'got:a');
    assert.equal(await exchange(portB, 'b'), 'got:b');

    process.kill(pid, 'SIGTERM');
    await waitFor(() => !processAlive(pid), 'the publisher to exit');
    assert.match(readLog(), /SIGTERM: stopping/);
    // Its ports are free again.
    await listen(createServer(), portA);
  });
});

function readLog(): string {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
}

async function waitFor(done: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !done();) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${readLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
