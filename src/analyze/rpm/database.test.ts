import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { InputError } from '../../errors.js';
import { fixturePath } from '../../testing/fixtures.js';
import { readRpmDatabase, rpmBackendOf, type RpmBackend } from './database.js';
import { parseRpmRecord, type RpmRecord } from './record.js';

const SQLITE = fixturePath('rpm', 'azurelinux-cbl-mariner-2.0-sqlite', 'rpmdb.sqlite');
const BDB = fixturePath('rpm', 'libuuid-bdb', 'Packages');
const NDB = fixturePath('rpm', 'suse-sle15-bci-ndb', 'Packages.db');

function read(backend: RpmBackend, file: string): { records: RpmRecord[]; warnings: string[] } {
  const warnings: string[] = [];
  const records = readRpmDatabase(backend, readFileSync(file), file, (m) => warnings.push(m));
  return { records, warnings };
}

/** One line per package as the truth list has it: name, epoch:version-release, arch, source rpm, licence. */
function asQueryLines(records: RpmRecord[]): string[] {
  return records
    .map((r) =>
      [r.name, `${r.epoch ?? 0}:${r.version}-${r.release}`, r.arch, r.sourceRpm, r.license].join(
        '\t',
      ),
    )
    .sort();
}

function truthList(dir: string): string[] {
  return readFileSync(fixturePath('rpm', dir, 'rpm-qa.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

describe('readRpmDatabase against what Debian rpm reads from the same files', () => {
  it('SQLite (Azure Linux 2.0): every package, exactly', () => {
    const { records, warnings } = read('sqlite', SQLITE);
    assert.deepEqual(warnings, []);
    assert.equal(records.length, 129);
    assert.deepEqual(asQueryLines(records), truthList('azurelinux-cbl-mariner-2.0-sqlite'));
  });

  it('Berkeley DB (RHEL 8 libuuid): every package, exactly', () => {
    const { records, warnings } = read('bdb', BDB);
    assert.deepEqual(warnings, []);
    assert.deepEqual(asQueryLines(records), truthList('libuuid-bdb'));
  });

  it('NDB (SLE 15 BCI): a plausible SUSE package set with every field present', () => {
    const { records, warnings } = read('ndb', NDB);
    assert.deepEqual(warnings, []);
    assert.equal(records.length, 35);
    const byName = new Map(records.map((r) => [r.name, r]));
    for (const name of ['filesystem', 'glibc', 'bash', 'coreutils', 'rpm-ndb', 'sles-release']) {
      assert.ok(byName.has(name), `${name} is installed`);
    }
    assert.match(byName.get('glibc')!.version, /^2\.\d+$/);
    assert.equal(byName.get('glibc')!.arch, 'x86_64');
    assert.match(byName.get('glibc')!.sourceRpm!, /^glibc-2\.\d+-[\w.]+\.src\.rpm$/);
    assert.ok(byName.get('bash')!.files.includes('/bin/bash'));
    for (const r of records) {
      assert.ok(r.version && r.release, `${r.name} has a version and release`);
      assert.ok(r.arch === 'x86_64' || r.arch === 'noarch', `${r.name} arch ${r.arch}`);
      assert.ok(
        r.sourceRpm?.endsWith('.src.rpm') || r.sourceRpm?.endsWith('.nosrc.rpm'),
        `${r.name} has a source rpm`,
      );
      assert.ok(r.license, `${r.name} has a licence`);
      assert.ok(r.vendor?.startsWith('SUSE'), `${r.name} is SUSE's`);
      assert.ok(r.provides.includes(r.name), `${r.name} provides itself`);
    }
    assert.equal(new Set(records.map((r) => r.name)).size, records.length);
  });
});

describe('readRpmDatabase on records the backends cannot vouch for', () => {
  /** A real SQLite rpm database built in memory from chosen blobs. */
  function sqliteWith(blobs: Buffer[]): Buffer {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
      const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
      for (const blob of blobs) insert.run(blob);
      return db.serialize();
    } finally {
      db.close();
    }
  }

  function realBlob(name: string): Buffer {
    const file = readFileSync(SQLITE);
    file[18] = 1;
    file[19] = 1;
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT blob FROM Packages').all() as { blob: Buffer }[];
      const found = rows.find((r) => parseRpmRecord(r.blob, 'x').name === name);
      assert.ok(found, name);
      return found.blob;
    } finally {
      db.close();
    }
  }

  it('leaves out gpg-pubkey pseudo packages', () => {
    const records = readRpmDatabase(
      'sqlite',
      sqliteWith([realBlob('bash'), gpgPubkeyHeader()]),
      'db',
      () => {},
    );
    assert.deepEqual(
      records.map((r) => r.name),
      ['bash'],
    );
  });

  it('skips an unreadable header with a warning and keeps the rest', () => {
    const bash = realBlob('bash');
    const broken = Buffer.from(realBlob('glibc'));
    broken.writeUInt32BE(0xfffff, 0);
    const warnings: string[] = [];
    const records = readRpmDatabase('sqlite', sqliteWith([bash, broken]), 'db', (m) =>
      warnings.push(m),
    );
    assert.deepEqual(
      records.map((r) => r.name),
      ['bash'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /hnum 2: header .*1 readable package record/);
  });

  it('throws an InputError naming the file when no header is readable', () => {
    assert.throws(
      () => readRpmDatabase('sqlite', sqliteWith([Buffer.from('not a header')]), 'db', () => {}),
      (err: unknown) => err instanceof InputError && /^db: hnum 1: header/.test(err.message),
    );
  });

  it('reads an empty database as no packages', () => {
    assert.deepEqual(
      readRpmDatabase('sqlite', sqliteWith([]), 'db', () => {}),
      [],
    );
  });
});

describe('rpmBackendOf', () => {
  it('knows the three database files in both locations, and nothing else', () => {
    assert.equal(rpmBackendOf('var/lib/rpm/rpmdb.sqlite'), 'sqlite');
    assert.equal(rpmBackendOf('usr/lib/sysimage/rpm/rpmdb.sqlite'), 'sqlite');
    assert.equal(rpmBackendOf('var/lib/rpm/Packages'), 'bdb');
    assert.equal(rpmBackendOf('usr/lib/sysimage/rpm/Packages.db'), 'ndb');
    assert.equal(rpmBackendOf('var/lib/rpm/Packages.db'), 'ndb');
    assert.equal(rpmBackendOf('var/lib/rpm/Name'), undefined);
    assert.equal(rpmBackendOf('var/lib/rpm/Index.db'), undefined);
    assert.equal(rpmBackendOf('home/var/lib/rpm/Packages'), undefined);
    assert.equal(rpmBackendOf('Packages'), undefined);
  });
});

/** A minimal header for the gpg-pubkey pseudo package, built by hand: NAME, VERSION, RELEASE as STRINGs. */
function gpgPubkeyHeader(): Buffer {
  const values: [number, string][] = [
    [1000, 'gpg-pubkey'],
    [1001, 'fd431d51'],
    [1002, '4ae0493b'],
  ];
  const data: Buffer[] = [];
  const index = Buffer.alloc(values.length * 16);
  let offset = 0;
  values.forEach(([tag, text], i) => {
    index.writeInt32BE(tag, i * 16);
    index.writeUInt32BE(6, i * 16 + 4);
    index.writeInt32BE(offset, i * 16 + 8);
    index.writeUInt32BE(1, i * 16 + 12);
    const bytes = Buffer.from(`${text}\0`);
    data.push(bytes);
    offset += bytes.length;
  });
  const intro = Buffer.alloc(8);
  intro.writeUInt32BE(values.length, 0);
  intro.writeUInt32BE(offset, 4);
  return Buffer.concat([intro, index, ...data]);
}
