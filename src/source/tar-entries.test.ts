import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { fixturePath } from '../testing/fixtures.js';
import { DEFAULT_LIMITS, LimitTracker, type ReadLimits, type SourceEntry } from './entry.js';
import { tarEntries } from './tar-entries.js';

async function readHostile(name: string, limits: Partial<ReadLimits> = {}) {
  const warnings: string[] = [];
  const devices: string[] = [];
  const entries: SourceEntry[] = [];
  const contents = new Map<string, string>();
  let digest: string | undefined;
  const tracker = new LimitTracker({ ...DEFAULT_LIMITS, ...limits });
  for await (const e of tarEntries(createReadStream(fixturePath('hostile', name)), {
    subject: name,
    tracker,
    warn: (m) => warnings.push(m),
    onDeviceFile: (p) => devices.push(p),
    onDigest: (d) => (digest = d),
  })) {
    entries.push(e);
    if (e.kind === 'path' && e.type === 'file') contents.set(e.path, (await e.read()).toString());
  }
  return { warnings, devices, entries, contents, digest, tracker };
}

describe('tarEntries on hostile layers', () => {
  it('reads absolute paths relative to the root and skips names that climb out', async () => {
    const { entries, warnings, contents } = await readHostile('paths.tar');
    const paths = entries.map((e) => e.path);
    assert.deepEqual(paths, ['etc/os-release', 'ok/file']);
    assert.match(contents.get('etc/os-release')!, /ID=debian/);
    assert.equal(warnings.filter((w) => /climbs above the image root/.test(w)).length, 2);
    assert.ok(warnings.some((w) => /absolute path/.test(w)));
    assert.ok(warnings.some((w) => /hard link ok\/hard: target .* outside the image root/.test(w)));
  });

  it('skips device files, handing them to the caller to report', async () => {
    const { entries, devices } = await readHostile('devices.tar');
    assert.deepEqual(
      entries.map((e) => e.path),
      ['dev', 'etc/os-release'],
    );
    assert.deepEqual(devices, ['dev/kmsg', 'dev/sda']);
  });

  it('turns whiteouts and opaque markers into deletions and ignores aufs metadata', async () => {
    const { entries } = await readHostile('whiteouts.tar');
    assert.deepEqual(
      entries.map((e) => [e.kind, e.path]),
      [
        ['whiteout', 'etc/os-release'],
        ['opaque', 'var/lib'],
        ['path', 'var/lib/new'],
      ],
    );
  });

  it('keeps symlink targets as written (resolution happens later, inside the root)', async () => {
    const { entries } = await readHostile('symlinks.tar');
    const escape = entries.find((e) => e.path === 'etc/escape');
    assert.ok(escape && escape.kind === 'path');
    assert.equal(escape.type, 'symlink');
    assert.equal(escape.linkTarget, '../../../../../../host-secret');
  });

  it('stops a tar bomb at the byte limit', async () => {
    await assert.rejects(
      readHostile('bomb.tar.gz', { maxImageBytes: 1024 * 1024 }),
      (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.match(err.message, /bomb\.tar\.gz: image exceeds 1048576 uncompressed bytes/);
        return true;
      },
    );
  });

  it('reads the same bomb whole when the limit allows it, and hashes the uncompressed tar', async () => {
    const { contents, digest } = await readHostile('bomb.tar.gz');
    assert.equal(contents.get('zeros')!.length, 64 * 1024 * 1024);
    assert.match(digest!, /^sha256:[a-f0-9]{64}$/);
  });

  it('stops at the entry limit', async () => {
    await assert.rejects(
      readHostile('many-entries.tar.gz', { maxEntries: 1000 }),
      /more than 1000 entries/,
    );
  });

  it('names a truncated tar', async () => {
    await assert.rejects(readHostile('truncated.tar'), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /^truncated\.tar.*truncated/);
      return true;
    });
  });

  it('names corrupt gzip', async () => {
    await assert.rejects(readHostile('corrupt.tar.gz'), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /corrupt/);
      return true;
    });
  });

  it('rejects what is not a tar', async () => {
    await assert.rejects(readHostile('garbage.tar'), InputError);
  });
});
