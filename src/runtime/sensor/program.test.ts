import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REQUIRED_TRACEPOINTS, buildSensorProgram } from './program.js';

/** The probe headers of a program: each `tracepoint:...` list with the predicate line that follows it. */
function probes(text: string): { attach: string[]; predicate: string }[] {
  const blocks = text.split('\n\n').filter((b) => b.startsWith('tracepoint:'));
  return blocks.map((block) => {
    const lines = block.split('\n');
    const predicateAt = lines.findIndex((l) => l.startsWith('/'));
    return {
      attach: lines.slice(0, predicateAt).map((l) => l.replace(/,$/, '')),
      predicate: lines[predicateAt] ?? '',
    };
  });
}

describe('buildSensorProgram', () => {
  const full = buildSensorProgram();

  it('filters every probe to the mount namespace given as $1', () => {
    const list = probes(full.text);
    assert.ok(list.length > 40);
    for (const probe of list) {
      // The exits of opens follow a pending open, which the entry probe only records inside the namespace.
      if (probe.attach[0]!.startsWith('tracepoint:syscalls:sys_exit_open')) {
        assert.equal(probe.predicate, '/@open[tid].0 != 0/');
      } else {
        assert.match(
          probe.predicate,
          /^\/curtask->nsproxy->mnt_ns->ns\.inum == \$1( |\/)/,
          probe.attach.join(','),
        );
      }
    }
    assert.deepEqual(full.omitted, []);
  });

  it('uses tracepoints only, and starts and ends with the markers the parser waits for', () => {
    assert.doesNotMatch(full.text, /^k(ret)?probe:/m);
    assert.match(full.text, /^BEGIN\n\{\n {2}printf\("ready\\t%llu\\n", nsecs\);/m);
    assert.match(full.text, /print\(@syscalls\);[\s\S]*printf\("end\\n"\);\n\}\n+$/);
  });

  it('leaves out the probes whose tracepoints the kernel lacks, and their maps', () => {
    const all = new Set(
      probes(full.text).flatMap((p) => p.attach.map((a) => a.replace(/^tracepoint:/, ''))),
    );
    const without = new Set(
      [...all].filter((t) => !/openat2|sys_(enter|exit)_(open|openat|creat)$|accept/.test(t)),
    );
    const partial = buildSensorProgram(without);
    assert.deepEqual(partial.omitted, [
      'syscalls:sys_enter_accept',
      'syscalls:sys_enter_accept4',
      'syscalls:sys_enter_creat',
      'syscalls:sys_enter_open',
      'syscalls:sys_enter_openat',
      'syscalls:sys_enter_openat2',
      'syscalls:sys_exit_creat',
      'syscalls:sys_exit_open',
      'syscalls:sys_exit_openat',
      'syscalls:sys_exit_openat2',
    ]);
    assert.doesNotMatch(partial.text, /openat|@seen_open|@seen_accept|@open\b/);
    assert.match(partial.text, /clear\(@seen_connect\);/);
    for (const required of REQUIRED_TRACEPOINTS) assert.ok(all.has(required), required);
  });
});
