import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SensorEvent } from '../behaviour.js';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import {
  SensorError,
  checkSensorRequirements,
  mountNamespaceOf,
  startSensor,
  type SensorStats,
} from './sensor.js';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));

describe('sensor requirements', () => {
  it('finds everything on this machine, and names what is missing', () => {
    assert.deepEqual(checkSensorRequirements(), []);
    assert.deepEqual(checkSensorRequirements({ bpftracePath: '/nonexistent/bpftrace' }), [
      'bpftrace (apt-get install bpftrace)',
    ]);
  });

  it('reads a mount namespace inode, and names a process that is not there', async () => {
    assert.ok((await mountNamespaceOf(process.pid)) > 0);
    await assert.rejects(
      mountNamespaceOf(2 ** 30),
      (err: unknown) => err instanceof InputError && /ns\/mnt/.test(err.message),
    );
  });

  it('reports a bpftrace that fails before attaching, with what it said', async () => {
    await assert.rejects(
      startSensor({ mountNamespace: 1, onEvent: () => {}, bpftracePath: '/bin/false' }),
      (err: unknown) =>
        err instanceof SensorError &&
        /before attaching its probes \(exit code 1\)/.test(err.message),
    );
    await assert.rejects(
      startSensor({ mountNamespace: 1, onEvent: () => {}, bpftracePath: '/nonexistent/bpftrace' }),
      (err: unknown) =>
        err instanceof SensorError && /cannot run \/nonexistent\/bpftrace/.test(err.message),
    );
  });
});

describe('sensor on a process in its own mount namespace', { timeout: 60_000 }, () => {
  const scratch = scratchDir('sensor');
  const dir = scratch.dir;
  const events: SensorEvent[] = [];
  let stats: SensorStats;
  let listener: Server;
  let listenerPort = 0;
  let bindPort = 0;
  let inside: ChildProcess | undefined;
  let outside: ChildProcess | undefined;

  before(async () => {
    listener = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerPort = (listener.address() as AddressInfo).port;
    bindPort = await freePort();
    mkdirSync(join(dir, 'mnt'));
    execFileSync('mkfifo', [join(dir, 'go'), join(dir, 'go-outside')]);
    const python = [
      'import socket',
      `c = socket.create_connection(("127.0.0.1", ${listenerPort})); c.close()`,
      `s = socket.socket(); s.bind(("127.0.0.1", ${bindPort})); s.listen(4); s.close()`,
    ].join('\n');
    writeFileSync(join(dir, 'net.py'), python);
    // The same actions twice: inside a new mount namespace, and outside it where the sensor must not see them.
    const actions = (tag: string) =>
      [
        `/bin/echo seawall-sensor-${tag} "two words" > /dev/null`,
        `echo data > ${dir}/${tag}.txt`,
        `chown 0:0 ${dir}/${tag}.txt`,
        `/usr/bin/python3 ${dir}/net.py`,
      ].join('; ');
    inside = spawn(
      'unshare',
      [
        '-m',
        '--propagation',
        'private',
        'sh',
        '-c',
        `read x < ${dir}/go; ${actions('inside')}; mount -t tmpfs seawall-test ${dir}/mnt`,
      ],
      { stdio: 'ignore' },
    );
    outside = spawn('sh', ['-c', `read x < ${dir}/go-outside; ${actions('outside')}`], {
      stdio: 'ignore',
    });

    const own = await mountNamespaceOf(process.pid);
    let namespace = own;
    // unshare(1) enters the namespace before it runs sh: wait for that.
    for (let i = 0; namespace === own && i < 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      namespace = await mountNamespaceOf(inside.pid!);
    }
    assert.notEqual(namespace, own);

    const sensor = await startSensor({ mountNamespace: namespace, onEvent: (e) => events.push(e) });
    execFileSync('sh', ['-c', `echo go > ${dir}/go-outside & echo go > ${dir}/go; wait`]);
    await Promise.all([exited(inside), exited(outside)]);
    // Promptly: a namespace's inode is free for another namespace once its last process has gone.
    stats = await sensor.stop();
  });

  after(async () => {
    for (const child of [inside, outside])
      if (child && child.exitCode === null) child.kill('SIGKILL');
    await new Promise((resolve) => listener.close(resolve));
    scratch.remove();
  });

  const of = <T extends SensorEvent['type']>(type: T) =>
    events.filter((e): e is SensorEvent & { type: T } => e.type === type);

  it('sees the exec of a known binary with its argv', () => {
    const echo = of('exec').filter((e) => e.path === '/bin/echo');
    assert.deepEqual(
      echo.map((e) => [e.argv, e.comm, e.uid]),
      [[['/bin/echo', 'seawall-sensor-inside', 'two words'], 'echo', 0]],
    );
    assert.ok(of('exit').some((e) => e.pid === echo[0]!.pid && e.code === 0));
  });

  it('sees a file opened for writing and created', () => {
    const created = of('open').filter((e) => e.path === `${dir}/inside.txt`);
    assert.deepEqual(
      created.map((e) => [e.access, e.flags & 0o1101]),
      [['create', 0o1101]], // O_CREAT|O_TRUNC|O_WRONLY
    );
  });

  it('sees the connect to a loopback listener and a bind followed by listen', () => {
    assert.deepEqual(
      of('connect')
        .filter((e) => e.family === 'inet')
        .map((e) => [e.address, e.port, e.comm]),
      [['127.0.0.1', listenerPort, 'python3']],
    );
    const bind = of('bind').filter((e) => e.family === 'inet');
    assert.deepEqual(
      bind.map((e) => [e.address, e.port]),
      [['127.0.0.1', bindPort]],
    );
    assert.deepEqual(
      of('listen').map((e) => [e.pid, e.backlog]),
      [[bind[0]!.pid, 4]],
    );
  });

  it('sees chown and the tmpfs mount', () => {
    assert.deepEqual(
      of('chown').map((e) => [e.path, e.uid, e.gid, e.syscall]),
      [[`${dir}/inside.txt`, 0, 0, 'fchownat']],
    );
    assert.deepEqual(
      of('mount').map((e) => [e.source, e.target, e.fstype]),
      [['seawall-test', `${dir}/mnt`, 'tmpfs']],
    );
  });

  it('counts syscalls and loses nothing', () => {
    assert.ok((stats.syscalls['openat'] ?? 0) > 10);
    assert.equal(stats.syscalls['execve'], 4); // echo, chown, python3, mount
    assert.equal(stats.syscalls['mount'], 1);
    assert.equal(stats.lostEvents, 0);
    assert.equal(stats.malformedLines, 0);
    assert.equal(stats.eventCount, events.length);
  });

  it('does not see the same actions outside the namespace', () => {
    const text = JSON.stringify(events);
    assert.doesNotMatch(text, /seawall-sensor-outside|outside\.txt/);
    assert.equal(of('connect').filter((e) => e.family === 'inet').length, 1);
  });
});
