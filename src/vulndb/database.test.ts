// The vulnerability database file: sources replaced as a whole, failed imports rolled back, foreign, newer and
// damaged files refused with one line that says how to rebuild.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { scratchDir } from '../testing/fixtures.js';
import type { AdvisoryRecord } from './advisory.js';
import { VulnDatabase } from './database.js';

const scratch = scratchDir('vulndb');
after(() => scratch.remove());

/** DSA-5380-1 as the Debian list publishes it. */
const DSA_5380: AdvisoryRecord = {
  id: 'DSA-5380-1',
  source: 'debian-dsa',
  aliases: ['CVE-2023-1393'],
  summary: 'xorg-server - security update',
  published: '2023-03-29',
  cvss: [],
  references: ['https://security-tracker.debian.org/tracker/DSA-5380-1'],
  affected: [
    {
      ecosystem: 'Debian',
      release: '11',
      name: 'xorg-server',
      scheme: 'deb',
      ranges: [{ introduced: '0', fixed: '2:1.20.11-1+deb11u6' }],
      versions: [],
    },
  ],
};

function freshDb(name: string): VulnDatabase {
  return VulnDatabase.open(join(scratch.dir, name), { create: true });
}

describe('VulnDatabase', () => {
  it('stores an advisory and finds it by ecosystem, name and release', async () => {
    const db = freshDb('one.db');
    const records = await db.replaceSource('list', { kind: 'debian-list' }, async (sink) => {
      sink.advisory(DSA_5380);
      return 1;
    });
    assert.equal(records, 1);
    const rows = db.lookup('Debian', 'xorg-server', '11');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]!.ranges, [['0', '2:1.20.11-1+deb11u6', null]]);
    assert.equal(rows[0]!.scheme, 'deb');
    assert.deepEqual(db.lookup('Debian', 'xorg-server', '12'), []);
    const advisory = db.advisory(rows[0]!.advisory);
    assert.equal(advisory.id, 'DSA-5380-1');
    assert.deepEqual(advisory.aliases, ['CVE-2023-1393']);
    assert.deepEqual(db.advisoriesNamed('CVE-2023-1393'), [rows[0]!.advisory]);
    const status = db.status();
    assert.equal(status.counts.advisories, 1);
    assert.equal(status.sources[0]!.records, 1);
    assert.ok(status.updatedAt);
    db.close();
  });

  it('replaces what a source imported before, and keeps other sources', async () => {
    const db = freshDb('replace.db');
    const fill = (n: number) => async (sink: import('./advisory.js').ImportSink) => {
      for (let i = 0; i < n; i++) sink.advisory({ ...DSA_5380, id: `DSA-${i}-1` });
      return n;
    };
    await db.replaceSource('a', { kind: 'debian-list' }, fill(3));
    await db.replaceSource('b', { kind: 'debian-list' }, fill(2));
    await db.replaceSource('a', { kind: 'debian-list' }, fill(1));
    assert.equal(db.status().counts.advisories, 3);
    assert.equal(db.lookup('Debian', 'xorg-server', '11').length, 3);
    db.removeSource('b');
    assert.equal(db.status().counts.advisories, 1);
    db.close();
  });

  it('rolls a failed import back, leaving the earlier rows', async () => {
    const db = freshDb('rollback.db');
    await db.replaceSource('a', { kind: 'osv' }, async (sink) => {
      sink.advisory(DSA_5380);
      return 1;
    });
    await assert.rejects(
      db.replaceSource('a', { kind: 'osv' }, async (sink) => {
        sink.advisory({ ...DSA_5380, id: 'DSA-1-1' });
        throw new InputError('feed.zip', 'truncated');
      }),
      /truncated/,
    );
    assert.deepEqual(
      db.lookup('Debian', 'xorg-server', '11').map((r) => db.advisory(r.advisory).id),
      ['DSA-5380-1'],
    );
    db.close();
  });

  it('keeps a withdrawn advisory out of matching', async () => {
    const db = freshDb('withdrawn.db');
    await db.replaceSource('a', { kind: 'osv' }, async (sink) => {
      sink.advisory({ ...DSA_5380, withdrawn: '2023-04-01T00:00:00Z' });
      return 1;
    });
    assert.deepEqual(db.lookup('Debian', 'xorg-server', '11'), []);
    assert.equal(db.status().counts.advisories, 1);
    db.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    assert.throws(
      () => VulnDatabase.open(join(scratch.dir, 'absent.db')),
      (e: unknown) => e instanceof InputError && /seawall db update/.test(e.message),
    );
  });

  it('refuses a file that is not SQLite, saying how to rebuild', () => {
    const path = join(scratch.dir, 'garbage.db');
    writeFileSync(path, 'this is not a database, just text '.repeat(200));
    assert.throws(
      () => VulnDatabase.open(path, { readonly: true }),
      (e: unknown) =>
        e instanceof InputError && e.message.startsWith(path) && /rebuild/.test(e.message),
    );
  });

  it('refuses another application’s SQLite file and a newer schema version', () => {
    const other = join(scratch.dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)');
    assert.throws(
      () => VulnDatabase.open(other, { readonly: true }),
      /not a Seawall vulnerability database/,
    );
    const newer = join(scratch.dir, 'newer.db');
    VulnDatabase.open(newer, { create: true }).close();
    const raw = new Database(newer);
    raw.pragma('user_version = 99');
    raw.close();
    assert.throws(
      () => VulnDatabase.open(newer, { readonly: true }),
      /schema version 99, this Seawall reads version 1; rebuild it/,
    );
  });

  it('reports damage found while reading as one line, not a stack', () => {
    const path = join(scratch.dir, 'damaged.db');
    const db = VulnDatabase.open(path, { create: true });
    db.close();
    // Keep SQLite's header (so the file opens) and overwrite the schema page behind it.
    const raw = readFileSync(path);
    raw.fill(0xa5, 100, raw.length);
    writeFileSync(path, raw);
    assert.throws(
      () => {
        const d = VulnDatabase.open(path, { readonly: true });
        d.status();
      },
      (e: unknown) => e instanceof InputError && /damaged|not a Seawall/.test(e.message),
    );
  });
});
