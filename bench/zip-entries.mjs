// The bench's own small zip reader (kept apart from Seawall's, so the ground truth does not share its code): the
// chosen entries of an archive in memory, through the central directory. APPNOTE: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT

import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;

/**
 * The entries whose names `wanted` accepts, name to bytes. Stored and deflated entries are read; any other method
 * or a damaged archive throws, and the caller notes it.
 * @param {Buffer} data
 * @param {(name: string) => boolean} wanted
 * @returns {Map<string, Buffer>}
 */
export function zipEntries(data, wanted) {
  let { count, offset } = endOfCentralDirectory(data);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      throw new Error('bad central directory entry');
    const method = data.readUInt16LE(offset + 10);
    let compressedSize = data.readUInt32LE(offset + 20);
    let localOffset = data.readUInt32LE(offset + 42);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      ({ compressedSize, localOffset } = zip64Extra(
        data.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength),
        data.readUInt32LE(offset + 24),
        compressedSize,
        localOffset,
      ));
    }
    offset += 46 + nameLength + extraLength + commentLength;
    if (!wanted(name)) continue;
    if (data.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER)
      throw new Error(`bad local header for ${name}`);
    const start =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    const raw = data.subarray(start, start + compressedSize);
    if (method === 0) entries.set(name, raw);
    else if (method === 8) entries.set(name, inflateRawSync(raw));
    else throw new Error(`${name} uses compression method ${method}`);
  }
  return entries;
}

/** The record sits at the end, before a comment of at most 65,535 bytes. */
function endOfCentralDirectory(data) {
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= earliest; at--) {
    if (data.readUInt32LE(at) !== END_OF_CENTRAL_DIRECTORY) continue;
    const locator = at - 20;
    if (locator >= 0 && data.readUInt32LE(locator) === ZIP64_END_LOCATOR) {
      const zip64 = Number(data.readBigUInt64LE(locator + 8));
      if (data.readUInt32LE(zip64) !== ZIP64_END) throw new Error('bad zip64 end record');
      return {
        count: Number(data.readBigUInt64LE(zip64 + 32)),
        offset: Number(data.readBigUInt64LE(zip64 + 48)),
      };
    }
    return { count: data.readUInt16LE(at + 10), offset: data.readUInt32LE(at + 16) };
  }
  throw new Error('no end of central directory record');
}

/** Zip64 extra field (id 1): the 64-bit sizes and offset, present only for the fields that overflowed. */
function zip64Extra(extra, uncompressedSize, compressedSize, localOffset) {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (uncompressedSize === 0xffffffff) next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
      break;
    }
    at += 4 + size;
  }
  return { compressedSize, localOffset };
}
