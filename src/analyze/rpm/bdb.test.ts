import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { fixturePath } from '../../testing/fixtures.js';
import { readBdbHeaders } from './bdb.js';
import { backendKit, pseudoRandomBytes } from '../../testing/rpm-backend-kit.js';

const { read, expectInputError } = backendKit(readBdbHeaders, 'Packages');

/** RHEL 8's database holding libuuid: meta page 0, hash pages 1-2, the header in overflow pages 3-22. */
const fixture = readFileSync(fixturePath('rpm', 'libuuid-bdb', 'Packages'));
const PAGE = 4096;

describe('readBdbHeaders', () => {
  it('reads the one header of a real RHEL 8 database, skipping the instance counter', () => {
    assert.deepEqual(read(fixture), { names: ['libuuid'], warnings: [] });
  });

  it('reads a big-endian database (written on s390x or ppc64) the same', () => {
    assert.deepEqual(read(toBigEndian(fixture)), { names: ['libuuid'], warnings: [] });
  });

  it('rejects random bytes, a short file and a btree database', () => {
    expectInputError(pseudoRandomBytes(PAGE * 4, 1), /not a Berkeley DB hash database/);
    expectInputError(fixture.subarray(0, 100), /too short/);
    const btree = Buffer.from(fixture);
    btree.writeUInt32LE(0x053162, 12);
    expectInputError(btree, /btree/);
  });

  it('rejects implausible metadata', () => {
    const pageSize = Buffer.from(fixture);
    pageSize.writeUInt32LE(3000, 20);
    expectInputError(pageSize, /page size 3000/);
    const version = Buffer.from(fixture);
    version.writeUInt32LE(99, 16);
    expectInputError(version, /hash version 99/);
    const encrypted = Buffer.from(fixture);
    encrypted[24] = 1;
    expectInputError(encrypted, /encrypted/);
  });

  it('reports a truncated file by what it declares and holds, at every cut', () => {
    for (let cut = PAGE; cut < fixture.length; cut += 1531) {
      expectInputError(fixture.subarray(0, cut), /truncated: declares 23 pages/);
    }
  });

  it('rejects a valid metadata page over garbage pages, without hanging', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const garbage = Buffer.concat([
        fixture.subarray(0, PAGE),
        pseudoRandomBytes(fixture.length - PAGE, seed),
      ]);
      // Random page type bytes can make garbage look like hash pages; any outcome but a crash or hang is fine,
      // and nothing readable is an error.
      try {
        const headers = readBdbHeaders(garbage, 'Packages', () => {});
        for (const h of headers) assert.ok(Buffer.isBuffer(h.blob));
      } catch (err) {
        assert.ok(err instanceof InputError, String(err));
      }
    }
    const hashPagesOfGarbage = Buffer.from(fixture);
    for (const pgno of [1, 2]) {
      pseudoRandomBytes(PAGE - 26, pgno).copy(hashPagesOfGarbage, pgno * PAGE + 26);
      hashPagesOfGarbage.writeUInt16LE(40, pgno * PAGE + 20);
    }
    expectInputError(hashPagesOfGarbage, /item offsets out of range|item type/);
  });

  it('detects an overflow chain that loops, ends early or wanders off', () => {
    const loop = Buffer.from(fixture);
    loop.writeUInt32LE(5, 10 * PAGE + 16); // page 10 points back to page 5
    expectInputError(loop, /loops back to page 5/);

    const past = Buffer.from(fixture);
    past.writeUInt32LE(9999, 10 * PAGE + 16);
    expectInputError(past, /points at page 9999, past the last page 22/);

    const short = Buffer.from(fixture);
    short.writeUInt32LE(0, 10 * PAGE + 16);
    expectInputError(short, /holds \d+ of the record's 80880 bytes/);

    const notOverflow = Buffer.from(fixture);
    notOverflow[12 * PAGE + 25] = 13;
    expectInputError(notOverflow, /reaches page 12 of type 13/);

    const oversized = Buffer.from(fixture);
    oversized.writeUInt16LE(5000, 4 * PAGE + 22);
    expectInputError(oversized, /claims 5000 bytes/);
  });
});

/** The same database as Berkeley DB writes it on a big-endian machine: every page field and key byte-swapped. */
function toBigEndian(le: Buffer): Buffer {
  const be = Buffer.from(le);
  const swap32 = (at: number) => be.writeUInt32BE(le.readUInt32LE(at), at);
  const swap16 = (at: number) => be.writeUInt16BE(le.readUInt16LE(at), at);
  for (const at of [12, 16, 20, 32]) swap32(at); // magic, version, page size, last page
  for (let page = PAGE; page < le.length; page += PAGE) {
    for (const at of [8, 12, 16]) swap32(page + at);
    for (const at of [20, 22]) swap16(page + at);
    const type = le[page + 25];
    if (type !== 13) continue;
    const entries = le.readUInt16LE(page + 20);
    for (let i = 0; i < entries; i++) {
      const item = page + le.readUInt16LE(page + 26 + i * 2);
      swap16(page + 26 + i * 2);
      if (le[item] === 3) {
        swap32(item + 4);
        swap32(item + 8);
      } else if (le[item] === 1 && i % 2 === 0) {
        swap32(item + 1); // the key: rpm's header number in the writer's byte order
      }
    }
  }
  return be;
}
