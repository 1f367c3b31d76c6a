// Reads a zip archive held in memory through its central directory: lists chosen entries and inflates one at a time
// within a size bound. Format: PKWARE APPNOTE.TXT (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT), Zip64 included.

import { constants, inflateRawSync } from 'node:zlib';

/** A damaged or unsupported archive or entry; the message says what is wrong (for an entry, callers name it). */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  flags: number;
  compressedSize: number;
  /** The uncompressed size the central directory declares (reading checks the data against it). */
  size: number;
  /** Where the entry's local header starts, already corrected for bytes prepended to the archive. */
  localHeaderOffset: number;
}

export interface ZipListing {
  entries: ZipEntry[];
  /** Set when the central directory breaks off part way: the entries before the damage are still listed. */
  damage?: string;
}

/** Decides from the raw name bytes `data[start, end)` whether an entry is worth listing (no string is made otherwise). */
export type EntryFilter = (data: Buffer, start: number, end: number) => boolean;

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const ZIP64_EXTRA_ID = 0x0001;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x1;
const STORED = 0;
const DEFLATED = 8;
const U32_MAX = 0xffffffff;

/** Whether `data` starts like a zip archive (a local file header), as a cheap test before trying to read it. */
export function looksLikeZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL_SIGNATURE;
}

/** Lists the entries `wanted` accepts; throws ZipFormatError when there is no readable central directory at all. */
export function listZipEntries(data: Buffer, wanted: EntryFilter): ZipListing {
  const end = findEndOfCentralDirectory(data);
  let count = data.readUInt16LE(end + 10);
  let cdSize = data.readUInt32LE(end + 12);
  let cdOffset = data.readUInt32LE(end + 16);
  let cdEnd = end;
  const zip64 = readZip64End(data, end);
  if (zip64) {
    ({ count, cdSize, cdOffset } = zip64);
    cdEnd = zip64.position;
  }
  // An executable jar starts with a launcher script the offsets do not count: where the directory really ends
  // tells how many bytes came before the archive (Go's archive/zip and the JDK correct for this the same way).
  const prepended = cdEnd - cdSize - cdOffset;
  if (prepended < 0 || cdEnd - cdSize < 0)
    throw new ZipFormatError('central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let pos = cdEnd - cdSize;
  for (let i = 0; i < count; i++) {
    if (pos + CENTRAL_SIZE > cdEnd || data.readUInt32LE(pos) !== CENTRAL_SIGNATURE)
      return { entries, damage: `central directory damaged after ${i} of ${count} entries` };
    const nameLength = data.readUInt16LE(pos + 28);
    const extraLength = data.readUInt16LE(pos + 30);
    const commentLength = data.readUInt16LE(pos + 32);
    const nameStart = pos + CENTRAL_SIZE;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > cdEnd)
      return { entries, damage: `central directory damaged after ${i} of ${count} entries` };
    if (wanted(data, nameStart, nameStart + nameLength)) {
      const entry: ZipEntry = {
        name: data.toString('utf8', nameStart, nameStart + nameLength),
        flags: data.readUInt16LE(pos + 8),
        method: data.readUInt16LE(pos + 10),
        compressedSize: data.readUInt32LE(pos + 20),
        size: data.readUInt32LE(pos + 24),
        localHeaderOffset: data.readUInt32LE(pos + 42),
      };
      applyZip64Extra(data, nameStart + nameLength, extraLength, entry);
      entry.localHeaderOffset += prepended;
      entries.push(entry);
    }
    pos = next;
  }
  return { entries };
}

/** The stored bytes of an entry (compressed or not), located through its local header. */
export function rawEntryData(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > data.length || data.readUInt32LE(at) !== LOCAL_SIGNATURE)
    throw new ZipFormatError(`no local header where the directory says`);
  const start = at + LOCAL_SIZE + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length)
    throw new ZipFormatError(`data runs past the end of the archive`);
  return data.subarray(start, start + entry.compressedSize);
}

/**
 * The entry's content, refusing (before inflating anything) an entry that declares more than `maxBytes`, and
 * stopping the inflater as soon as the data grows past what the entry declared, so a lying header costs no more
 * memory or time than an honest one. A stored entry is a view of `data`, not a copy.
 */
export function readZipEntry(data: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  checkReadable(entry);
  if (entry.size > maxBytes)
    throw new ZipFormatError(`${entry.size} bytes uncompressed is over the limit of ${maxBytes}`);
  const raw = rawEntryData(data, entry);
  if (entry.method === STORED) {
    if (entry.compressedSize !== entry.size)
      throw new ZipFormatError(`stored entry with two different sizes`);
    return raw;
  }
  let content: Buffer;
  try {
    // One byte of room over the declared size tells "longer than declared" apart from "exactly as declared".
    content = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
  } catch (err) {
    if (err instanceof RangeError)
      throw new ZipFormatError(`inflates to more than the ${entry.size} bytes declared`);
    throw new ZipFormatError(`damaged compressed data (${(err as Error).message})`);
  }
  if (content.length !== entry.size)
    throw new ZipFormatError(`inflates to ${content.length} bytes, not the ${entry.size} declared`);
  return content;
}

/**
 * The first part of an entry's content, from at most `maxCompressed` bytes of its data and at most `maxBytes` out:
 * for a file whose beginning is all that matters (a manifest's main section comes before its per-file sections).
 */
export function readZipEntryPrefix(
  data: Buffer,
  entry: ZipEntry,
  maxCompressed: number,
  maxBytes: number,
): { content: Buffer; complete: boolean } {
  checkReadable(entry);
  const raw = rawEntryData(data, entry);
  if (entry.method === STORED) {
    const length = Math.min(raw.length, maxBytes);
    return { content: raw.subarray(0, length), complete: length === raw.length };
  }
  const complete = raw.length <= maxCompressed;
  try {
    // Z_SYNC_FLUSH at the end makes the inflater hand back what a cut-off stream decodes to instead of failing.
    const content = inflateRawSync(raw.subarray(0, maxCompressed), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: maxBytes,
    });
    return { content, complete };
  } catch (err) {
    if (err instanceof RangeError)
      throw new ZipFormatError(`inflates to more than ${maxBytes} bytes`);
    throw new ZipFormatError(`damaged compressed data (${(err as Error).message})`);
  }
}

function checkReadable(entry: ZipEntry): void {
  if (entry.flags & FLAG_ENCRYPTED) throw new ZipFormatError(`encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED)
    throw new ZipFormatError(`compression method ${entry.method} is not supported`);
}

function findEndOfCentralDirectory(data: Buffer): number {
  if (data.length < EOCD_SIZE) throw new ZipFormatError('too short to be a zip archive');
  const lowest = Math.max(0, data.length - EOCD_SIZE - MAX_COMMENT);
  for (let pos = data.length - EOCD_SIZE; pos >= lowest; pos--) {
    if (data[pos] !== 0x50 || data.readUInt32LE(pos) !== EOCD_SIGNATURE) continue;
    // The comment must fit in the file: otherwise these four bytes are content that happens to match.
    if (pos + EOCD_SIZE + data.readUInt16LE(pos + 20) <= data.length) return pos;
  }
  throw new ZipFormatError('no end of central directory record (not a zip archive, or cut short)');
}

function readZip64End(
  data: Buffer,
  end: number,
): { count: number; cdSize: number; cdOffset: number; position: number } | undefined {
  const locator = end - ZIP64_LOCATOR_SIZE;
  if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) return undefined;
  // The locator's offset does not count prepended bytes either; the record sits right before the locator
  // (no extensible data is written by any tool that makes jars), which is where it is looked for first.
  const isRecord = (at: number) =>
    at >= 0 && at + ZIP64_EOCD_SIZE <= locator && data.readUInt32LE(at) === ZIP64_EOCD_SIGNATURE;
  let position = safeU64(data, locator + 8);
  if (!isRecord(position)) {
    position = locator - ZIP64_EOCD_SIZE;
    if (!isRecord(position))
      throw new ZipFormatError('Zip64 end of central directory record missing');
  }
  return {
    count: safeU64(data, position + 32),
    cdSize: safeU64(data, position + 40),
    cdOffset: safeU64(data, position + 48),
    position,
  };
}

/** Zip64 puts the real sizes and offset in extra field 0x0001, only for those the fixed fields mark as 0xFFFFFFFF. */
function applyZip64Extra(data: Buffer, start: number, length: number, entry: ZipEntry): void {
  if (
    entry.size !== U32_MAX &&
    entry.compressedSize !== U32_MAX &&
    entry.localHeaderOffset !== U32_MAX
  )
    return;
  for (let pos = start; pos + 4 <= start + length;) {
    const id = data.readUInt16LE(pos);
    const size = data.readUInt16LE(pos + 2);
    let field = pos + 4;
    const fieldEnd = field + size;
    if (fieldEnd > start + length) break;
    if (id === ZIP64_EXTRA_ID) {
      const next = (): number => {
        if (field + 8 > fieldEnd)
          throw new ZipFormatError(`${entry.name}: short Zip64 extra field`);
        const value = safeU64(data, field);
        field += 8;
        return value;
      };
      if (entry.size === U32_MAX) entry.size = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localHeaderOffset === U32_MAX) entry.localHeaderOffset = next();
      return;
    }
    pos = fieldEnd;
  }
}

/** A little-endian 64-bit value, which must fit a JavaScript number exactly (no real archive comes close). */
function safeU64(data: Buffer, pos: number): number {
  if (pos < 0 || pos + 8 > data.length) throw new ZipFormatError('Zip64 record outside the file');
  const value = data.readBigUInt64LE(pos);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('Zip64 value too large');
  return Number(value);
}
