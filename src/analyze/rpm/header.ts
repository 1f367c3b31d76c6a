// Reads an rpm header blob as the package databases store it: the tag index and data store, every offset bounds-checked.
// Format: https://rpm-software-management.github.io/rpm/manual/format_header.html (types and limits as rpm's lib/header.c).

import { InputError } from '../../errors.js';

/** Tag value types, numbered as rpm's rpmTagType. */
export const RpmType = {
  NULL: 0,
  CHAR: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  STRING: 6,
  BIN: 7,
  STRING_ARRAY: 8,
  I18NSTRING: 9,
} as const;

const MAX_TYPE = RpmType.I18NSTRING;

/** rpm's own sanity limits on an imported header (HEADER_TAGS_MAX, HEADER_DATA_MAX in lib/header_internal.h). */
const MAX_INDEX_ENTRIES = 0xffff;
const MAX_DATA_BYTES = 0x0fffffff;

const INTRO_BYTES = 8;
const INDEX_ENTRY_BYTES = 16;

/** Bytes per element of the fixed-size types; strings are NUL-terminated and sized by scanning. */
const FIXED_SIZE: Partial<Record<number, number>> = {
  [RpmType.NULL]: 0,
  [RpmType.CHAR]: 1,
  [RpmType.INT8]: 1,
  [RpmType.INT16]: 2,
  [RpmType.INT32]: 4,
  [RpmType.INT64]: 8,
  [RpmType.BIN]: 1,
};

interface IndexEntry {
  type: number;
  offset: number;
  count: number;
}

/**
 * One header: typed, lazily decoded access to its tags. Every accessor validates the entry it decodes against the data
 * store and throws InputError(subject, ...) when it points outside it, so a corrupt header can never read out of range.
 */
export class RpmHeader {
  private constructor(
    private readonly data: Buffer,
    private readonly index: ReadonlyMap<number, IndexEntry>,
    private readonly subject: string,
  ) {}

  /**
   * Parses the intro and index of a header blob (without the 8-byte magic of a header in a package file: databases
   * store the blob from the index count on). Entries whose tag appears twice keep the later one, as rpm's import lets
   * entries appended after the immutable region replace the region's own.
   */
  static parse(blob: Buffer, subject = 'rpm header'): RpmHeader {
    if (blob.length < INTRO_BYTES) {
      throw new InputError(subject, `header of ${blob.length} bytes is too short`);
    }
    const indexCount = blob.readUInt32BE(0);
    const dataLength = blob.readUInt32BE(4);
    if (indexCount === 0 || indexCount > MAX_INDEX_ENTRIES) {
      throw new InputError(subject, `header has an implausible ${indexCount} index entries`);
    }
    if (dataLength > MAX_DATA_BYTES) {
      throw new InputError(subject, `header data store of ${dataLength} bytes is implausible`);
    }
    const dataStart = INTRO_BYTES + indexCount * INDEX_ENTRY_BYTES;
    if (dataStart + dataLength > blob.length) {
      throw new InputError(
        subject,
        `header declares ${indexCount} entries and ${dataLength} data bytes but is only ${blob.length} bytes long`,
      );
    }
    const data = blob.subarray(dataStart, dataStart + dataLength);
    const index = new Map<number, IndexEntry>();
    for (let i = 0; i < indexCount; i++) {
      const at = INTRO_BYTES + i * INDEX_ENTRY_BYTES;
      const tag = blob.readInt32BE(at);
      const type = blob.readUInt32BE(at + 4);
      const offset = blob.readInt32BE(at + 8);
      const count = blob.readUInt32BE(at + 12);
      if (type > MAX_TYPE) {
        throw new InputError(subject, `header entry ${i} (tag ${tag}) has unknown type ${type}`);
      }
      if (offset < 0 || offset > dataLength) {
        throw new InputError(
          subject,
          `header entry ${i} (tag ${tag}) points at ${offset}, outside its ${dataLength}-byte data store`,
        );
      }
      index.set(tag, { type, offset, count });
    }
    return new RpmHeader(data, index, subject);
  }

  has(tag: number): boolean {
    return this.index.has(tag);
  }

  /** The tags present, ascending. */
  tags(): number[] {
    return [...this.index.keys()].sort((a, b) => a - b);
  }

  /** A STRING tag, or the first string of a STRING_ARRAY or I18NSTRING one (the untranslated text); undefined if absent. */
  string(tag: number): string | undefined {
    const entry = this.index.get(tag);
    if (!entry) return undefined;
    if (
      entry.type !== RpmType.STRING &&
      entry.type !== RpmType.STRING_ARRAY &&
      entry.type !== RpmType.I18NSTRING
    ) {
      throw this.wrongType(tag, entry, 'a string');
    }
    if (entry.count === 0) return undefined;
    return this.readStrings(tag, entry, 1)[0];
  }

  /** A STRING_ARRAY or I18NSTRING tag (a STRING tag gives one element); empty if absent. */
  strings(tag: number): string[] {
    const entry = this.index.get(tag);
    if (!entry) return [];
    if (entry.type === RpmType.STRING) return this.readStrings(tag, entry, 1);
    if (entry.type !== RpmType.STRING_ARRAY && entry.type !== RpmType.I18NSTRING) {
      throw this.wrongType(tag, entry, 'a string array');
    }
    return this.readStrings(tag, entry, entry.count);
  }

  /** An integer tag of any width (INT8 to INT64, CHAR); empty if absent. INT64 values beyond 2^53 lose precision. */
  integers(tag: number): number[] {
    const entry = this.index.get(tag);
    if (!entry) return [];
    const size = FIXED_SIZE[entry.type];
    if (size === undefined || size === 0 || entry.type === RpmType.BIN) {
      throw this.wrongType(tag, entry, 'an integer');
    }
    const bytes = this.fixedBytes(tag, entry, size);
    const values: number[] = [];
    for (let at = 0; at < bytes.length; at += size) {
      if (size === 1) values.push(bytes.readUInt8(at));
      else if (size === 2) values.push(bytes.readUInt16BE(at));
      else if (size === 4) values.push(bytes.readUInt32BE(at));
      else values.push(Number(bytes.readBigUInt64BE(at)));
    }
    return values;
  }

  /** A BIN tag's bytes (a view into the blob); undefined if absent. */
  binary(tag: number): Buffer | undefined {
    const entry = this.index.get(tag);
    if (!entry) return undefined;
    if (entry.type !== RpmType.BIN) throw this.wrongType(tag, entry, 'binary');
    return this.fixedBytes(tag, entry, 1);
  }

  private fixedBytes(tag: number, entry: IndexEntry, size: number): Buffer {
    const length = entry.count * size;
    if (entry.offset + length > this.data.length) {
      throw new InputError(
        this.subject,
        `header tag ${tag}: ${entry.count} values at ${entry.offset} run past the ${this.data.length}-byte data store`,
      );
    }
    return this.data.subarray(entry.offset, entry.offset + length);
  }

  private readStrings(tag: number, entry: IndexEntry, count: number): string[] {
    // Each string takes at least its NUL byte, so a count beyond the bytes left cannot be genuine.
    if (count > this.data.length - entry.offset) {
      throw new InputError(
        this.subject,
        `header tag ${tag}: ${count} strings cannot fit in the ${this.data.length - entry.offset} bytes left`,
      );
    }
    const strings: string[] = [];
    let at = entry.offset;
    for (let i = 0; i < count; i++) {
      const end = this.data.indexOf(0, at);
      if (end < 0) {
        throw new InputError(this.subject, `header tag ${tag}: string ${i} is not NUL-terminated`);
      }
      strings.push(this.data.toString('utf8', at, end));
      at = end + 1;
    }
    return strings;
  }

  private wrongType(tag: number, entry: IndexEntry, wanted: string): InputError {
    return new InputError(this.subject, `header tag ${tag} has type ${entry.type}, not ${wanted}`);
  }
}
