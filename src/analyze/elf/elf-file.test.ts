import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import {
  ElfError,
  PT_LOAD,
  bytesAtAddress,
  findSection,
  isElf,
  openElf,
  readElf,
  sectionBytes,
} from './elf-file.js';
import { buildElf } from './synthetic-elf.js';

const amd64 = readFileSync(fixturePath('go', 'rootfs', 'usr', 'local', 'bin', 'hello'));
const mips = readFileSync(fixturePath('go', 'rootfs', 'opt', 'mips', 'hello'));

describe('readElf on real binaries (truth from readelf -h -S -l)', () => {
  it('amd64 Go binary: ELF64 little-endian, 14 sections, 7 program headers', () => {
    const elf = readElf(amd64);
    assert.equal(elf.bits, 64);
    assert.equal(elf.littleEndian, true);
    assert.equal(elf.type, 2);
    assert.equal(elf.machine, 62);
    assert.deepEqual(elf.problems, []);
    assert.deepEqual(
      elf.sections.map((s) => s.name),
      [
        '',
        '.text',
        '.rodata',
        '.shstrtab',
        '.typelink',
        '.itablink',
        '.gosymtab',
        '.gopclntab',
        '.go.buildinfo',
        '.noptrdata',
        '.data',
        '.bss',
        '.noptrbss',
        '.note.go.buildid',
      ],
    );
    const buildinfo = findSection(elf, '.go.buildinfo')!;
    assert.deepEqual(
      { addr: buildinfo.addr, offset: buildinfo.offset, size: buildinfo.size },
      { addr: 0x4d4000, offset: 0xd4000, size: 0x200 },
    );
    assert.equal(elf.segments.length, 7);
    const loads = elf.segments.filter((s) => s.type === PT_LOAD);
    assert.deepEqual(
      loads.map((s) => [s.offset, s.vaddr, s.filesz, s.memsz, s.flags]),
      [
        [0, 0x400000, 0x619ae, 0x619ae, 5],
        [0x62000, 0x462000, 0x718a8, 0x718a8, 4],
        [0xd4000, 0x4d4000, 0x45a0, 0x38088, 6],
      ],
    );
  });

  it('mips Go binary: ELF32 big-endian, 16 sections, 8 program headers', () => {
    const elf = readElf(mips);
    assert.equal(elf.bits, 32);
    assert.equal(elf.littleEndian, false);
    assert.equal(elf.machine, 8); // EM_MIPS
    assert.equal(elf.sections.length, 16);
    assert.equal(elf.segments.length, 8);
    const buildinfo = findSection(elf, '.go.buildinfo')!;
    assert.deepEqual(
      { addr: buildinfo.addr, offset: buildinfo.offset, size: buildinfo.size },
      { addr: 0x100000, offset: 0xf0000, size: 0x1f0 },
    );
    assert.equal(sectionBytes(mips, buildinfo)!.toString('latin1', 0, 14), '\xff Go buildinf:');
  });

  it('bytesAtAddress maps a virtual address through its loadable segment, and stops at its end', () => {
    const elf = readElf(amd64);
    const viaAddress = bytesAtAddress(amd64, elf, 0x4d4000, 16)!;
    assert.deepEqual(viaAddress, amd64.subarray(0xd4000, 0xd4010));
    // .bss is memory only: the data segment's file image ends at 0x4d4000 + 0x45a0.
    assert.equal(bytesAtAddress(amd64, elf, 0x4d4000 + 0x4590, 64)!.length, 16);
    assert.equal(bytesAtAddress(amd64, elf, 0x4d4000 + 0x45a0, 16), undefined);
    assert.equal(bytesAtAddress(amd64, elf, 0x10, 16), undefined);
  });
});

describe('readElf on synthetic files of each class and byte order', () => {
  for (const bits of [32, 64] as const) {
    for (const littleEndian of [true, false]) {
      it(`ELF${bits} ${littleEndian ? 'little' : 'big'}-endian: sections by name, segment mapping`, () => {
        const payload = Buffer.from('payload bytes');
        const file = buildElf({
          bits,
          littleEndian,
          sections: [
            { name: '.text', data: Buffer.alloc(40, 0x90), addr: 0x1000 },
            { name: '.data', data: payload, addr: 0x8000, flags: 3 },
          ],
          segments: [{ section: '.data' }],
        });
        assert.ok(isElf(file));
        const elf = readElf(file);
        assert.equal(elf.bits, bits);
        assert.equal(elf.littleEndian, littleEndian);
        assert.deepEqual(
          elf.sections.map((s) => s.name),
          ['', '.text', '.data', '.shstrtab'],
        );
        const data = findSection(elf, '.data')!;
        assert.equal(data.flags, 3);
        assert.deepEqual(sectionBytes(file, data), payload);
        assert.deepEqual(bytesAtAddress(file, elf, 0x8008, 100), Buffer.from('bytes'));
      });
    }
  }
});

describe('readElf on damaged input', () => {
  it('rejects what is not ELF, or whose header is cut short or unknown, with an ElfError', () => {
    assert.equal(isElf(Buffer.from('#!/bin/sh\n')), false);
    assert.throws(() => readElf(Buffer.from('MZ\x90\x00')), ElfError);
    assert.throws(() => readElf(amd64.subarray(0, 40)), /ELF header truncated \(40 bytes\)/);
    assert.throws(() => readElf(amd64.subarray(0, 60)), /ELF64 header truncated \(60 bytes\)/);
    const badClass = Buffer.from(amd64.subarray(0, 64));
    badClass[4] = 7;
    assert.throws(() => readElf(badClass), /unknown ELF class 7/);
  });

  it('a truncated file keeps its program headers and names the lost section names', () => {
    // Go writes the section headers early (at 456, after the program headers) but their names near the end.
    const elf = readElf(amd64.subarray(0, 4096));
    assert.equal(elf.segments.length, 7);
    assert.deepEqual(elf.sections, []);
    assert.deepEqual(elf.problems, ['section name table 3 missing or out of bounds']);
    assert.deepEqual(readElf(amd64.subarray(0, 1000)).problems, [
      'section header table out of bounds (14 entries at 456)',
    ]);
  });

  it('a bogus section table (offset past the end, absurd count) is a problem, not a crash', () => {
    const bogus = Buffer.from(amd64);
    bogus.writeBigUInt64LE(0xffffffffffffff00n, 40); // e_shoff
    const elf = readElf(bogus);
    assert.deepEqual(elf.sections, []);
    assert.equal(elf.problems.length, 1);
    assert.equal(elf.segments.length, 7);

    const manySections = Buffer.from(amd64);
    manySections.writeUInt16LE(0xfff0, 60); // e_shnum
    assert.match(readElf(manySections).problems[0]!, /section header table out of bounds/);
  });

  it('a section name index past the table leaves no usable sections', () => {
    const file = Buffer.from(amd64);
    file.writeUInt16LE(99, 62); // e_shstrndx
    const elf = readElf(file);
    assert.deepEqual(elf.sections, []);
    assert.deepEqual(elf.problems, ['section name table 99 missing or out of bounds']);
  });

  it('random bytes after the magic: an error or problems, never an exception of another kind', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let round = 0; round < 200; round++) {
      const junk = Buffer.alloc(64 + (round % 7) * 300);
      for (let i = 0; i < junk.length; i++) junk[i] = random();
      junk.write('\x7fELF', 0, 'latin1');
      junk[4] = 1 + (round % 2);
      junk[5] = 1 + ((round >> 1) % 2);
      const warnings: string[] = [];
      const elf = openElf(junk, (m) => warnings.push(m));
      if (elf) for (const s of elf.sections) sectionBytes(junk, s);
      if (elf) bytesAtAddress(junk, elf, 0, 64);
    }
  });

  it('openElf turns header errors and problems into warnings', () => {
    const warnings: string[] = [];
    assert.equal(
      openElf(amd64.subarray(0, 20), (m) => warnings.push(m)),
      undefined,
    );
    assert.ok(openElf(amd64.subarray(0, 4096), (m) => warnings.push(m)));
    assert.deepEqual(warnings, [
      'unreadable ELF file: ELF header truncated (20 bytes)',
      'damaged ELF file: section name table 3 missing or out of bounds',
    ]);
  });
});
