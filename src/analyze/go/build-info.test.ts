import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { readElf } from '../elf/elf-file.js';
import { buildElf } from '../elf/synthetic-elf.js';
import { readGoBuildInfo } from './build-info.js';

const amd64 = readFileSync(fixturePath('go', 'rootfs', 'usr', 'local', 'bin', 'hello'));
const mips = readFileSync(fixturePath('go', 'rootfs', 'opt', 'mips', 'hello'));
const notGo = readFileSync(fixturePath('rust', 'rootfs', 'usr', 'local', 'bin', 'hello-auditable'));

/**
 * The module info `go version -m` shows for the amd64 fixture (test/fixtures/go/README.md), as the linker wrote it:
 * Go 1.19 ends each replacement line with a second newline.
 */
const AMD64_MODINFO = [
  'path\texample.com/hello',
  'mod\texample.com/hello\t(devel)\t',
  'dep\texample.com/colour\tv0.3.1',
  '=>\texample.com/colour-fork\tv0.3.2\th1:/k9GFKgrRYBaLDHK+cV7hx1jl9d2hxLBdePqAXcXgtk=',
  '',
  'dep\texample.com/greeter\tv1.2.0\th1:FP7h9GJvBGvSOl4gQRYwFSwp0l/O7tAkQX+GMgErG+Q=',
  'dep\texample.com/local\tv0.1.0',
  '=>\t./local\t(devel)\t',
  '',
  'build\t-compiler=gc',
  'build\t-tags=seawall,fixture',
  'build\t-trimpath=true',
  'build\tCGO_ENABLED=1',
  'build\tGOARCH=amd64',
  'build\tGOOS=linux',
  'build\tGOAMD64=v1',
  '',
].join('\n');

/** cmd/go's module info sentinels, as runc's binary carries them: deliberately not UTF-8. */
const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

function read(content: Buffer) {
  const warnings: string[] = [];
  const info = readGoBuildInfo(content, readElf(content), (m) => warnings.push(m));
  return { info, warnings };
}

describe('readGoBuildInfo on real Go 1.19 binaries (inline strings)', () => {
  it('amd64: the toolchain version and the module info between the sentinels', () => {
    assert.deepEqual(read(amd64), {
      info: { goVersion: 'go1.19.8', modinfo: AMD64_MODINFO },
      warnings: [],
    });
  });

  it('mips (ELF32 big-endian): the same modules', () => {
    const { info, warnings } = read(mips);
    assert.deepEqual(warnings, []);
    assert.equal(info?.goVersion, 'go1.19.8');
    assert.ok(info?.modinfo.includes('build\tGOARCH=mips\n'));
    assert.ok(info?.modinfo.includes('dep\texample.com/greeter\tv1.2.0\t'));
  });

  it('without a section table (zeroed e_shoff/e_shnum), found by searching the writable segment', () => {
    const sectionless = Buffer.from(amd64);
    sectionless.writeBigUInt64LE(0n, 40);
    sectionless.writeUInt16LE(0, 60);
    sectionless.writeUInt16LE(0, 62);
    assert.deepEqual(read(sectionless), {
      info: { goVersion: 'go1.19.8', modinfo: AMD64_MODINFO },
      warnings: [],
    });
  });

  it('an ELF binary that is not Go gives nothing and no warning (its section table says so)', () => {
    assert.deepEqual(read(notGo), { info: undefined, warnings: [] });
  });

  it('a blob whose version length runs past the data is a warning', () => {
    const damaged = Buffer.from(amd64);
    damaged.fill(0xff, 0xd4000 + 32, 0xd4000 + 48); // the varint never ends
    assert.deepEqual(read(damaged), {
      info: undefined,
      warnings: ['Go build info header found but its version string is unreadable'],
    });
  });

  it('a file cut short before its .go.buildinfo section is a warning', () => {
    // The section headers (at 456) and their names (at 0x8cee0) survive; the section at 0xd4000 does not.
    assert.deepEqual(read(amd64.subarray(0, 0xd0000)), {
      info: undefined,
      warnings: ['Go build info section .go.buildinfo lies outside the file'],
    });
  });

  it('module info not framed by the sentinels is treated as absent, as Go does', () => {
    const file = inlineBlobElf('go1.21.0', Buffer.from('path\tx\n'));
    assert.deepEqual(read(file).info, { goVersion: 'go1.21.0', modinfo: '' });
  });
});

/** A Go 1.18+ style blob in a .go.buildinfo section. */
function inlineBlobElf(version: string, modinfo: Buffer): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = 2;
  const varint = (n: number) => Buffer.from([n]);
  const blob = Buffer.concat([
    header,
    varint(version.length),
    Buffer.from(version),
    varint(modinfo.length),
    modinfo,
  ]);
  return buildElf({
    bits: 64,
    littleEndian: true,
    sections: [{ name: '.go.buildinfo', data: blob, addr: 0x10000 }],
    segments: [{ section: '.go.buildinfo' }],
  });
}

describe('readGoBuildInfo on the pointer layout of Go before 1.18', () => {
  for (const [bits, littleEndian] of [
    [64, true],
    [32, false],
  ] as const) {
    it(`ELF${bits} ${littleEndian ? 'little' : 'big'}-endian: string headers followed through the segments`, () => {
      const ptr = bits / 8;
      const version = Buffer.from('go1.16.15');
      const text = 'path\tgithub.com/x/tool\nmod\tgithub.com/x/tool\tv1.0.0\th1:abc=\n';
      const modinfo = Buffer.concat([INFO_START, Buffer.from(text), INFO_END]);
      const rodataAddr = 0x20000;
      const dataAddr = 0x30000;
      const rodata = Buffer.concat([version, modinfo]);
      const writePtr = (buf: Buffer, at: number, value: number) => {
        if (ptr === 4)
          return littleEndian ? buf.writeUInt32LE(value, at) : buf.writeUInt32BE(value, at);
        return littleEndian
          ? buf.writeBigUInt64LE(BigInt(value), at)
          : buf.writeBigUInt64BE(BigInt(value), at);
      };
      // Two Go string headers {data, len}: runtime.buildVersion and runtime.modinfo.
      const data = Buffer.alloc(4 * ptr);
      writePtr(data, 0, rodataAddr);
      writePtr(data, ptr, version.length);
      writePtr(data, 2 * ptr, rodataAddr + version.length);
      writePtr(data, 3 * ptr, modinfo.length);
      const blob = Buffer.alloc(32);
      blob.write('\xff Go buildinf:', 0, 'latin1');
      blob[14] = ptr;
      blob[15] = littleEndian ? 0 : 1;
      writePtr(blob, 16, dataAddr);
      writePtr(blob, 16 + ptr, dataAddr + 2 * ptr);
      const file = buildElf({
        bits,
        littleEndian,
        sections: [
          { name: '.rodata', data: rodata, addr: rodataAddr },
          { name: '.data', data, addr: dataAddr },
          { name: '.go.buildinfo', data: blob, addr: 0x40000 },
        ],
        segments: [
          { section: '.rodata', flags: 4 },
          { section: '.data' },
          { section: '.go.buildinfo' },
        ],
      });
      assert.deepEqual(read(file), {
        info: { goVersion: 'go1.16.15', modinfo: text },
        warnings: [],
      });
    });
  }

  it('pointers to nowhere give a warning, not an exception', () => {
    const blob = Buffer.alloc(32);
    blob.write('\xff Go buildinf:', 0, 'latin1');
    blob[14] = 8;
    blob.writeBigUInt64LE(0xffffffffffffff00n, 16);
    blob.writeBigUInt64LE(0x99999999n, 24);
    const file = buildElf({
      bits: 64,
      littleEndian: true,
      sections: [{ name: '.go.buildinfo', data: blob, addr: 0x40000 }],
      segments: [{ section: '.go.buildinfo' }],
    });
    assert.deepEqual(read(file).warnings, [
      'Go build info header found but its version string is unreadable',
    ]);
  });
});
