import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { runAnalyzers } from '../testing/analyzer-harness.js';
import { testImages } from '../testing/images.js';
import type { RangedFile } from './analyzer.js';
import { createSecretsAnalyzer, secretsAnalyzer, type SecretEvidence } from './secrets.js';

const fake = (n: number) => 'FAKE0fake1FAKE2fake3FAKE4fake5FAKE6fake7'.repeat(4).slice(0, n);
const githubToken = `ghp_${fake(36)}`;
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string;
const file = (size: number) => ({ size, mode: 0o644 });

describe('secrets analyzer over layers', async () => {
  const elf = Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    Buffer.from(`GITHUB_TOKEN=${githubToken}\n`),
  ]);
  const result = await runAnalyzers(
    [secretsAnalyzer],
    [
      {
        'root/.ssh/id_rsa': `\n${privateKey}`,
        'etc/app/config.yml': 'db:\n  password: "Xk9mQ2vL7pR4tW8z"\n',
        'usr/local/bin/tool': elf,
        'usr/share/doc/app/examples/env': `GITHUB_TOKEN=${githubToken}\n`,
      },
      {
        'root/.ssh/id_rsa': null,
        'etc/app/config.yml': 'db:\n  password: ${DB_PASSWORD}\n',
        'srv/app/.env': `GITHUB_TOKEN=${githubToken}\n`,
      },
    ],
  );
  const evidence = result.evidence['secrets'] as SecretEvidence[];

  it('reports what each layer holds, marking copies a later layer deleted or replaced', () => {
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(
      evidence.map(({ masked: _, ...rest }) => rest),
      [
        { rule: 'SW-SEC-015', path: 'etc/app/config.yml', layer: 0, line: 2, deleted: true },
        { rule: 'SW-SEC-001', path: 'root/.ssh/id_rsa', layer: 0, line: 2, deleted: true },
        { rule: 'SW-SEC-006', path: 'srv/app/.env', layer: 1, line: 1, deleted: false },
      ],
    );
  });

  it('keeps only masked values in the evidence', () => {
    const json = JSON.stringify(evidence);
    assert.ok(!json.includes(githubToken));
    assert.ok(!json.includes('Xk9mQ2vL7pR4tW8z'));
    assert.equal(evidence[2]!.masked, `ghp_${'*'.repeat(32)}KE6f`);
  });

  it('passes the ELF file by its first bytes and the documentation by the default allow-list', () => {
    assert.ok(!evidence.some((e) => e.path.startsWith('usr/')));
  });
});

describe('secrets analyzer file selection', () => {
  it('wants regular text files up to the limit, not binary names or allow-listed paths', () => {
    const wants = (path: string, size = 100) => secretsAnalyzer.wants(path, file(size));
    for (const path of ['etc/app/config.yml', 'root/.aws/credentials', 'usr/bin/entrypoint.sh'])
      assert.equal(wants(path), true, path);
    for (const path of [
      'usr/lib/x86_64-linux-gnu/libc.so.6',
      'usr/lib/x86_64-linux-gnu/libz.so',
      'srv/app/logo.png',
      'srv/app/lib/app.jar',
      'usr/lib/python3/dist-packages/x/__pycache__/a.cpython-311.pyc',
      'usr/share/locale/de/LC_MESSAGES/dpkg.mo',
      'usr/share/doc/bash/README',
    ])
      assert.equal(wants(path), false, path);
    assert.equal(wants('etc/empty', 0), false);
    assert.equal(wants('etc/big', 10 * 1024 * 1024 + 1), false);
  });

  it('applies its options, and their text is part of the cache key', () => {
    const strict = createSecretsAnalyzer({ maxFileBytes: 1000, allowList: { paths: ['srv/**'] } });
    assert.equal(strict.name, 'secrets');
    assert.equal(strict.version, secretsAnalyzer.version);
    assert.notEqual(strict.settings, secretsAnalyzer.settings);
    assert.equal(strict.wants('etc/a', file(1001)), false);
    assert.equal(strict.wants('srv/app/.env', file(10)), false);
    assert.equal(strict.wants('etc/a', file(1000)), true);
  });

  it('reads 8 KiB of a binary and no more; a text file whole', async () => {
    const ranged = (content: Buffer) => {
      const reads: string[] = [];
      const rangedFile: RangedFile = {
        path: 'srv/file',
        size: content.length,
        read: async (offset, length) => {
          reads.push(`${offset}+${length}`);
          return content.subarray(offset, offset + length);
        },
        readAll: async () => {
          reads.push('all');
          return content;
        },
      };
      return { rangedFile, reads };
    };
    const binary = Buffer.concat([Buffer.alloc(100_000, 0), Buffer.from(githubToken)]);
    const b = ranged(binary);
    assert.equal(await secretsAnalyzer.parseRanged!(b.rangedFile, () => {}), undefined);
    assert.deepEqual(b.reads, ['0+8192']);

    const text = Buffer.from(`${'#\n'.repeat(5000)}TOKEN=${githubToken}\n`);
    const t = ranged(text);
    assert.deepEqual(await secretsAnalyzer.parseRanged!(t.rangedFile, () => {}), [
      { rule: 'SW-SEC-006', line: 5001, masked: `ghp_${'*'.repeat(32)}KE6f` },
    ]);
    assert.deepEqual(t.reads, ['0+8192', 'all']);

    const small = ranged(Buffer.from(`TOKEN=${githubToken}\n`));
    assert.equal((await secretsAnalyzer.parseRanged!(small.rangedFile, () => {}))?.length, 1);
    assert.deepEqual(small.reads, ['0+8192']);
  });
});

describe('secrets analyzer on the Debian minbase root filesystem', () => {
  it('finds no secret', async () => {
    const result = await runAnalyzers([secretsAnalyzer], [testImages().rootfs]);
    assert.deepEqual(result.evidence['secrets'], []);
    assert.deepEqual(result.warnings, []);
  });
});
