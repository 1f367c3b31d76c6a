// Reads the header blobs of rpm's Berkeley DB backend (var/lib/rpm/Packages): a BDB hash database, read page by page.
// Page layout: Berkeley DB's db_page.h (https://github.com/berkeleydb/libdb/blob/v5.3.28/src/dbinc/db_page.h): hash pages.

import { InputError } from '../../errors.js';
import { ProblemLog } from './problems.js';
import type { StoredHeader } from './stored-header.js';

const HASH_MAGIC = 0x061561;
const BTREE_MAGIC = 0x053162;
/** Hash format versions of Berkeley DB 3.x to 6.x; the page layout read here is the same across them. */
const MIN_HASH_VERSION = 7;
const MAX_HASH_VERSION = 10;
const MIN_PAGE_SIZE = 512;
const MAX_PAGE_SIZE = 65536;

/** Offsets in the metadata page (DBMETA then HMETA). */
const META = { magic: 12, version: 16, pageSize: 20, encryptAlg: 24, type: 25, lastPgno: 32 };
/** Offsets in the header every other page starts with (PAGE). */
const PAGE = { nextPgno: 16, entries: 20, hfOffset: 22, type: 25 };
const PAGE_HEADER_BYTES = 26;

const PageType = { HASH_UNSORTED: 2, OVERFLOW: 7, HASH_META: 8, HASH: 13 } as const;
/** The first byte of a hash item says what it holds. */
const ItemType = { KEYDATA: 1, DUPLICATE: 2, OFFPAGE: 3, OFFDUP: 4 } as const;
/** HOFFPAGE: type, 3 unused bytes, first overflow page number, total length. */
const OFFPAGE = { pgno: 4, totalLength: 8, bytes: 12 };

interface Reader {
  u16(buf: Buffer, at: number): number;
  u32(buf: Buffer, at: number): number;
}
const LITTLE: Reader = { u16: (b, at) => b.readUInt16LE(at), u32: (b, at) => b.readUInt32LE(at) };
const BIG: Reader = { u16: (b, at) => b.readUInt16BE(at), u32: (b, at) => b.readUInt32BE(at) };

/**
 * The header blobs of an rpm Packages file. Every hash page is visited once in file order (no bucket chains are
 * followed), overflow chains are bounded by a visited set, and every offset is checked against its page, so a
 * corrupt file can neither hang the reader nor make it read out of range. Throws InputError when the file is not a
 * Berkeley DB hash database or nothing in it is readable; warns about unreadable records and returns the rest.
 */
export function readBdbHeaders(
  content: Buffer,
  subject: string,
  warn: (message: string) => void,
): StoredHeader[] {
  const { read, pageSize, lastPgno } = readMeta(content, subject);
  const problems = new ProblemLog(subject);
  const pagesHeld = Math.floor(content.length / pageSize);
  let lastPage = lastPgno;
  if (lastPgno >= pagesHeld) {
    problems.add(
      `truncated: declares ${lastPgno + 1} pages of ${pageSize} bytes, holds ${pagesHeld}`,
    );
    lastPage = pagesHeld - 1;
  }
  const pageAt = (pgno: number) => content.subarray(pgno * pageSize, (pgno + 1) * pageSize);
  const headers: StoredHeader[] = [];
  for (let pgno = 1; pgno <= lastPage; pgno++) {
    const page = pageAt(pgno);
    const type = page[PAGE.type];
    if (type !== PageType.HASH && type !== PageType.HASH_UNSORTED) continue;
    for (const item of hashPairs(page, pgno, read, problems)) {
      const where = `page ${pgno} item ${item.index}`;
      if (isInstanceCounter(page, item.key, read)) continue;
      const kind = page[item.data.start];
      if (kind === ItemType.KEYDATA) {
        headers.push({ where, blob: page.subarray(item.data.start + 1, item.data.end) });
      } else if (kind === ItemType.OFFPAGE) {
        const blob = readOverflow(page, item.data, { pageAt, lastPage, read, pageSize }, (p) =>
          problems.add(`${where}: ${p}`),
        );
        if (blob) headers.push({ where, blob });
      } else {
        problems.add(`${where}: unexpected item type ${kind}`);
      }
    }
  }
  problems.finish(headers.length, warn);
  return headers;
}

function readMeta(
  content: Buffer,
  subject: string,
): { read: Reader; pageSize: number; lastPgno: number } {
  if (content.length < MIN_PAGE_SIZE) {
    throw new InputError(subject, `${content.length} bytes is too short for a Berkeley DB file`);
  }
  const read = [LITTLE, BIG].find((r) => r.u32(content, META.magic) === HASH_MAGIC);
  if (!read) {
    const btree = [LITTLE, BIG].some((r) => r.u32(content, META.magic) === BTREE_MAGIC);
    throw new InputError(
      subject,
      btree
        ? 'a Berkeley DB btree, not the hash database rpm keeps packages in'
        : 'not a Berkeley DB hash database (no hash magic)',
    );
  }
  const version = read.u32(content, META.version);
  if (version < MIN_HASH_VERSION || version > MAX_HASH_VERSION) {
    throw new InputError(subject, `unsupported Berkeley DB hash version ${version}`);
  }
  const pageSize = read.u32(content, META.pageSize);
  if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE || (pageSize & (pageSize - 1)) !== 0) {
    throw new InputError(subject, `implausible Berkeley DB page size ${pageSize}`);
  }
  if (content[META.encryptAlg] !== 0) {
    throw new InputError(subject, 'encrypted Berkeley DB databases are not supported');
  }
  if (content[META.type] !== PageType.HASH_META) {
    throw new InputError(subject, `first page has type ${content[META.type]}, not hash metadata`);
  }
  return { read, pageSize, lastPgno: read.u32(content, META.lastPgno) };
}

interface ItemSpan {
  start: number;
  end: number;
}

/**
 * The key/data item pairs of a hash page. Items are packed from the page's end downwards in index order, so an
 * item ends where the previous index's item starts (the first ends at the page end), as LEN_HITEM computes it.
 */
function* hashPairs(
  page: Buffer,
  pgno: number,
  read: Reader,
  problems: ProblemLog,
): Generator<{ index: number; key: ItemSpan; data: ItemSpan }> {
  const entries = read.u16(page, PAGE.entries);
  const indexEnd = PAGE_HEADER_BYTES + entries * 2;
  if (indexEnd > page.length) {
    problems.add(`page ${pgno}: ${entries} entries cannot fit in the page`);
    return;
  }
  if (entries % 2 !== 0) problems.add(`page ${pgno}: odd number of entries (${entries})`);
  const spans: (ItemSpan | undefined)[] = [];
  for (let i = 0; i < entries; i++) {
    const start = read.u16(page, PAGE_HEADER_BYTES + i * 2);
    const end = i === 0 ? page.length : read.u16(page, PAGE_HEADER_BYTES + (i - 1) * 2);
    spans.push(start >= indexEnd && start < end && end <= page.length ? { start, end } : undefined);
  }
  for (let i = 0; i + 1 < entries; i += 2) {
    const key = spans[i];
    const data = spans[i + 1];
    if (!key || !data) {
      problems.add(`page ${pgno} item ${i / 2}: item offsets out of range`);
      continue;
    }
    yield { index: i / 2, key, data };
  }
}

/** rpm keeps its next header instance number under key 0; that record is not a header. */
function isInstanceCounter(page: Buffer, key: ItemSpan, read: Reader): boolean {
  if (page[key.start] !== ItemType.KEYDATA || key.end - key.start !== 5) return false;
  return read.u32(page, key.start + 1) === 0;
}

interface OverflowContext {
  pageAt(pgno: number): Buffer;
  lastPage: number;
  read: Reader;
  pageSize: number;
}

/** Follows an HOFFPAGE item's chain of overflow pages and joins their bytes; undefined (with a problem) on corruption. */
function readOverflow(
  page: Buffer,
  item: ItemSpan,
  ctx: OverflowContext,
  problem: (p: string) => void,
): Buffer | undefined {
  if (item.end - item.start < OFFPAGE.bytes) {
    problem('off-page reference is cut short');
    return undefined;
  }
  const totalLength = ctx.read.u32(page, item.start + OFFPAGE.totalLength);
  // Each overflow page carries at most a page less its header, so the chain cannot be longer than the file allows.
  const capacity = (ctx.lastPage + 1) * (ctx.pageSize - PAGE_HEADER_BYTES);
  if (totalLength > capacity) {
    problem(`off-page record of ${totalLength} bytes cannot fit in the file`);
    return undefined;
  }
  const parts: Buffer[] = [];
  let collected = 0;
  const visited = new Set<number>();
  let pgno = ctx.read.u32(page, item.start + OFFPAGE.pgno);
  while (pgno !== 0) {
    if (visited.has(pgno)) {
      problem(`overflow chain loops back to page ${pgno}`);
      return undefined;
    }
    visited.add(pgno);
    if (pgno > ctx.lastPage) {
      problem(`overflow chain points at page ${pgno}, past the last page ${ctx.lastPage}`);
      return undefined;
    }
    const overflow = ctx.pageAt(pgno);
    if (overflow[PAGE.type] !== PageType.OVERFLOW) {
      problem(`overflow chain reaches page ${pgno} of type ${overflow[PAGE.type]}`);
      return undefined;
    }
    // On overflow pages the free-area offset field holds the number of bytes used on the page (OV_LEN).
    const used = ctx.read.u16(overflow, PAGE.hfOffset);
    if (PAGE_HEADER_BYTES + used > overflow.length || collected + used > totalLength) {
      problem(`overflow page ${pgno} claims ${used} bytes, more than it or the record can hold`);
      return undefined;
    }
    parts.push(overflow.subarray(PAGE_HEADER_BYTES, PAGE_HEADER_BYTES + used));
    collected += used;
    pgno = ctx.read.u32(overflow, PAGE.nextPgno);
  }
  if (collected !== totalLength) {
    problem(`overflow chain holds ${collected} of the record's ${totalLength} bytes`);
    return undefined;
  }
  return Buffer.concat(parts, collected);
}
