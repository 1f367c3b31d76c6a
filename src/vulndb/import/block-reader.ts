// A yauzl RandomAccessReader over a file, served from a few cached 1 MiB blocks: zip dumps are read front to back
// (entries) and back to front (the central directory), so a small cache turns thousands of tiny reads into a few
// large ones. https://github.com/thejoshwolfe/yauzl#class-randomaccessreader

import { closeSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

const BLOCK_BYTES = 1024 * 1024;
/** Two access streams (entries and central directory), a block or two each: memory stays at a few MiB. */
const CACHED_BLOCKS = 8;

export class BlockReader extends yauzl.RandomAccessReader {
  private readonly fd: number;
  private readonly blocks = new Map<number, Buffer>();

  constructor(
    path: string,
    readonly size: number,
  ) {
    super();
    this.fd = openSync(path, 'r');
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const data = this.bytes(start, end);
    return new Readable({
      read() {
        this.push(data);
        this.push(null);
      },
    });
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    try {
      this.bytes(position, position + length).copy(buffer, offset);
    } catch (err) {
      process.nextTick(callback, err as Error);
      return;
    }
    process.nextTick(callback, null);
  }

  override close(callback: (err: Error | null) => void): void {
    this.blocks.clear();
    try {
      closeSync(this.fd);
    } catch (err) {
      process.nextTick(callback, err as Error);
      return;
    }
    process.nextTick(callback, null);
  }

  /** Bytes [start, end) of the file. */
  private bytes(start: number, end: number): Buffer {
    if (end > this.size) throw new Error(`read past the end of the file (${end} > ${this.size})`);
    const first = Math.floor(start / BLOCK_BYTES);
    const last = Math.floor((end - 1) / BLOCK_BYTES);
    if (first === last) {
      const base = first * BLOCK_BYTES;
      return this.block(first).subarray(start - base, end - base);
    }
    const parts: Buffer[] = [];
    for (let b = first; b <= last; b++) {
      const base = b * BLOCK_BYTES;
      const block = this.block(b);
      parts.push(block.subarray(Math.max(start - base, 0), Math.min(end - base, block.length)));
    }
    return Buffer.concat(parts, end - start);
  }

  private block(index: number): Buffer {
    const cached = this.blocks.get(index);
    if (cached) {
      // Most recently used last, so the oldest is the first key.
      this.blocks.delete(index);
      this.blocks.set(index, cached);
      return cached;
    }
    const length = Math.min(BLOCK_BYTES, this.size - index * BLOCK_BYTES);
    const block = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, block, read, length - read, index * BLOCK_BYTES + read);
      if (n === 0) throw new Error('the file ended early (truncated while being read?)');
      read += n;
    }
    this.blocks.set(index, block);
    if (this.blocks.size > CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
    return block;
  }
}
