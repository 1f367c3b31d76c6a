import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { after, describe, it } from 'node:test';
import {
  createContainerNetwork,
  parseNetworkMode,
  removeContainerNetwork,
  type ContainerNetwork,
} from './container-network.js';
import { IpCommandError, runIp, runIpJson } from './ip-command.js';
import { networkNames } from './names.js';
import { startPublisher } from './publish.js';
import { freePort } from '../../testing/ports.js';

// Real namespaces and veths (root): names unique to this run, and all removed in `after` whatever happened.
const prefix = `t${process.pid}`;
const toRemove = new Set<string>();
const servers: ChildProcess[] = [];
const foreignLinks: string[] = [];

after(async () => {
  for (const server of servers) server.kill('SIGKILL');
  for (const name of toRemove) await removeContainerNetwork(name).catch(() => undefined);
  for (const link of foreignLinks)
    await runIp(['link', 'delete', 'dev', link]).catch(() => undefined);
});

async function create(suffix: string, mode: 'none' | 'private'): Promise<ContainerNetwork> {
  const name = `${prefix}-${suffix}`;
  toRemove.add(name);
  return createContainerNetwork(name, mode);
}

interface LinkJson {
  ifname: string;
  flags: string[];
}

async function linksIn(namespace: string): Promise<LinkJson[]> {
  return (await runIpJson(['-n', namespace, 'link', 'show'])) as LinkJson[];
}

async function linkExists(dev: string): Promise<boolean> {
  try {
    await runIp(['link', 'show', 'dev', dev]);
    return true;
  } catch (err) {
    if (err instanceof IpCommandError) return false;
    throw err;
  }
}

/** An HTTP server inside the namespace on 0.0.0.0:8000, answering with the namespace's name. */
async function serveIn(namespace: string): Promise<void> {
  const script = `require('http').createServer((q, s) => s.end('hello from ${namespace}'))
    .listen(8000, '0.0.0.0', () => console.log('ready'));`;
  const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  servers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`server in ${namespace} exited ${code}`)));
  });
}

function httpGet(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${host}:${port}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('container networks (root, iproute2)', () => {
  it('none: a namespace with only loopback, and it is up', async () => {
    const net = await create('none', 'none');
    const { namespace, namespacePath } = networkNames(`${prefix}-none`);
    assert.deepEqual(net, { mode: 'none', namespacePath });
    assert.ok(existsSync(namespacePath));
    const links = await linksIn(namespace);
    assert.deepEqual(
      links.map((l) => l.ifname),
      ['lo'],
    );
    assert.ok(links[0]!.flags.includes('UP'), `lo flags: ${links[0]!.flags.join(',')}`);
  });

  it('host: nothing is created', async () => {
    assert.deepEqual(await createContainerNetwork(`${prefix}-host`, 'host'), { mode: 'host' });
    assert.equal(existsSync(networkNames(`${prefix}-host`).namespacePath), false);
  });

  const privates: ContainerNetwork[] = [];

  it('private: two created at once get different /30s, eth0 and a default route', async () => {
    privates.push(...(await Promise.all([create('p1', 'private'), create('p2', 'private')])));
    const [a, b] = privates as [ContainerNetwork, ContainerNetwork];
    for (const [net, suffix] of [
      [a, 'p1'],
      [b, 'p2'],
    ] as const) {
      const names = networkNames(`${prefix}-${suffix}`);
      assert.equal(net.mode, 'private');
      assert.equal(net.namespacePath, names.namespacePath);
      assert.match(net.address!, /^10\.89\.\d+\.\d+$/);
      const links = await linksIn(names.namespace);
      assert.deepEqual(links.map((l) => l.ifname).sort(), ['eth0', 'lo']);
      assert.ok(links.every((l) => l.flags.includes('UP')));
      const routes = (await runIpJson(['-n', names.namespace, 'route', 'show', 'default'])) as {
        gateway?: string;
        dev?: string;
      }[];
      assert.deepEqual(
        routes.map((r) => [r.gateway, r.dev]),
        [[net.hostAddress, 'eth0']],
      );
      const hostSide = (await runIpJson(['addr', 'show', 'dev', names.hostVeth])) as {
        addr_info: { family: string; local: string; prefixlen: number }[];
      }[];
      assert.deepEqual(
        hostSide[0]!.addr_info
          .filter((i) => i.family === 'inet')
          .map((i) => `${i.local}/${i.prefixlen}`),
        [`${net.hostAddress}/30`],
      );
    }
    const subnetOf = (address: string) =>
      address
        .split('.')
        .map(Number)
        .reduce((n, p) => n * 256 + p) >>> 2;
    assert.notEqual(subnetOf(a.address!), subnetOf(b.address!));
  });

  it('private: a server in the namespace answers at its address and through a publisher', async () => {
    const [a] = privates as [ContainerNetwork];
    const { namespace } = networkNames(`${prefix}-p1`);
    await serveIn(namespace);
    assert.equal(await httpGet(a.address!, 8000), `hello from ${namespace}`);
    const hostPort = await freePort();
    const publisher = await startPublisher(
      { hostPort, containerPort: 8000, protocol: 'tcp', hostAddress: '127.0.0.1' },
      a.address!,
    );
    try {
      assert.equal(await httpGet('127.0.0.1', hostPort), `hello from ${namespace}`);
    } finally {
      await publisher.close();
    }
  });

  it('remove deletes the namespace and the veth, and can be repeated', async () => {
    for (const suffix of ['p1', 'p2', 'none']) {
      const name = `${prefix}-${suffix}`;
      const names = networkNames(name);
      await removeContainerNetwork(name);
      assert.equal(existsSync(names.namespacePath), false, names.namespacePath);
      assert.equal(await linkExists(names.hostVeth), false, names.hostVeth);
      await removeContainerNetwork(name);
    }
    const listed = await runIp(['netns', 'list']);
    assert.doesNotMatch(listed, new RegExp(`sw-${prefix}-`));
    await removeContainerNetwork(`${prefix}-never-created`);
  });

  it('remove leaves alone an interface of the same name that it did not create', async () => {
    const name = `${prefix}-foreign`;
    const { hostVeth } = networkNames(name);
    foreignLinks.push(hostVeth);
    await runIp(['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', `${hostVeth}x`]);
    await removeContainerNetwork(name);
    assert.ok(await linkExists(hostVeth));
  });

  it('refuses a namespace that already exists, and bad names and modes', async () => {
    await create('twice', 'none');
    await assert.rejects(createContainerNetwork(`${prefix}-twice`, 'private'), {
      name: 'InputError',
      message: /already exists/,
    });
    // The refused create removed nothing of the first one.
    assert.ok(existsSync(networkNames(`${prefix}-twice`).namespacePath));
    await assert.rejects(createContainerNetwork('../escape', 'none'), { name: 'InputError' });
    assert.throws(() => parseNetworkMode('bridge'), {
      name: 'InputError',
      message: /--network bridge/,
    });
    assert.equal(parseNetworkMode('private'), 'private');
  });
});
