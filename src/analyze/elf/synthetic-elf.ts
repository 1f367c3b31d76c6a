// Builds small ELF files for tests: any class and byte order, named sections, and loadable segments over them.
// Layout per the System V gABI (https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html); only what readers need.

export interface SyntheticSection {
  name: string;
  data: Buffer;
  /** Virtual address; a segment over this section loads it there. */
  addr?: number;
  /** SHT_PROGBITS unless given. */
  type?: number;
  flags?: number;
}

export interface SyntheticSegment {
  /** The section whose bytes the segment maps. */
  section: string;
  type?: number;
  /** PF_R | PF_W unless given. */
  flags?: number;
}

export interface SyntheticElf {
  bits: 32 | 64;
  littleEndian: boolean;
  sections: SyntheticSection[];
  segments?: SyntheticSegment[];
  /** e_machine; x86-64 (62) unless given. */
  machine?: number;
}

const SHT_PROGBITS = 1;
const SHT_STRTAB = 3;

export function buildElf(spec: SyntheticElf): Buffer {
  const { bits, littleEndian } = spec;
  const ehsize = bits === 64 ? 64 : 52;
  const phentsize = bits === 64 ? 56 : 32;
  const shentsize = bits === 64 ? 64 : 40;
  const segments = spec.segments ?? [];

  const names = ['', ...spec.sections.map((s) => s.name), '.shstrtab'];
  const nameOffsets: number[] = [];
  let strtab = '\0';
  for (const name of names) {
    nameOffsets.push(name === '' ? 0 : strtab.length);
    if (name !== '') strtab += `${name}\0`;
  }
  const strtabBytes = Buffer.from(strtab, 'latin1');

  let offset = ehsize + segments.length * phentsize;
  const align = (n: number) => (n + 15) & ~15;
  const placed = spec.sections.map((s) => {
    offset = align(offset);
    const at = offset;
    offset += s.data.length;
    return { ...s, offset: at };
  });
  const strtabOffset = align(offset);
  const shoff = align(strtabOffset + strtabBytes.length);
  const total = shoff + (spec.sections.length + 2) * shentsize;
  const buf = Buffer.alloc(total);

  const u16 = (at: number, v: number) =>
    littleEndian ? buf.writeUInt16LE(v, at) : buf.writeUInt16BE(v, at);
  const u32 = (at: number, v: number) =>
    littleEndian ? buf.writeUInt32LE(v, at) : buf.writeUInt32BE(v, at);
  const u64 = (at: number, v: number) =>
    littleEndian ? buf.writeBigUInt64LE(BigInt(v), at) : buf.writeBigUInt64BE(BigInt(v), at);
  const word = (at: number, v: number) => (bits === 64 ? u64(at, v) : u32(at, v));

  buf.write('\x7fELF', 0, 'latin1');
  buf[4] = bits === 64 ? 2 : 1;
  buf[5] = littleEndian ? 1 : 2;
  buf[6] = 1;
  u16(16, 2); // ET_EXEC
  u16(18, spec.machine ?? 62);
  u32(20, 1);
  const phoff = segments.length > 0 ? ehsize : 0;
  word(bits === 64 ? 32 : 28, phoff);
  word(bits === 64 ? 40 : 32, shoff);
  const at = bits === 64 ? 52 : 40;
  u16(at, ehsize);
  u16(at + 2, phentsize);
  u16(at + 4, segments.length);
  u16(at + 6, shentsize);
  u16(at + 8, spec.sections.length + 2);
  u16(at + 10, spec.sections.length + 1);

  segments.forEach((segment, i) => {
    const section = placed.find((s) => s.name === segment.section);
    if (!section) throw new Error(`no section ${segment.section}`);
    const p = ehsize + i * phentsize;
    const flags = segment.flags ?? 6;
    const size = section.data.length;
    const addr = section.addr ?? 0;
    if (bits === 64) {
      u32(p, segment.type ?? 1);
      u32(p + 4, flags);
      u64(p + 8, section.offset);
      u64(p + 16, addr);
      u64(p + 24, addr);
      u64(p + 32, size);
      u64(p + 40, size);
      u64(p + 48, 16);
    } else {
      u32(p, segment.type ?? 1);
      u32(p + 4, section.offset);
      u32(p + 8, addr);
      u32(p + 12, addr);
      u32(p + 16, size);
      u32(p + 20, size);
      u32(p + 24, flags);
      u32(p + 28, 16);
    }
  });

  const writeSectionHeader = (
    index: number,
    nameOffset: number,
    type: number,
    flags: number,
    addr: number,
    fileOffset: number,
    size: number,
  ) => {
    const h = shoff + index * shentsize;
    u32(h, nameOffset);
    u32(h + 4, type);
    if (bits === 64) {
      u64(h + 8, flags);
      u64(h + 16, addr);
      u64(h + 24, fileOffset);
      u64(h + 32, size);
    } else {
      u32(h + 8, flags);
      u32(h + 12, addr);
      u32(h + 16, fileOffset);
      u32(h + 20, size);
    }
  };
  placed.forEach((s, i) => {
    s.data.copy(buf, s.offset);
    const type = s.type ?? SHT_PROGBITS;
    writeSectionHeader(
      i + 1,
      nameOffsets[i + 1]!,
      type,
      s.flags ?? 0,
      s.addr ?? 0,
      s.offset,
      s.data.length,
    );
  });
  strtabBytes.copy(buf, strtabOffset);
  const last = spec.sections.length + 1;
  writeSectionHeader(last, nameOffsets[last]!, SHT_STRTAB, 0, 0, strtabOffset, strtabBytes.length);
  return buf;
}
