import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SensorEvent } from '../behaviour.js';
import { fixturePath } from '../../testing/fixtures.js';
import { SensorOutputParser, parseOutputLine, printfBytes } from './parse-output.js';

// Captured from bpftrace 0.17 running program.ts on a namespace where a shell ran echo, mount, umount and a Python
// script (renamed to "we\tird\xffname" for its first opens) doing sockets, ids, chown, mknod, chroot, ptrace, unshare.
const runLines = readFileSync(fixturePath('sensor', 'bpftrace-0.17-run.jsonl'), 'utf8').split('\n');
// Three perf-buffer loss reports from bpftrace 0.17 with a 1-page buffer under a getppid storm.
const lostLines = readFileSync(fixturePath('sensor', 'bpftrace-0.17-lost.jsonl'), 'utf8').split(
  '\n',
);

function parseAll(lines: string[]) {
  const events: SensorEvent[] = [];
  const malformed: string[] = [];
  const parser = new SensorOutputParser(
    (e) => events.push(e),
    (_line, problem) => malformed.push(problem),
  );
  for (const line of lines) parser.push(line);
  parser.finish();
  return { events, stats: parser.stats, malformed };
}

const lineWith = (fragment: string): string => {
  const found = runLines.find((l) => l.includes(fragment));
  assert.ok(found, `fixture line with ${fragment}`);
  return found;
};

describe('parseOutputLine on real bpftrace 0.17 lines', () => {
  it('reads the ready marker, the end marker, loss reports and maps', () => {
    assert.deepEqual(parseOutputLine(runLines[1]!), { type: 'ready', nsecs: 11336962591276n });
    assert.deepEqual(parseOutputLine(lineWith('"end\\n"')), { type: 'end' });
    assert.deepEqual(parseOutputLine(lostLines[0]!), { type: 'lost', count: 1950 });
    const repeats = parseOutputLine(lineWith('@repeats'));
    assert.deepEqual(repeats, { type: 'map', name: '@repeats', entries: { socket: 1, open: 3 } });
    assert.deepEqual(parseOutputLine(runLines[0]!), { type: 'ignored' }); // attached_probes
    assert.deepEqual(parseOutputLine(''), { type: 'ignored' }); // bpftrace ends with blank lines
  });

  it('keeps a tab and a non-UTF-8 byte in the task name inside its fixed width', () => {
    const parsed = parseOutputLine(lineWith('work/tab\\there'));
    assert.equal(parsed.type, 'record');
    if (parsed.type !== 'record') return;
    assert.equal(parsed.record.kind, 'open');
    assert.equal(parsed.record.comm, 'we\tird\ufffdname');
    assert.equal(parsed.record.text, '/tmp/fx/work/tab\there');
    assert.deepEqual(parsed.record.numbers, [524865n]);
  });

  it("turns bpftrace's \\uffffffXX escapes back into bytes", () => {
    const data = JSON.parse(lineWith('work/\\uffffffc3')).data as string;
    assert.ok(printfBytes(data).toString('utf8').endsWith('/tmp/fx/work/ünïcode\n'));
    assert.deepEqual([...printfBytes('a\uffffffff\ufffffffe')], [0x61, 0xff, 0xfe]);
    assert.deepEqual([...printfBytes('ü')], [0xc3, 0xbc]); // correct UTF-8 passes through
  });

  it('names what is wrong with a line it cannot read', () => {
    assert.deepEqual(parseOutputLine('Attaching 51 probes...'), {
      type: 'malformed',
      problem: 'not JSON',
    });
    assert.deepEqual(parseOutputLine('{"type": "printf", "data": "bogus\\t1\\n"}'), {
      type: 'malformed',
      problem: 'unknown record kind "bogus"',
    });
    assert.deepEqual(
      parseOutputLine(
        '{"type": "printf", "data": "open\\t1\\t1\\tx\\t0\\tsh             \\t/a\\n"}',
      ),
      {
        type: 'malformed',
        problem: 'bad open line',
      },
    );
    assert.deepEqual(
      parseOutputLine('{"type": "printf", "data": "listen\\t1\\t1\\t5\\t3\\t7\\tsh\\t\\n"}'),
      {
        type: 'malformed',
        problem: 'bad task name in listen line',
      },
    );
  });
});

describe('SensorOutputParser on a real run', () => {
  const { events, stats, malformed } = parseAll(runLines);
  const of = <T extends SensorEvent['type']>(type: T) =>
    events.filter((e): e is SensorEvent & { type: T } => e.type === type);

  it('reads every line, loses nothing, and counts syscalls by name', () => {
    assert.deepEqual(malformed, []);
    assert.equal(stats.lostEvents, 0);
    assert.equal(stats.eventCount, events.length);
    assert.equal(stats.incompleteEvents, 0);
    assert.ok(stats.ended);
    assert.equal(stats.syscalls['openat'], 171);
    assert.equal(stats.syscalls['execve'], 4);
    assert.equal(stats.syscalls['mount'], 1);
    assert.equal(stats.syscalls['umount2'], 1);
    assert.deepEqual(stats.repeats, { socket: 1, open: 3 });
  });

  it('times events from the ready line, in milliseconds', () => {
    const first = events[0]!;
    assert.equal(first.time, 21.161);
    assert.ok(events.every((e) => e.time >= 0));
  });

  it('joins each exec to its argv parts, byte-exact where the argument is text', () => {
    assert.deepEqual(
      of('exec').map((e) => [e.path, e.argv, e.uid, e.ppid]),
      [
        ['/bin/echo', ['/bin/echo', 'tab\there', 'bytes\ufffd'], 0, 14038],
        [
          '/usr/bin/mount',
          ['mount', '-t', 'tmpfs', 'seawall-fixture', '/tmp/fx/work/mnt'],
          0,
          14038,
        ],
        ['/usr/bin/umount', ['umount', '/tmp/fx/work/mnt'], 0, 14038],
        [
          '/usr/bin/python3',
          ['/usr/bin/python3', '/tmp/fx/actions.py', '/tmp/fx/work', '18555'],
          0,
          14038,
        ],
      ],
    );
    assert.deepEqual(
      of('exit').map((e) => [e.comm, e.code]),
      [
        ['sh', 0],
        ['echo', 0],
        ['mount', 0],
        ['umount', 0],
        ['python3', 3],
        ['sh', 0],
      ],
    );
  });

  it('reads open paths with tabs, newlines and UTF-8, and their access', () => {
    const work = of('open').filter(
      (e) => e.path.startsWith('/tmp/fx/work/') && e.comm !== 'umount',
    );
    assert.deepEqual(
      work.map((e) => [e.path, e.access]),
      [
        ['/tmp/fx/work/tab\there', 'create'],
        ['/tmp/fx/work/new\nline', 'create'],
        ['/tmp/fx/work/bytes\ufffd\ufffd', 'create'],
        ['/tmp/fx/work/ünïcode', 'create'],
        ['/tmp/fx/work/appended', 'create'],
        ['/tmp/fx/work/appended', 'write'],
        ['/tmp/fx/work/appended', 'read'],
      ],
    );
  });

  it('reads socket, bind, listen and connect with their addresses', () => {
    const addresses = [...of('connect'), ...of('bind')].map((e) => [
      e.type,
      e.family,
      e.address,
      e.port,
    ]);
    assert.deepEqual(addresses, [
      ['connect', 'inet', '127.0.0.1', 18555],
      ['connect', 'inet6', '::1', 9],
      ['connect', 'inet6', '::ffff:127.0.0.1', 53],
      ['connect', 'inet6', 'fe80::1:2', 5353],
      ['connect', 'inet', '127.0.0.53', 53],
      ['connect', 'unix', '/tmp/fx/work/no-such.sock', 0],
      ['bind', 'inet', '127.0.0.1', 18555],
      ['bind', 'unix', '@seawall-abstract', 0],
    ]);
    const bind = of('bind')[0]!;
    assert.deepEqual(
      { ...bind },
      {
        time: 64.667,
        pid: 14095,
        comm: 'python3',
        type: 'bind',
        family: 'inet',
        address: '127.0.0.1',
        port: 18555,
        fd: 3,
        socketType: 'stream',
      },
    );
    assert.deepEqual(
      of('listen').map((e) => [e.fd, e.backlog]),
      [[3, 7]],
    );
    assert.deepEqual(
      of('socket').map((e) => [e.family, e.socketType, e.protocol]),
      [
        ['inet', 'stream', 0],
        ['inet', 'stream', 6],
        ['inet6', 'stream', 0],
        ['inet6', 'dgram', 0],
        ['inet', 'dgram', 0],
        ['unix', 'stream', 0],
        ['unix', 'dgram', 0],
        ['inet', 'raw', 1],
        ['packet', 'raw', 0],
      ],
    );
  });

  it('reads identity changes, chown, kill, ptrace, mount and the privileged calls', () => {
    assert.deepEqual(
      [...of('setgid'), ...of('setuid')].map((e) => [e.type, e.syscall, e.id]),
      [
        ['setgid', 'setgroups', 0],
        ['setgid', 'setresgid', 0],
        ['setgid', 'setgid', 0],
        ['setuid', 'setreuid', 0],
        ['setuid', 'setuid', 0],
      ],
    );
    assert.deepEqual(
      of('chown').map((e) => [e.syscall, e.path, e.uid, e.gid]),
      [
        ['chown', '/tmp/fx/work/appended', 0, 0],
        ['lchown', '/tmp/fx/work/appended', -1, 0],
        ['fchown', 'fd:11', 0, -1],
      ],
    );
    assert.deepEqual(
      of('kill').map((e) => [e.target, e.signal]),
      [[14095, 0]],
    );
    assert.deepEqual(
      of('ptrace').map((e) => [e.request, e.target]),
      [[0x4206, 999999]],
    );
    assert.deepEqual(
      of('mount').map((e) => [e.source, e.target, e.fstype, e.flags]),
      [['seawall-fixture', '/tmp/fx/work/mnt', 'tmpfs', 0]],
    );
    assert.deepEqual(
      of('privileged').map((e) => [e.syscall, e.detail]),
      [
        ['umount2', '/tmp/fx/work/mnt'],
        ['mknodat', 'fifo /tmp/fx/work/fifo'],
        ['mknodat', 'char /tmp/fx/work/nulldev'],
        ['chroot', '/'],
        ['unshare', 'CLONE_NEWUTS'],
      ],
    );
  });
});

describe('SensorOutputParser ordering and losses', () => {
  const execLines = runLines.filter((l) => l.includes('\\t14093\\t11336987079728'));
  const ready = runLines[1]!;

  it("joins parts that arrive after their exec (another CPU's buffer)", () => {
    const header = execLines.find((l) => l.includes('"exec\\t'))!;
    const parts = execLines.filter((l) => l.includes('"part\\t'));
    const { events } = parseAll([ready, header, ...parts.reverse()]);
    assert.deepEqual(
      events.map((e) => e.type === 'exec' && e.argv),
      [['mount', '-t', 'tmpfs', 'seawall-fixture', '/tmp/fx/work/mnt']],
    );
  });

  it('holds events that come before the ready line and times them from it', () => {
    const header = execLines.find((l) => l.includes('"exec\\t'))!;
    const parts = execLines.filter((l) => l.includes('"part\\t'));
    const { events } = parseAll([...parts, header, ready]);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.time, 24.488);
  });

  it('drops the argv of an execve that failed, and reports an exec whose parts were lost', () => {
    const orphan =
      '{"type": "printf", "data": "part\\t14093\\t11336987000000\\t0\\t/nonexistent\\n"}';
    const header = execLines.find((l) => l.includes('"exec\\t'))!;
    const parts = execLines.filter((l) => l.includes('"part\\t'));
    const { events, stats } = parseAll([ready, orphan, ...parts.slice(1), header, ...lostLines]);
    assert.deepEqual(
      events.map((e) => e.type === 'exec' && e.argv),
      [['-t', 'tmpfs', 'seawall-fixture', '/tmp/fx/work/mnt']],
    );
    assert.equal(stats.incompleteEvents, 1);
    assert.equal(stats.lostEvents, 1950 + 634 + 2608);
  });
});
