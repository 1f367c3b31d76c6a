import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SensorEvent } from '../behaviour.js';
import { capturedSensorRun } from '../../testing/sensor-capture.js';
import { summarise } from './summarise.js';

const meta = {
  container: { name: 'fixture', image: 'dir:/', command: ['sh'] },
  arch: 'x86_64',
  durationSeconds: 0.1,
};

describe('summarise a captured sensor run', () => {
  const { events, stats } = capturedSensorRun();
  const summary = summarise(events, stats, meta);

  it('lists each program run once, sorted by path', () => {
    assert.deepEqual(
      summary.processes.map((p) => [p.path, p.argv[0], p.uid, p.count]),
      [
        ['/bin/echo', '/bin/echo', 0, 1],
        ['/usr/bin/mount', 'mount', 0, 1],
        ['/usr/bin/python3', '/usr/bin/python3', 0, 1],
        ['/usr/bin/umount', 'umount', 0, 1],
      ],
    );
    assert.deepEqual(summary.uids, [0]);
  });

  it('lists files once with every access their opens asked for', () => {
    const work = summary.files.filter((f) => f.path.startsWith('/tmp/fx/work/'));
    assert.deepEqual(work, [
      { path: '/tmp/fx/work/appended', access: ['create', 'read', 'write'] },
      { path: '/tmp/fx/work/bytes\ufffd\ufffd', access: ['create', 'write'] },
      { path: '/tmp/fx/work/mnt', access: ['read'] },
      { path: '/tmp/fx/work/new\nline', access: ['create', 'write'] },
      { path: '/tmp/fx/work/tab\there', access: ['create', 'write'] },
      { path: '/tmp/fx/work/ünïcode', access: ['create', 'write'] },
    ]);
    const paths = summary.files.map((f) => f.path);
    assert.deepEqual(paths, [...new Set(paths)].sort());
  });

  it('splits the network into listens, connects and plain binds', () => {
    assert.deepEqual(summary.network, {
      families: ['inet', 'inet6', 'packet', 'unix'],
      listen: [{ family: 'inet', protocol: 'tcp', address: '127.0.0.1', port: 18555 }],
      connect: [
        { family: 'inet', protocol: 'tcp', address: '127.0.0.1', port: 18555 },
        { family: 'inet', protocol: 'udp', address: '127.0.0.53', port: 53 },
        { family: 'inet6', protocol: 'tcp', address: '::1', port: 9 },
        { family: 'inet6', protocol: 'udp', address: '::ffff:127.0.0.1', port: 53 },
        { family: 'inet6', protocol: 'udp', address: 'fe80::1:2', port: 5353 },
        { family: 'unix', protocol: 'other', address: '/tmp/fx/work/no-such.sock', port: 0 },
      ],
      bind: [{ family: 'unix', protocol: 'other', address: '@seawall-abstract', port: 0 }],
    });
  });

  it('derives the privileged operations', () => {
    assert.deepEqual(summary.privileged, [
      { operation: 'chown', details: ['/tmp/fx/work/appended', 'fd:11'], count: 3 },
      { operation: 'chroot', details: ['/'], count: 1 },
      { operation: 'kill', details: ['signal 0'], count: 1 },
      // the fifo made by mknod needs no privilege; the character device does
      { operation: 'mknod', details: ['char /tmp/fx/work/nulldev'], count: 1 },
      {
        operation: 'mount',
        details: ['tmpfs /tmp/fx/work/mnt', 'umount /tmp/fx/work/mnt'],
        count: 2,
      },
      { operation: 'ptrace', details: ['request 16902'], count: 1 },
      { operation: 'raw-socket', details: ['inet raw protocol 1', 'packet raw'], count: 2 },
      { operation: 'setgid', details: ['0'], count: 3 },
      { operation: 'setuid', details: ['0'], count: 2 },
      { operation: 'unshare', details: ['CLONE_NEWUTS'], count: 1 },
    ]);
  });

  it('carries the counts and the metadata over, syscalls sorted by name', () => {
    assert.equal(summary.eventCount, 166);
    assert.equal(summary.lostEvents, 0);
    assert.equal(summary.syscalls['openat'], 171);
    assert.deepEqual(Object.keys(summary.syscalls), Object.keys(summary.syscalls).sort());
    assert.deepEqual(summary.container, meta.container);
    assert.equal(summary.arch, 'x86_64');
  });
});

describe('summarise edge cases', () => {
  const base = { pid: 10, comm: 'nginx' };
  const stats = { syscalls: { bind: 2, listen: 1 }, lostEvents: 4, eventCount: 9 };

  it('pairs a listen with the latest bind of its process and descriptor, in time order', () => {
    const events: SensorEvent[] = [
      // arrives first, happened last: a line from another CPU's buffer
      { ...base, time: 5, type: 'listen', fd: 6, backlog: 511 },
      {
        ...base,
        time: 1,
        type: 'bind',
        family: 'inet',
        address: '0.0.0.0',
        port: 80,
        fd: 6,
        socketType: 'stream',
      } as SensorEvent,
      {
        ...base,
        time: 2,
        type: 'bind',
        family: 'inet6',
        address: '::',
        port: 80,
        fd: 7,
        socketType: 'stream',
      } as SensorEvent,
      {
        ...base,
        time: 3,
        type: 'bind',
        family: 'inet',
        address: '0.0.0.0',
        port: 5353,
        fd: 8,
        socketType: 'dgram',
      } as SensorEvent,
      { ...base, time: 4, type: 'listen', fd: 7, backlog: 511 },
      { ...base, pid: 11, time: 6, type: 'setuid', id: 33, syscall: 'setuid' },
      { ...base, pid: 11, time: 7, type: 'setuid', id: -1, syscall: 'setreuid' },
      { ...base, time: 8, type: 'kill', target: 11, signal: 15 },
      { ...base, time: 9, type: 'privileged', syscall: 'setns', detail: 'CLONE_NEWNET' },
    ];
    const summary = summarise(events, stats, meta);
    assert.deepEqual(summary.network.listen, [
      { family: 'inet', protocol: 'tcp', address: '0.0.0.0', port: 80 },
      { family: 'inet6', protocol: 'tcp', address: '::', port: 80 },
    ]);
    assert.deepEqual(summary.network.bind, [
      { family: 'inet', protocol: 'udp', address: '0.0.0.0', port: 5353 },
    ]);
    assert.deepEqual(summary.privileged, [
      { operation: 'bind-privileged-port', details: ['80'], count: 2 },
      { operation: 'kill', details: ['SIGTERM'], count: 1 },
      { operation: 'setns', details: ['CLONE_NEWNET'], count: 1 },
      { operation: 'setuid', details: ['33'], count: 2 },
    ]);
    assert.deepEqual(summary.uids, [33]);
    assert.equal(summary.lostEvents, 4);
  });
});
