// The SBOM job and its result cache: a rescan of an unchanged target is answered from the cache, and any change that
// could alter the report (a file an analyzer reads, a path added or removed, a mode) makes it scan again.
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import { testImages } from '../testing/images.js';
import { runSbomJob, type SbomJobOptions } from './sbom-job.js';

/**
 * Waits out the freshness check's "racily clean" window: a result whose files changed less than two seconds before
 * their scan is not reused, so a test that expects a cache hit lets a change age first.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2100));

describe('runSbomJob', () => {
  let root: { dir: string; remove: () => void };
  let cache: { dir: string; remove: () => void };
  const job = (target: string, extra: Partial<SbomJobOptions> = {}) =>
    runSbomJob(target, { format: 'json', cacheDir: cache.dir, ...extra });

  before(() => {
    root = scratchDir('job-root');
    cache = scratchDir('job-cache');
    cpSync(fixturePath('dpkg', 'debian12'), root.dir, { recursive: true });
    return settle();
  });
  after(() => {
    root.remove();
    cache.remove();
  });

  it('answers an unchanged directory from the cache, with the same report', async () => {
    const first = await job(`dir:${root.dir}`);
    assert.equal(first.fromCache, false);
    const second = await job(`dir:${root.dir}`);
    assert.equal(second.fromCache, true);
    assert.equal(second.text, first.text);
    // Another format of the same result is rendered from the cached inventory, then cached too.
    const table = await job(`dir:${root.dir}`, { format: 'table' });
    assert.equal(table.fromCache, false);
    assert.equal((await job(`dir:${root.dir}`, { format: 'table' })).fromCache, true);
  });

  it('keeps the cache when a file no analyzer reads changes in place', async () => {
    await job(`dir:${root.dir}`);
    writeFileSync(join(root.dir, 'etc/unread-note'), 'note');
    // Creating that file changed etc/'s mtime: a new path is a change.
    assert.equal((await job(`dir:${root.dir}`)).fromCache, false);
    await settle();
    await job(`dir:${root.dir}`); // records taken now that the change has aged
    appendFileSync(join(root.dir, 'etc/unread-note'), 'more text');
    assert.equal((await job(`dir:${root.dir}`)).fromCache, true);
  });

  it('does not trust records taken right after a change (same-size rewrites within one timestamp tick)', async () => {
    const status = join(root.dir, 'var/lib/dpkg/status');
    appendFileSync(status, '\n');
    await job(`dir:${root.dir}`);
    // The records were taken within two seconds of the change: the result is not reused yet.
    assert.equal((await job(`dir:${root.dir}`)).fromCache, false);
    await settle();
    await job(`dir:${root.dir}`);
    assert.equal((await job(`dir:${root.dir}`)).fromCache, true);
  });

  it('scans again when a package database changes, and reports the change', async () => {
    const before = JSON.parse((await job(`dir:${root.dir}`)).text) as {
      packages: { name: string }[];
    };
    const status = join(root.dir, 'var/lib/dpkg/status');
    appendFileSync(
      status,
      '\nPackage: seawall-probe\nStatus: install ok installed\nVersion: 1.0\nArchitecture: all\n',
    );
    const result = await job(`dir:${root.dir}`);
    assert.equal(result.fromCache, false);
    const after = JSON.parse(result.text) as { packages: { name: string }[] };
    assert.equal(after.packages.length, before.packages.length + 1);
    assert.ok(after.packages.some((p) => p.name === 'seawall-probe'));
  });

  it('scans again when a file an analyzer reads changes mode', async () => {
    await job(`dir:${root.dir}`);
    chmodSync(join(root.dir, 'var/lib/dpkg/status'), 0o600);
    assert.equal((await job(`dir:${root.dir}`)).fromCache, false);
  });

  it('never caches a report with a timestamp', async () => {
    await settle();
    await job(`dir:${root.dir}`, { format: 'cyclonedx' });
    const stamped = await job(`dir:${root.dir}`, {
      format: 'cyclonedx',
      timestamp: new Date('2026-01-02T03:04:05Z'),
    });
    assert.equal(stamped.fromCache, false);
    assert.match(stamped.text, /"timestamp": "2026-01-02T03:04:05/);
    const plain = await job(`dir:${root.dir}`, { format: 'cyclonedx' });
    assert.equal(plain.fromCache, true);
    assert.doesNotMatch(plain.text, /2026-01-02/);
  });

  it('answers an unchanged image from the cache by its digest, and not with --no-cache', async () => {
    const target = `oci:${testImages().oci}:purged`;
    const first = await job(target, { format: 'table' });
    const second = await job(target, { format: 'table' });
    assert.equal(second.fromCache, true);
    assert.equal(second.text, first.text);
    assert.equal((await job(target, { format: 'table', noCache: true })).fromCache, false);
  });

  it('does not mix up two directories or two spellings of a target', async () => {
    const other = scratchDir('job-other');
    try {
      cpSync(root.dir, other.dir, { recursive: true });
      writeFileSync(join(other.dir, 'var/lib/dpkg/status'), '');
      await settle();
      await job(`dir:${root.dir}`);
      const a = await job(`dir:${root.dir}`);
      assert.equal(a.fromCache, true);
      const b = await job(`dir:${other.dir}`);
      assert.notEqual(a.text, b.text);
      assert.equal((await job(root.dir)).fromCache, false); // the target as given appears in the report
    } finally {
      other.remove();
    }
  });
});
