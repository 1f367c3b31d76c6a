import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { InputError } from '../../errors.js';
import { fixturePath } from '../../testing/fixtures.js';
import { RpmHeader } from './header.js';
import { RpmTag, rpmRecordFromHeader } from './record.js';

/** The real header blobs of the Azure Linux database, read straight from its Packages table. */
function realBlobs(): Map<string, Buffer> {
  const file = readFileSync(
    fixturePath('rpm', 'azurelinux-cbl-mariner-2.0-sqlite', 'rpmdb.sqlite'),
  );
  file[18] = 1; // WAL mode off: SQLite cannot open a WAL database from memory
  file[19] = 1;
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT blob FROM Packages').all() as { blob: Buffer }[];
    const blobs = new Map<string, Buffer>();
    for (const { blob } of rows) blobs.set(RpmHeader.parse(blob).string(RpmTag.NAME)!, blob);
    return blobs;
  } finally {
    db.close();
  }
}

const blobs = realBlobs();

function expectInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('RpmHeader on real blobs', () => {
  it('reads the identity, licence and source of bash', () => {
    const header = RpmHeader.parse(blobs.get('bash')!, 'bash');
    assert.equal(header.string(RpmTag.NAME), 'bash');
    assert.equal(header.string(RpmTag.VERSION), '5.1.8');
    assert.equal(header.string(RpmTag.RELEASE), '1.cm2');
    assert.equal(header.string(RpmTag.ARCH), 'x86_64');
    assert.equal(header.string(RpmTag.LICENSE), 'GPLv3');
    assert.equal(header.string(RpmTag.SOURCERPM), 'bash-5.1.8-1.cm2.src.rpm');
    assert.equal(header.has(RpmTag.EPOCH), false);
    assert.deepEqual(header.integers(RpmTag.EPOCH), []);
  });

  it('reads I18NSTRING, STRING_ARRAY and INT32 arrays with consistent lengths', () => {
    const header = RpmHeader.parse(blobs.get('bash')!);
    assert.match(header.string(RpmTag.SUMMARY)!, /shell/i);
    const basenames = header.strings(RpmTag.BASENAMES);
    const dirIndexes = header.integers(RpmTag.DIRINDEXES);
    const dirnames = header.strings(RpmTag.DIRNAMES);
    assert.ok(basenames.includes('bash'));
    assert.equal(dirIndexes.length, basenames.length);
    assert.ok(dirIndexes.every((i) => i < dirnames.length));
    assert.ok(dirnames.includes('/bin/'));
  });

  it('reads an explicit epoch as an integer', () => {
    const header = RpmHeader.parse(blobs.get('ca-certificates-base')!);
    assert.deepEqual(header.integers(RpmTag.EPOCH), [1]);
  });

  it('lists its tags ascending, region tag first', () => {
    const tags = RpmHeader.parse(blobs.get('glibc')!).tags();
    assert.deepEqual(
      tags,
      [...tags].sort((a, b) => a - b),
    );
    assert.ok(tags.includes(63), 'the immutable region tag (63) is in the index');
    assert.ok(tags.includes(RpmTag.NAME));
  });

  it('reads every blob of the database', () => {
    assert.equal(blobs.size, 129);
    for (const [name, blob] of blobs) {
      const record = rpmRecordFromHeader(RpmHeader.parse(blob, name), name);
      assert.equal(record.name, name);
      assert.ok(record.version && record.release && record.arch, name);
    }
  });
});

describe('RpmHeader on damaged blobs', () => {
  const bash = blobs.get('bash')!;

  it('rejects a blob too short for its intro, index or data store', () => {
    expectInputError(() => RpmHeader.parse(Buffer.alloc(4), 'x'), /^x: .*too short/);
    expectInputError(() => RpmHeader.parse(bash.subarray(0, 200), 'x'), /only 200 bytes long/);
    expectInputError(
      () => RpmHeader.parse(bash.subarray(0, bash.length - 1), 'x'),
      /declares \d+ entries/,
    );
  });

  it('rejects implausible index counts', () => {
    const copy = Buffer.from(bash);
    copy.writeUInt32BE(0, 0);
    expectInputError(() => RpmHeader.parse(copy), /implausible 0 index entries/);
    copy.writeUInt32BE(0x7fffffff, 0);
    expectInputError(() => RpmHeader.parse(copy), /implausible/);
  });

  it('rejects an entry of unknown type or pointing outside the data store', () => {
    const badType = Buffer.from(bash);
    badType.writeUInt32BE(42, 8 + 4);
    expectInputError(() => RpmHeader.parse(badType), /unknown type 42/);
    const badOffset = Buffer.from(bash);
    badOffset.writeInt32BE(-5, 8 + 8);
    expectInputError(() => RpmHeader.parse(badOffset), /points at -5/);
  });

  it('rejects a value that runs past the data store when it is read', () => {
    const header = RpmHeader.parse(bash);
    const indexCount = bash.readUInt32BE(0);
    const copy = Buffer.from(bash);
    for (let i = 0; i < indexCount; i++) {
      const at = 8 + i * 16;
      if (copy.readInt32BE(at) === RpmTag.DIRINDEXES) copy.writeUInt32BE(0x00ffffff, at + 12);
      if (copy.readInt32BE(at) === RpmTag.BASENAMES) copy.writeUInt32BE(0x00ffffff, at + 12);
    }
    const damaged = RpmHeader.parse(copy);
    assert.ok(header.integers(RpmTag.DIRINDEXES).length > 0);
    expectInputError(() => damaged.integers(RpmTag.DIRINDEXES), /run past/);
    expectInputError(() => damaged.strings(RpmTag.BASENAMES), /cannot fit/);
  });

  it('rejects a string without its NUL and reading a tag as the wrong type', () => {
    const dataLength = bash.readUInt32BE(4);
    const copy = Buffer.from(bash);
    copy.fill(0x41, copy.length - dataLength); // every byte of the data store becomes 'A'
    const header = RpmHeader.parse(copy);
    expectInputError(() => header.string(RpmTag.NAME), /not NUL-terminated/);
    expectInputError(() => header.integers(RpmTag.NAME), /not an integer/);
    expectInputError(() => header.string(RpmTag.DIRINDEXES), /not a string/);
    expectInputError(() => header.binary(RpmTag.NAME), /not binary/);
  });

  it('survives random damage: every failure is an InputError, never a crash or an out-of-range read', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const sources = [...blobs.values()].slice(0, 8);
    let rejected = 0;
    for (let round = 0; round < 2000; round++) {
      const copy = Buffer.from(sources[round % sources.length]!);
      const flips = 1 + (random() % 8);
      // Damage the index most of the time: that is where offsets and counts live.
      for (let f = 0; f < flips; f++) {
        const span = random() % 4 === 0 ? copy.length : Math.min(copy.length, 8 + 16 * 40);
        copy[random() % span] = random() & 0xff;
      }
      try {
        rpmRecordFromHeader(RpmHeader.parse(copy, 'fuzz'), 'fuzz');
      } catch (err) {
        assert.ok(err instanceof InputError, `round ${round}: ${String(err)}`);
        rejected++;
      }
    }
    assert.ok(rejected > 0, 'some damage was detected');
  });

  it('keeps the later of two entries for the same tag', () => {
    // Duplicate the NAME entry's tag onto the VERSION entry: the later index entry (VERSION's data) wins.
    const copy = Buffer.from(bash);
    const indexCount = copy.readUInt32BE(0);
    for (let i = 0; i < indexCount; i++) {
      const at = 8 + i * 16;
      if (copy.readInt32BE(at) === RpmTag.VERSION) copy.writeInt32BE(RpmTag.NAME, at);
    }
    const header = RpmHeader.parse(copy);
    assert.equal(header.string(RpmTag.NAME), '5.1.8');
  });
});
