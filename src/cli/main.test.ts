// The CLI as users run it: the bin file, exit codes, one-line errors without stack traces.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixturePath, repoRoot, scratchDir } from '../testing/fixtures.js';

function seawall(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'seawall.js'), ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('seawall CLI', () => {
  it('prints its version and help', () => {
    assert.match(seawall('--version').stdout, /^\d+\.\d+\.\d+/);
    const help = seawall('sbom', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format <format>/);
  });

  for (const [what, args, pattern] of [
    ['an unknown target', ['sbom', 'nosuch:thing'], /^seawall: nosuch:thing: unknown target/],
    ['a missing file', ['sbom', 'docker-archive:/no/such.tar'], /no such file: \/no\/such\.tar/],
    [
      'garbage instead of an archive',
      ['sbom', `oci-archive:${fixturePath('hostile', 'garbage.tar')}`],
      /garbage\.tar: not a tar archive/,
    ],
    [
      'a truncated archive',
      ['sbom', `docker-archive:${fixturePath('hostile', 'truncated.tar')}`],
      /truncated\.tar: truncated archive/,
    ],
    ['an unknown format', ['sbom', '.', '--format', 'xml'], /argument 'xml' is invalid/],
    [
      'a bad limit',
      ['sbom', '.', '--max-entries', 'lots'],
      /--max-entries: expects a positive whole number/,
    ],
  ] as const) {
    it(`exits 2 with one line for ${what}`, () => {
      const r = seawall(...args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }

  it('reports the rest of an image but exits 2 naming a garbage rpm database', () => {
    const root = scratchDir('garbage-rpmdb');
    try {
      cpSync(fixturePath('apk', 'alpine-3.15-armv7'), root.dir, { recursive: true });
      mkdirSync(join(root.dir, 'var/lib/rpm'), { recursive: true });
      writeFileSync(join(root.dir, 'var/lib/rpm/Packages'), Buffer.alloc(8192, 0x5a));
      const r = seawall('sbom', `dir:${root.dir}`, '--format', 'json', '--no-cache');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^seawall: .*var\/lib\/rpm\/Packages: .*\n$/);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      const inventory = JSON.parse(r.stdout) as { packages: { type: string }[] };
      assert.ok(inventory.packages.length > 0 && inventory.packages.every((p) => p.type === 'apk'));
    } finally {
      root.remove();
    }
  });

  it('opens archives inside archives only as deep and as large as the flags allow', () => {
    const count = (...flags: string[]) => {
      const r = seawall(
        'sbom',
        `dir:${fixturePath('java', 'rootfs')}`,
        '-f',
        'json',
        '--no-cache',
        '-q',
        ...flags,
      );
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { packages: unknown[]; warnings: string[] }).packages.length;
    };
    const all = count();
    assert.ok(count('--max-archive-depth', '2') < all);
    assert.ok(count('--max-archive-depth', '1') < count('--max-archive-depth', '2'));
    assert.ok(count('--max-nested-archive-bytes', '10') < all);
  });

  it('prints the stack trace with --debug', () => {
    const r = seawall('sbom', 'docker-archive:/no/such.tar', '--debug');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /InputError/);
    assert.match(r.stderr, /\n\s+at /);
  });
});
