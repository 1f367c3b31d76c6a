// Turns a stored layer blob into its uncompressed tar stream: gzip, zstd or none, told by magic bytes
// (media types lie in the wild, and docker-archive layers carry none). zstd: RFC 8878, read by fzstd in pure JS.

import { Readable, Transform, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export function sniffCompression(head: Buffer): Compression {
  if (startsWith(head, GZIP_MAGIC)) return 'gzip';
  if (startsWith(head, ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/**
 * The uncompressed stream of `raw`, after peeking at its first bytes; errors on either side end the result.
 * Backpressure flows through (pipeline), so memory stays bounded however large the layer.
 */
export async function decompressedStream(raw: Readable): Promise<Readable> {
  const { head, ended } = await peek(raw, ZSTD_MAGIC.length);
  // A stream that ended inside the peek cannot take its bytes back (unshift after 'end' loses them): start anew.
  if (ended) raw = Readable.from(head.length > 0 ? [head] : []);
  const kind = sniffCompression(head);
  if (kind === 'none') return raw;
  const decoder = kind === 'gzip' ? createGunzip() : zstdTransform();
  pipeline(raw, decoder, () => {
    /* errors reach the consumer through `decoder` */
  });
  return decoder;
}

/** Reads at least `n` bytes (or to the end) and puts them back, so the stream starts over for the next reader. */
async function peek(raw: Readable, n: number): Promise<{ head: Buffer; ended: boolean }> {
  const chunks: Buffer[] = [];
  let have = 0;
  let streamEnded = false;
  while (have < n) {
    const chunk = raw.read() as Buffer | null;
    if (chunk !== null) {
      chunks.push(chunk);
      have += chunk.length;
      continue;
    }
    if (raw.readableEnded) {
      streamEnded = true;
      break;
    }
    const ended = await new Promise<boolean>((resolve, reject) => {
      const onReadable = () => done(false);
      const onEnd = () => done(true);
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      const done = (end: boolean) => {
        cleanup();
        resolve(end);
      };
      const cleanup = () => {
        raw.off('readable', onReadable);
        raw.off('end', onEnd);
        raw.off('error', onError);
      };
      raw.on('readable', onReadable);
      raw.on('end', onEnd);
      raw.on('error', onError);
    });
    if (ended) {
      streamEnded = true;
      break;
    }
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0 && !streamEnded) raw.unshift(head);
  return { head, ended: streamEnded };
}

function zstdTransform(): Transform {
  const stream: Transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        done();
      } catch (err) {
        done(new Error(`zstd: ${(err as Error).message}`));
      }
    },
    flush(done) {
      try {
        decoder.push(new Uint8Array(0), true);
        done();
      } catch (err) {
        done(new Error(`zstd: ${(err as Error).message}`));
      }
    },
  });
  // fzstd may reuse its window buffer between calls, so each chunk is copied out.
  const decoder = new ZstdDecompress((data: Uint8Array) => {
    stream.push(Buffer.from(data));
  });
  return stream;
}
