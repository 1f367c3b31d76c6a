// A small, bounded ELF reader: the file header, section and program headers, sections by name, bytes at a virtual address.
// ELF format (System V gABI): https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html and ch5.pheader.html

/** The content is not an ELF file at all, or its header cannot be read: the analyzers say so in a warning. */
export class ElfError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'ElfError';
  }
}

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  /** Virtual address when loaded (0 for sections that are not). */
  addr: number;
  offset: number;
  size: number;
}

export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
}

export interface ElfFile {
  bits: 32 | 64;
  littleEndian: boolean;
  /** e_type: 2 executable, 3 shared object (or position-independent executable). */
  type: number;
  machine: number;
  /** Empty when the file has no section table or when it could not be read (then `problems` says why). */
  sections: ElfSection[];
  segments: ElfSegment[];
  /** Damage that left part of the file readable: a section table out of bounds, a bad string table. */
  problems: string[];
}

export const SHT_NOBITS = 8;
export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;

const ELF_MAGIC = 0x7f454c46; // "\x7fELF"
/** Real files have at most a few hundred; the bound keeps a hostile extended count from costing time. */
const MAX_SECTIONS = 65_536;
const MAX_SEGMENTS = 65_536;
const MAX_SECTION_NAME = 256;
/** SHN_XINDEX and PN_XNUM: the real value is in section 0 (extended numbering). */
const SHN_XINDEX = 0xffff;
const PN_XNUM = 0xffff;

/** Whether the content starts with the ELF magic: cheap, for skipping scripts and other executables. */
export function isElf(content: Buffer): boolean {
  return content.length >= 4 && content.readUInt32BE(0) === ELF_MAGIC;
}

/** A bounds-checked reader of one file's integers in its byte order and word size. */
class Fields {
  constructor(
    readonly buf: Buffer,
    readonly littleEndian: boolean,
    readonly bits: 32 | 64,
  ) {}

  fits(offset: number, length: number): boolean {
    return (
      Number.isSafeInteger(offset) &&
      offset >= 0 &&
      length >= 0 &&
      offset + length <= this.buf.length
    );
  }

  u16(offset: number): number {
    return this.littleEndian ? this.buf.readUInt16LE(offset) : this.buf.readUInt16BE(offset);
  }

  u32(offset: number): number {
    return this.littleEndian ? this.buf.readUInt32LE(offset) : this.buf.readUInt32BE(offset);
  }

  /** A 64-bit field as a number; values past 2^53 (never a real offset or size here) become -1 and fail bounds checks. */
  u64(offset: number): number {
    const value = this.littleEndian
      ? this.buf.readBigUInt64LE(offset)
      : this.buf.readBigUInt64BE(offset);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : -1;
  }

  /** An address-sized field (Elf32_Addr/Off/Word or Elf64_Addr/Off/Xword). */
  word(offset: number): number {
    return this.bits === 64 ? this.u64(offset) : this.u32(offset);
  }
}

/**
 * Reads the headers of an ELF file. Throws ElfError when the file header itself is unusable; a damaged section or
 * program header table is left empty and named in `problems`, so that what remains can still be used.
 */
export function readElf(content: Buffer): ElfFile {
  if (!isElf(content)) throw new ElfError('not an ELF file (no \\x7fELF magic)');
  if (content.length < 52) throw new ElfError(`ELF header truncated (${content.length} bytes)`);
  const elfClass = content[4];
  const dataEncoding = content[5];
  if (elfClass !== 1 && elfClass !== 2) throw new ElfError(`unknown ELF class ${elfClass}`);
  if (dataEncoding !== 1 && dataEncoding !== 2)
    throw new ElfError(`unknown ELF data encoding ${dataEncoding}`);
  const bits = elfClass === 2 ? 64 : 32;
  const f = new Fields(content, dataEncoding === 1, bits);
  if (bits === 64 && content.length < 64)
    throw new ElfError(`ELF64 header truncated (${content.length} bytes)`);

  const type = f.u16(16);
  const machine = f.u16(18);
  // Field offsets of the file header differ only by the width of e_entry, e_phoff and e_shoff.
  const phoff = f.word(bits === 64 ? 32 : 28);
  const shoff = f.word(bits === 64 ? 40 : 32);
  const at = bits === 64 ? 52 : 40; // e_ehsize
  const phentsize = f.u16(at + 2);
  let phnum = f.u16(at + 4);
  const shentsize = f.u16(at + 6);
  let shnum = f.u16(at + 8);
  let shstrndx = f.u16(at + 10);

  const elf: ElfFile = {
    bits,
    littleEndian: f.littleEndian,
    type,
    machine,
    sections: [],
    segments: [],
    problems: [],
  };

  const sectionHeaderSize = bits === 64 ? 64 : 40;
  const programHeaderSize = bits === 64 ? 56 : 32;
  // Section 0 carries the real counts when they do not fit in 16 bits (extended numbering).
  const hasSectionTable = shoff !== 0 && shentsize >= sectionHeaderSize;
  if (hasSectionTable && f.fits(shoff, sectionHeaderSize)) {
    const zero = readSectionHeader(f, shoff);
    if (shnum === 0) shnum = zero.size;
    if (shstrndx === SHN_XINDEX) shstrndx = zero.link;
    if (phnum === PN_XNUM) phnum = zero.info;
  }

  if (phnum > 0) {
    if (phentsize < programHeaderSize || phnum > MAX_SEGMENTS || !f.fits(phoff, phnum * phentsize))
      elf.problems.push(`program header table out of bounds (${phnum} entries at ${phoff})`);
    else
      for (let i = 0; i < phnum; i++)
        elf.segments.push(readProgramHeader(f, phoff + i * phentsize));
  }

  if (shoff !== 0 && shnum > 0) {
    if (shentsize < sectionHeaderSize || shnum > MAX_SECTIONS || !f.fits(shoff, shnum * shentsize))
      elf.problems.push(`section header table out of bounds (${shnum} entries at ${shoff})`);
    else readSections(f, shoff, shnum, shentsize, shstrndx, elf);
  }
  return elf;
}

interface RawSectionHeader extends Omit<ElfSection, 'name'> {
  nameOffset: number;
  link: number;
  info: number;
}

function readSectionHeader(f: Fields, at: number): RawSectionHeader {
  if (f.bits === 64)
    return {
      nameOffset: f.u32(at),
      type: f.u32(at + 4),
      flags: f.u64(at + 8),
      addr: f.u64(at + 16),
      offset: f.u64(at + 24),
      size: f.u64(at + 32),
      link: f.u32(at + 40),
      info: f.u32(at + 44),
    };
  return {
    nameOffset: f.u32(at),
    type: f.u32(at + 4),
    flags: f.u32(at + 8),
    addr: f.u32(at + 12),
    offset: f.u32(at + 16),
    size: f.u32(at + 20),
    link: f.u32(at + 24),
    info: f.u32(at + 28),
  };
}

function readProgramHeader(f: Fields, at: number): ElfSegment {
  // ELF64 moves p_flags up beside p_type so that the 64-bit fields stay aligned.
  if (f.bits === 64)
    return {
      type: f.u32(at),
      flags: f.u32(at + 4),
      offset: f.u64(at + 8),
      vaddr: f.u64(at + 16),
      filesz: f.u64(at + 32),
      memsz: f.u64(at + 40),
    };
  return {
    type: f.u32(at),
    offset: f.u32(at + 4),
    vaddr: f.u32(at + 8),
    filesz: f.u32(at + 16),
    memsz: f.u32(at + 20),
    flags: f.u32(at + 24),
  };
}

function readSections(
  f: Fields,
  shoff: number,
  shnum: number,
  shentsize: number,
  shstrndx: number,
  elf: ElfFile,
): void {
  const headers: RawSectionHeader[] = [];
  for (let i = 0; i < shnum; i++) headers.push(readSectionHeader(f, shoff + i * shentsize));
  const strtab = headers[shstrndx];
  const namesReadable =
    strtab !== undefined && strtab.type !== SHT_NOBITS && f.fits(strtab.offset, strtab.size);
  // Sections are only ever looked up by name: without the names the table is of no use, as if it were absent.
  if (!namesReadable) {
    if (shnum > 1) elf.problems.push(`section name table ${shstrndx} missing or out of bounds`);
    return;
  }
  for (const { nameOffset, link: _link, info: _info, ...section } of headers)
    elf.sections.push({ name: sectionName(f.buf, strtab, nameOffset), ...section });
}

function sectionName(buf: Buffer, strtab: RawSectionHeader, nameOffset: number): string {
  if (nameOffset >= strtab.size) return '';
  const start = strtab.offset + nameOffset;
  const limit = Math.min(strtab.offset + strtab.size, start + MAX_SECTION_NAME);
  const end = buf.indexOf(0, start);
  return buf.toString('latin1', start, end === -1 || end > limit ? limit : end);
}

export function findSection(elf: ElfFile, name: string): ElfSection | undefined {
  return elf.sections.find((s) => s.name === name);
}

/** A section's bytes as a view of the content (no copy), or undefined when it has none or lies outside the file. */
export function sectionBytes(content: Buffer, section: ElfSection): Buffer | undefined {
  if (section.type === SHT_NOBITS) return undefined;
  const { offset, size } = section;
  if (offset < 0 || size < 0 || offset + size > content.length) return undefined;
  return content.subarray(offset, offset + size);
}

/**
 * Up to `size` bytes at virtual address `addr`, from the loadable segment that holds it in the file (a view, no copy);
 * shorter when the segment's file image ends first, undefined when no segment holds the address.
 */
export function bytesAtAddress(
  content: Buffer,
  elf: ElfFile,
  addr: number,
  size: number,
): Buffer | undefined {
  for (const segment of elf.segments) {
    if (segment.type !== PT_LOAD || segment.filesz <= 0) continue;
    if (addr < segment.vaddr || addr >= segment.vaddr + segment.filesz) continue;
    const start = segment.offset + (addr - segment.vaddr);
    const end = Math.min(start + size, segment.offset + segment.filesz, content.length);
    if (segment.offset < 0 || start >= end) return undefined;
    return content.subarray(start, end);
  }
  return undefined;
}

/**
 * Reads the ELF headers, warning about damage, or says in a warning why the file cannot be read and returns undefined.
 * The Go and Rust analyzers both read every executable: their warnings about one file are worded alike, so the scan's
 * de-duplication leaves one of each.
 */
export function openElf(content: Buffer, warn: (message: string) => void): ElfFile | undefined {
  try {
    const elf = readElf(content);
    for (const problem of elf.problems) warn(`damaged ELF file: ${problem}`);
    return elf;
  } catch (err) {
    if (err instanceof ElfError) {
      warn(`unreadable ELF file: ${err.message}`);
      return undefined;
    }
    throw err;
  }
}
