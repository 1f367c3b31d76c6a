// Reads the header blobs of rpm's NDB backend (Packages.db, SUSE's default): slot pages indexing checksummed blobs.
// Layout: rpm's lib/backend/ndb/rpmpkg.c (https://github.com/rpm-software-management/rpm/blob/master/lib/backend/ndb/rpmpkg.c).

import { InputError } from '../../errors.js';
import { ProblemLog } from './problems.js';
import type { StoredHeader } from './stored-header.js';

/** Four-character magics, stored little-endian. */
const DB_MAGIC = magic('RpmP');
const SLOT_MAGIC = magic('Slot');
const BLOB_HEAD_MAGIC = magic('BlbS');
const BLOB_TAIL_MAGIC = magic('BlbE');
const DB_VERSION = 0;

const DB_HEADER = { magic: 0, version: 4, slotPages: 12 };
const DB_HEADER_BYTES = 32;
const SLOT_PAGE_BYTES = 4096;
const SLOT_BYTES = 16;
const BLOCK_BYTES = 16;
/** Blob head: magic, package index, timestamp, blob length. Tail: adler32, blob length, magic. */
const BLOB_HEAD_BYTES = 16;
const BLOB_TAIL_BYTES = 12;

/**
 * The header blobs of an NDB Packages.db, in slot order. Each slot and blob is validated as rpm validates it (slot
 * magic, block range inside the file and past the slot pages, blob head and tail, adler32 of the stored blocks), so
 * a bad slot costs only its package. Throws InputError when the file is not an NDB database or nothing is readable.
 */
export function readNdbHeaders(
  content: Buffer,
  subject: string,
  warn: (message: string) => void,
): StoredHeader[] {
  if (content.length < DB_HEADER_BYTES || content.readUInt32LE(DB_HEADER.magic) !== DB_MAGIC) {
    throw new InputError(subject, 'not an rpm NDB database (no "RpmP" magic)');
  }
  const version = content.readUInt32LE(DB_HEADER.version);
  if (version !== DB_VERSION) {
    throw new InputError(subject, `unsupported NDB version ${version}`);
  }
  const problems = new ProblemLog(subject);
  const declaredPages = content.readUInt32LE(DB_HEADER.slotPages);
  if (declaredPages === 0) throw new InputError(subject, 'NDB header declares no slot pages');
  const pagesHeld = Math.ceil(content.length / SLOT_PAGE_BYTES);
  let slotPages = declaredPages;
  if (declaredPages > pagesHeld) {
    problems.add(`truncated: declares ${declaredPages} slot pages, holds ${pagesHeld}`);
    slotPages = pagesHeld;
  }
  // Blobs start after the slot pages, as rpm requires of every slot.
  const firstDataBlock = declaredPages * (SLOT_PAGE_BYTES / BLOCK_BYTES);
  const slotsEnd = Math.min(slotPages * SLOT_PAGE_BYTES, content.length);

  const headers: StoredHeader[] = [];
  let badSlots = 0;
  for (let at = DB_HEADER_BYTES; at + SLOT_BYTES <= slotsEnd; at += SLOT_BYTES) {
    const slotNumber = at / SLOT_BYTES;
    if (content.readUInt32LE(at) !== SLOT_MAGIC) {
      badSlots++;
      continue;
    }
    const pkgIndex = content.readUInt32LE(at + 4);
    const blockOffset = content.readUInt32LE(at + 8);
    const blockCount = content.readUInt32LE(at + 12);
    if (blockOffset === 0) continue; // a free slot
    const where = `slot ${slotNumber} (package ${pkgIndex})`;
    const problem = slotProblem(pkgIndex, blockOffset, blockCount, firstDataBlock, content.length);
    if (problem) {
      problems.add(`${where}: ${problem}`);
      continue;
    }
    const stored = content.subarray(
      blockOffset * BLOCK_BYTES,
      (blockOffset + blockCount) * BLOCK_BYTES,
    );
    const blob = readBlob(stored, pkgIndex, (p) => problems.add(`${where}: ${p}`));
    if (blob) headers.push({ where, blob });
  }
  if (badSlots > 0) problems.add(`${badSlots} slot(s) without the slot magic`);
  problems.finish(headers.length, warn);
  return headers;
}

function slotProblem(
  pkgIndex: number,
  blockOffset: number,
  blockCount: number,
  firstDataBlock: number,
  fileBytes: number,
): string | undefined {
  if (pkgIndex === 0) return 'slot in use without a package index';
  if (blockOffset < firstDataBlock) return `blob at block ${blockOffset} overlaps the slot pages`;
  if (blockCount * BLOCK_BYTES < BLOB_HEAD_BYTES + BLOB_TAIL_BYTES) {
    return `${blockCount} block(s) cannot hold a blob`;
  }
  if ((blockOffset + blockCount) * BLOCK_BYTES > fileBytes) {
    return `blob at blocks ${blockOffset}+${blockCount} runs past the end of the file (truncated)`;
  }
  return undefined;
}

/** The header blob inside a slot's blocks, once its head, tail and checksum agree. */
function readBlob(
  stored: Buffer,
  pkgIndex: number,
  problem: (p: string) => void,
): Buffer | undefined {
  if (stored.readUInt32LE(0) !== BLOB_HEAD_MAGIC) {
    problem('blob has no head magic');
    return undefined;
  }
  if (stored.readUInt32LE(4) !== pkgIndex) {
    problem(`blob belongs to package ${stored.readUInt32LE(4)}`);
    return undefined;
  }
  const blobLength = stored.readUInt32LE(12);
  const blocksNeeded = Math.ceil((BLOB_HEAD_BYTES + blobLength + BLOB_TAIL_BYTES) / BLOCK_BYTES);
  if (blocksNeeded * BLOCK_BYTES !== stored.length) {
    problem(`blob of ${blobLength} bytes does not match its ${stored.length / BLOCK_BYTES} blocks`);
    return undefined;
  }
  const tail = stored.length - BLOB_TAIL_BYTES;
  if (
    stored.readUInt32LE(tail + 8) !== BLOB_TAIL_MAGIC ||
    stored.readUInt32LE(tail + 4) !== blobLength
  ) {
    problem('blob tail is damaged');
    return undefined;
  }
  if (adler32(stored.subarray(0, tail)) !== stored.readUInt32LE(tail)) {
    problem('blob checksum (adler32) does not match');
    return undefined;
  }
  return stored.subarray(BLOB_HEAD_BYTES, BLOB_HEAD_BYTES + blobLength);
}

/** Adler-32 as RFC 1950 defines it; rpm sums the blob head, the blob and its padding. */
export function adler32(bytes: Buffer): number {
  const MOD = 65521;
  // zlib's NMAX: reducing this often keeps both sums small integers, which V8 adds fastest.
  const CHUNK = 5552;
  let a = 1;
  let b = 0;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return (b * 65536 + a) >>> 0;
}

function magic(text: string): number {
  return Buffer.from(text, 'latin1').readUInt32LE(0);
}
