import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { adler32, readNdbHeaders } from './ndb.js';
import { backendKit, pseudoRandomBytes } from '../../testing/rpm-backend-kit.js';

const { read, expectInputError } = backendKit(readNdbHeaders, 'Packages.db');

/** SUSE's SLE 15 BCI base image database: one slot page, 35 package blobs. */
const fixture = readFileSync(fixturePath('rpm', 'suse-sle15-bci-ndb', 'Packages.db'));
const SLOT_PAGE = 4096;

/** The first used slot's block range, to damage one blob on purpose. */
function firstBlob(): { offset: number; length: number } {
  for (let at = 32; at < SLOT_PAGE; at += 16) {
    const blockOffset = fixture.readUInt32LE(at + 8);
    if (blockOffset !== 0)
      return { offset: blockOffset * 16, length: fixture.readUInt32LE(at + 12) * 16 };
  }
  throw new Error('fixture has no used slot');
}

describe('readNdbHeaders', () => {
  it('reads every blob of a real SLE 15 database, checksums verified', () => {
    const { names, warnings } = read(fixture);
    assert.deepEqual(warnings, []);
    assert.equal(names.length, 35);
    assert.equal(names[0], 'system-user-root');
    assert.ok(names.includes('filesystem') && names.includes('glibc'));
  });

  it('rejects random bytes, a wrong version and a header without slot pages', () => {
    expectInputError(pseudoRandomBytes(SLOT_PAGE * 3, 7), /not an rpm NDB database/);
    expectInputError(fixture.subarray(0, 10), /not an rpm NDB database/);
    const version = Buffer.from(fixture);
    version.writeUInt32LE(3, 4);
    expectInputError(version, /unsupported NDB version 3/);
    const noPages = Buffer.from(fixture);
    noPages.writeUInt32LE(0, 12);
    expectInputError(noPages, /no slot pages/);
  });

  it('reads what a truncated file still holds, and warns about the rest', () => {
    const { names, warnings } = read(fixture.subarray(0, Math.floor(fixture.length / 2)));
    assert.ok(names.length > 0 && names.length < 35, `${names.length} packages`);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /runs past the end of the file \(truncated\)/);
    assert.match(warnings[0]!, new RegExp(`read the ${names.length} readable`));
    expectInputError(fixture.subarray(0, SLOT_PAGE), /truncated/);
  });

  it('skips a blob whose checksum, head or tail is damaged, keeping the others', () => {
    const { offset, length } = firstBlob();
    const cases: [number, RegExp][] = [
      [offset + 100, /adler32/],
      [offset, /no head magic/],
      [offset + 4, /belongs to package/],
      [offset + length - 2, /tail is damaged/],
      [offset + 12, /does not match its \d+ blocks/],
    ];
    for (const [at, pattern] of cases) {
      const damaged = Buffer.from(fixture);
      damaged[at] ^= 0x5a;
      const { names, warnings } = read(damaged);
      assert.equal(names.length, 34, String(pattern));
      assert.ok(!names.includes('system-user-root'));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /^slot 2 \(package 1\): /);
      assert.match(warnings[0]!, pattern);
    }
  });

  it('rejects garbage slot pages and implausible slots without hanging', () => {
    const garbage = Buffer.from(fixture);
    pseudoRandomBytes(SLOT_PAGE - 32, 3).copy(garbage, 32);
    expectInputError(garbage, /slot\(s\) without the slot magic/);

    const hugePageCount = Buffer.from(fixture);
    hugePageCount.writeUInt32LE(0xffffffff, 12);
    expectInputError(hugePageCount, /declares 4294967295 slot pages/);

    const badSlot = Buffer.from(fixture);
    badSlot.writeUInt32LE(0xfffffff0, 32 + 8); // first slot's blob far past the end
    const { names, warnings } = read(badSlot);
    assert.equal(names.length, 34);
    assert.match(warnings[0]!, /runs past the end/);

    const intoSlotPages = Buffer.from(fixture);
    intoSlotPages.writeUInt32LE(3, 32 + 8);
    assert.match(read(intoSlotPages).warnings[0]!, /overlaps the slot pages/);
  });
});

describe('adler32', () => {
  it('matches RFC 1950 reference values', () => {
    assert.equal(adler32(Buffer.alloc(0)), 1);
    assert.equal(adler32(Buffer.from('Wikipedia')), 0x11e60398);
    // Long enough to need the periodic reduction: a megabyte of 0xff.
    assert.equal(adler32(Buffer.alloc(1 << 20, 0xff)), 0x8e88ef11);
  });
});
