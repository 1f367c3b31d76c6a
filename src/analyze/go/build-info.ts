// Finds the build information the Go linker writes into an ELF binary: the toolchain version and the module info text.
// Format as read by Go's own debug/buildinfo (https://go.dev/src/debug/buildinfo/buildinfo.go), both layouts.

import {
  PF_W,
  PF_X,
  PT_LOAD,
  bytesAtAddress,
  findSection,
  sectionBytes,
  type ElfFile,
} from '../elf/elf-file.js';

export interface RawGoBuildInfo {
  /** runtime.buildVersion, e.g. `go1.19.8`. */
  goVersion: string;
  /** runtime.modinfo without its sentinels: the `path`/`mod`/`dep`/`=>`/`build` lines; '' for a GOPATH build. */
  modinfo: string;
}

/** 14 bytes of magic, then the pointer size and a flags byte; the header is 32 bytes and 16-byte aligned. */
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_SIZE = 32;
const ALIGNMENT = 16;
/** Go searches this much of the data segment when there is no .go.buildinfo section; the linker puts the blob first. */
const SEARCH_WINDOW = 64 * 1024;
/** Far above any real module list (Kubernetes' is under 100 KiB), so a hostile length cannot cost memory. */
const MAX_STRING = 4 * 1024 * 1024;
/** Flag bit 1: the strings follow the header inline (Go 1.18 and later); otherwise it holds pointers to them. */
const FLAG_INLINE_STRINGS = 2;
/** The module info is framed by two 16-byte sentinels (cmd/go/internal/modload infoStart and infoEnd). */
const SENTINEL_SIZE = 16;
/** Sections only Go binaries have: with a section table and none of these, the binary is not Go. */
const GO_SECTIONS = new Set(['.go.buildinfo', '.gopclntab', '.note.go.buildid', '.gosymtab']);

/**
 * The Go build information of an ELF binary, or undefined when it is not a Go binary. Damage in a blob that is
 * plainly Go's (the magic is there but the strings are not) is reported through `warn`.
 */
export function readGoBuildInfo(
  content: Buffer,
  elf: ElfFile,
  warn: (message: string) => void,
): RawGoBuildInfo | undefined {
  const region = searchRegion(content, elf, warn);
  if (!region) return undefined;
  const blob = findBlob(region);
  if (!blob) return undefined;
  const strings =
    blob[15]! & FLAG_INLINE_STRINGS ? inlineStrings(blob) : pointedStrings(content, elf, blob);
  const goVersion = strings?.goVersion.toString('utf8') ?? '';
  if (!strings || goVersion === '') {
    warn('Go build info header found but its version string is unreadable');
    return undefined;
  }
  return { goVersion, modinfo: unframe(strings.modinfo) };
}

/** Where the blob can be: the .go.buildinfo section, else the start of the first writable, non-executable segment. */
function searchRegion(
  content: Buffer,
  elf: ElfFile,
  warn: (message: string) => void,
): Buffer | undefined {
  const section = findSection(elf, '.go.buildinfo');
  if (section) {
    const bytes = sectionBytes(content, section);
    if (!bytes) warn('Go build info section .go.buildinfo lies outside the file');
    return bytes;
  }
  // The section table tells at once that most executables are not Go; only a binary without one needs the search.
  if (elf.sections.length > 0 && !elf.sections.some((s) => GO_SECTIONS.has(s.name)))
    return undefined;
  const data = elf.segments.find((s) => s.type === PT_LOAD && (s.flags & (PF_X | PF_W)) === PF_W);
  return data ? bytesAtAddress(content, elf, data.vaddr, SEARCH_WINDOW) : undefined;
}

function findBlob(region: Buffer): Buffer | undefined {
  for (let from = 0; ;) {
    const i = region.indexOf(MAGIC, from);
    if (i < 0 || region.length - i < HEADER_SIZE) return undefined;
    if (i % ALIGNMENT === 0) return region.subarray(i);
    from = i + 1;
  }
}

/** Raw bytes: the module info's sentinels are not UTF-8, so the framing is removed before decoding. */
interface BlobStrings {
  goVersion: Buffer;
  modinfo: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** Go 1.18+: two varint-length-prefixed strings right after the 32-byte header. */
function inlineStrings(blob: Buffer): BlobStrings | undefined {
  const version = varintString(blob, HEADER_SIZE);
  if (!version) return undefined;
  const modinfo = varintString(blob, version.next);
  return { goVersion: version.bytes, modinfo: modinfo?.bytes ?? EMPTY };
}

function varintString(buf: Buffer, at: number): { bytes: Buffer; next: number } | undefined {
  let length = 0;
  let shift = 0;
  let i = at;
  for (; i < buf.length && i - at < 10; i++) {
    const byte = buf[i]!;
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  if (i >= buf.length || i - at >= 10) return undefined;
  const start = i + 1;
  if (length > MAX_STRING || start + length > buf.length) return undefined;
  return { bytes: buf.subarray(start, start + length), next: start + length };
}

/** Before Go 1.18: the header holds the addresses of two Go string headers ({data pointer, length}). */
function pointedStrings(content: Buffer, elf: ElfFile, blob: Buffer): BlobStrings | undefined {
  const ptrSize = blob[14]!;
  if (ptrSize !== 4 && ptrSize !== 8) return undefined;
  const bigEndian = blob[15] !== 0;
  const readPtr = (buf: Buffer, at: number): number => {
    if (ptrSize === 4) return bigEndian ? buf.readUInt32BE(at) : buf.readUInt32LE(at);
    const value = bigEndian ? buf.readBigUInt64BE(at) : buf.readBigUInt64LE(at);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : -1;
  };
  const readString = (headerAddr: number): Buffer => {
    if (headerAddr < 0) return EMPTY;
    const header = bytesAtAddress(content, elf, headerAddr, 2 * ptrSize);
    if (!header || header.length < 2 * ptrSize) return EMPTY;
    const dataAddr = readPtr(header, 0);
    const length = readPtr(header, ptrSize);
    if (dataAddr < 0 || length < 0 || length > MAX_STRING) return EMPTY;
    const data = bytesAtAddress(content, elf, dataAddr, length);
    return data && data.length === length ? data : EMPTY;
  };
  return {
    goVersion: readString(readPtr(blob, 16)),
    modinfo: readString(readPtr(blob, 16 + ptrSize)),
  };
}

/** The text between the sentinels; a module info string that is not framed as Go frames it is treated as absent. */
function unframe(modinfo: Buffer): string {
  const framed =
    modinfo.length >= 2 * SENTINEL_SIZE + 1 && modinfo[modinfo.length - SENTINEL_SIZE - 1] === 0x0a;
  return framed ? modinfo.toString('utf8', SENTINEL_SIZE, modinfo.length - SENTINEL_SIZE) : '';
}
