// decompressedStream: gzip, zstd and plain streams come out whole, including streams shorter than the magic-byte peek
// (which once lost their bytes: a stream that ended during the peek cannot take them back).

import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decompressedStream } from './decompress.js';

async function drain(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await decompressedStream(input)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('decompressedStream', () => {
  for (const text of ['', 'a', 'abc', 'abcd', 'a longer plain stream'])
    it(`passes a plain stream of ${text.length} bytes through whole`, async () => {
      assert.equal((await drain(Readable.from([Buffer.from(text)]))).toString(), text);
    });

  it('keeps the bytes of a stream delivered one byte at a time', async () => {
    const bytes = [...Buffer.from('tar!')].map((b) => Buffer.from([b]));
    assert.equal((await drain(Readable.from(bytes))).toString(), 'tar!');
  });

  it('inflates gzip, told by its magic bytes', async () => {
    const packed = gzipSync(Buffer.from('layer content'));
    assert.equal((await drain(Readable.from([packed]))).toString(), 'layer content');
  });
});
