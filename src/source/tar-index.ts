// An index of a seekable, uncompressed tar archive (docker-archive, oci-archive) built from its headers alone, so that
// one member (a layer) can be streamed without reading or unpacking the rest. POSIX ustar + pax (path, size) and GNU
// long names: https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06

import { closeSync, createReadStream, fstatSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { normaliseEntryPath, parentOf } from './paths.js';
import { openRegularFile } from './regular-file.js';

const BLOCK = 512;

export interface TarMember {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Byte offset of the member's data. */
  offset: number;
  size: number;
  linkTarget?: string;
}

export class TarIndex {
  private constructor(
    readonly file: string,
    private readonly members: Map<string, TarMember>,
  ) {}

  static open(file: string): TarIndex {
    const { fd } = openRegularFile(file, file);
    try {
      return new TarIndex(file, readMembers(fd, file));
    } finally {
      closeSync(fd);
    }
  }

  paths(): string[] {
    return [...this.members.keys()].sort();
  }

  has(path: string): boolean {
    return this.find(path) !== undefined;
  }

  /** The regular-file member at `path`, following symbolic and hard links inside the archive. */
  find(path: string): TarMember | undefined {
    let current = normaliseEntryPath(path);
    for (let hops = 0; current.ok && hops < 16; hops++) {
      const m = this.members.get(current.path);
      if (!m) return undefined;
      if (m.type === 'file') return m;
      if (m.type === 'hardlink') current = normaliseEntryPath(m.linkTarget ?? '');
      else if (m.type === 'symlink') {
        const t = m.linkTarget ?? '';
        current = normaliseEntryPath(t.startsWith('/') ? t : `${parentOf(m.path)}/${t}`);
      } else return undefined;
    }
    return undefined;
  }

  read(path: string, maxBytes: number): Buffer {
    const m = this.require(path);
    if (m.size > maxBytes)
      throw new InputError(`${this.file}: ${path}`, `too large (${m.size} bytes)`);
    const { fd } = openRegularFile(this.file, this.file);
    try {
      const buf = Buffer.alloc(m.size);
      const n = readSync(fd, buf, 0, m.size, m.offset);
      if (n !== m.size) throw new InputError(this.file, `truncated archive: ${path} is cut short`);
      return buf;
    } finally {
      closeSync(fd);
    }
  }

  open(path: string): Readable {
    const m = this.require(path);
    if (m.size === 0) return Readable.from([]);
    const { fd } = openRegularFile(this.file, this.file);
    return createReadStream('', {
      fd,
      start: m.offset,
      end: m.offset + m.size - 1,
      highWaterMark: 1024 * 1024,
    });
  }

  private require(path: string): TarMember {
    const m = this.find(path);
    if (!m) throw new InputError(this.file, `archive has no file ${path}`);
    return m;
  }
}

function readMembers(fd: number, file: string): Map<string, TarMember> {
  const total = fstatSync(fd).size;
  const magic = Buffer.alloc(4);
  readSync(fd, magic, 0, 4, 0);
  if ((magic[0] === 0x1f && magic[1] === 0x8b) || magic.readUInt32LE(0) === 0xfd2fb528) {
    throw new InputError(
      file,
      'compressed archive: archives are read in place, so decompress it first (gunzip, zstd -d)',
    );
  }
  const members = new Map<string, TarMember>();
  const header = Buffer.alloc(BLOCK);
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let sawHeader = false;
  while (offset + BLOCK <= total) {
    readExactly(fd, header, offset, file);
    if (header.every((b) => b === 0)) return members; // end-of-archive marker
    if (!checksumOk(header)) {
      throw new InputError(
        file,
        sawHeader ? `corrupt tar header at byte ${offset}` : 'not a tar archive',
      );
    }
    sawHeader = true;
    const typeflag = String.fromCharCode(header[156]!);
    const headerSize = parseNumber(header.subarray(124, 136), file);
    // A pax `size` record overrides the header's field (writers use it for members over 8 GiB).
    const size =
      typeflag === 'x' || typeflag === 'g' || pax.size === undefined
        ? headerSize
        : paxSize(pax.size, file, offset);
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > total) throw new InputError(file, 'truncated archive');
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'g') {
      const data = Buffer.alloc(size);
      readExactly(fd, data, dataOffset, file);
      if (typeflag === 'L') longName = cString(data);
      else if (typeflag === 'K') longLink = cString(data);
      else if (typeflag === 'x') pax = parsePax(data);
      offset = next;
      continue;
    }
    const name = pax.path ?? longName ?? ustarName(header);
    const link = pax.linkpath ?? longLink ?? cString(header.subarray(157, 257));
    const norm = normaliseEntryPath(name);
    if (norm.ok && norm.path !== '') {
      members.set(norm.path, {
        path: norm.path,
        type: typeOf(typeflag),
        offset: dataOffset,
        size,
        linkTarget: typeflag === '1' || typeflag === '2' ? link : undefined,
      });
    }
    longName = longLink = undefined;
    pax = {};
    offset = next;
  }
  if (!sawHeader) throw new InputError(file, 'not a tar archive');
  return members; // archives without the end marker are common enough; members are all accounted for
}

function paxSize(text: string, file: string, offset: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n))
    throw new InputError(file, `corrupt pax size record at byte ${offset}`);
  return n;
}

function typeOf(flag: string): TarMember['type'] {
  if (flag === '0' || flag === '\0' || flag === '7') return 'file';
  if (flag === '5') return 'dir';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

function readExactly(fd: number, buf: Buffer, position: number, file: string): void {
  const n = readSync(fd, buf, 0, buf.length, position);
  if (n !== buf.length) throw new InputError(file, 'truncated archive');
}

function checksumOk(header: Buffer): boolean {
  const stored = parseInt(cString(header.subarray(148, 156)).trim() || 'x', 8);
  if (Number.isNaN(stored)) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === stored;
}

/** Octal, or GNU base-256 for sizes over 8 GiB. */
function parseNumber(field: Buffer, file: string): number {
  if (field[0]! & 0x80) {
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]!;
    return n;
  }
  const text = cString(field).trim();
  const n = text === '' ? 0 : parseInt(text, 8);
  if (Number.isNaN(n)) throw new InputError(file, 'corrupt tar header (bad size field)');
  return n;
}

function ustarName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const magic = header.subarray(257, 263).toString('latin1');
  const prefix = magic === 'ustar\0' ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return buf.subarray(0, nul < 0 ? buf.length : nul).toString('utf8');
}

/** pax extended header records: "LEN key=value\n". */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = parseInt(data.subarray(pos, space).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}
