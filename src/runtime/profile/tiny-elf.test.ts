import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { mkdirProbe, sigillProbe } from './tiny-elf.js';

const dir = mkdtempSync(join(tmpdir(), 'seawall-tiny-elf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function runProbe(name: string, binary: Buffer) {
  const file = join(dir, name);
  writeFileSync(file, binary);
  chmodSync(file, 0o755);
  return spawnSync(file, [], { stdio: 'ignore' });
}

describe(
  'tiny static probes, run on the host',
  { skip: process.arch !== 'x64' && 'x86_64 only' },
  () => {
    it('the SIGILL probe dies at its first instruction', () => {
      const result = runProbe('sigill', sigillProbe());
      assert.equal(result.signal, 'SIGILL');
    });

    it('the native mkdir probe creates its directory and exits 0, then EEXIST (17)', () => {
      const target = join(dir, 'made-by-x86_64');
      assert.equal(runProbe('mkdir64', mkdirProbe('x86_64', target)).status, 0);
      assert.ok(existsSync(target));
      assert.equal(runProbe('mkdir64-again', mkdirProbe('x86_64', target)).status, 17);
    });

    it('the i386 probe goes through int 0x80 (the compat table), the x32 one gets ENOSYS without x32 support', () => {
      const target = join(dir, 'made-by-i386');
      const i386 = runProbe('mkdir32', mkdirProbe('i386', target)).status;
      // 38 (ENOSYS) when the kernel is built without IA32 emulation.
      assert.ok(i386 === 0 || i386 === 38, `status ${i386}`);
      if (i386 === 0) assert.ok(existsSync(target));
      const x32 = runProbe('mkdirx32', mkdirProbe('x32', join(dir, 'made-by-x32'))).status;
      assert.ok(x32 === 0 || x32 === 38, `status ${x32}`);
    });
  },
);
