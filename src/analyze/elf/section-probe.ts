// The section names of an ELF file from three small reads (file header, section header table, section name table),
// so that binary analyzers can turn down the many executables that are not theirs without reading them whole.
// Layout: the System V ABI's ELF header and section header (https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html).

import type { RangedFile } from '../analyzer.js';

export interface SectionProbe {
  /** False when the file has no usable section table (a stripped, sectionless binary): only a whole read can tell. */
  hasSectionTable: boolean;
  names: Set<string>;
}

/** At most this many sections are looked at; real binaries have a few dozen. */
const MAX_SECTIONS = 4096;
const MAX_NAME_TABLE = 1 << 20;

/** Probes already made of a file: every binary analyzer asks about the same executables. */
const probes = new WeakMap<RangedFile, Promise<SectionProbe | undefined>>();

/** The probe, or undefined when the file is not ELF at all; made once per file however many analyzers ask. */
export function probeElfSections(file: RangedFile): Promise<SectionProbe | undefined> {
  let probe = probes.get(file);
  if (!probe) probes.set(file, (probe = probeSections(file)));
  return probe;
}

async function probeSections(file: RangedFile): Promise<SectionProbe | undefined> {
  const head = await file.read(0, 64);
  if (head.length < 4 || head.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = head[4] === 2;
  const le = head[5] === 1;
  const none: SectionProbe = { hasSectionTable: false, names: new Set() };
  // A damaged header is left to the full reader, which names the damage.
  if (
    head.length < 52 ||
    (head[4] !== 1 && !is64) ||
    (head[5] !== 1 && head[5] !== 2) ||
    (is64 && head.length < 64)
  ) {
    return none;
  }
  const u16 = (b: Buffer, at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (b: Buffer, at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const word = (b: Buffer, at: number) =>
    is64 ? Number(le ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at)) : u32(b, at);
  const shoff = word(head, is64 ? 40 : 32);
  const ehsize = is64 ? 52 : 40;
  const shentsize = u16(head, ehsize + 6);
  const shnum = u16(head, ehsize + 8);
  const shstrndx = u16(head, ehsize + 10);
  const headerSize = is64 ? 64 : 40;
  // Extended numbering (shnum 0 with a table) and odd layouts are left to the full reader.
  if (
    shoff === 0 ||
    shnum === 0 ||
    shnum > MAX_SECTIONS ||
    shentsize < headerSize ||
    shstrndx >= shnum
  )
    return none;
  if (shoff + shnum * shentsize > file.size) return none;
  const table = await file.read(shoff, shnum * shentsize);
  const nameTableHeader = shstrndx * shentsize;
  const strOffset = word(table, nameTableHeader + (is64 ? 24 : 16));
  const strSize = word(table, nameTableHeader + (is64 ? 32 : 20));
  if (strSize > MAX_NAME_TABLE || strOffset + strSize > file.size) return none;
  const strings = await file.read(strOffset, strSize);
  const names = new Set<string>();
  for (let i = 0; i < shnum; i++) {
    const nameOffset = u32(table, i * shentsize);
    if (nameOffset >= strings.length) continue;
    const end = strings.indexOf(0, nameOffset);
    names.add(strings.toString('latin1', nameOffset, end < 0 ? strings.length : end));
  }
  return { hasSectionTable: true, names };
}

/** Whether the probe leaves any chance the file has one of `sections`: a whole read is then worth it. */
export function mayHaveSection(probe: SectionProbe, sections: readonly string[]): boolean {
  return !probe.hasSectionTable || sections.some((s) => probe.names.has(s));
}
