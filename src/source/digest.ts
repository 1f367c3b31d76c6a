// Content digests as OCI descriptors name them (`sha256:...`, `sha512:...`), checked for whole small blobs and,
// on the way through, for streamed layers: https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { InputError } from '../errors.js';

const ALGORITHMS = new Set(['sha256', 'sha512']);

/** `algorithm:hex` of `bytes`, or undefined for an algorithm we do not implement. */
export function digestOf(bytes: Buffer, algorithm: string): string | undefined {
  if (!ALGORITHMS.has(algorithm)) return undefined;
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Checks a whole blob against its digest; a mismatch means corruption or tampering. */
export function verifyDigest(bytes: Buffer, digest: string, subject: string): void {
  const algorithm = digest.split(':')[0]!;
  const actual = digestOf(bytes, algorithm);
  if (actual === undefined)
    throw new InputError(subject, `unsupported digest algorithm in ${digest}`);
  if (actual !== digest)
    throw new InputError(subject, `content does not match its digest ${digest}`);
}

/**
 * Passes a streamed blob through, failing the stream as soon as it runs past its declared size, and at its end if it
 * is short or its digest differs: a blob that is a pipe or a device can then never stream without end.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash | undefined;
  private received = 0;

  constructor(
    private readonly digest: string,
    private readonly size: number,
    private readonly subject: string,
  ) {
    super();
    const algorithm = digest.split(':')[0]!;
    this.hash = ALGORITHMS.has(algorithm) ? createHash(algorithm) : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.size >= 0 && this.received > this.size) {
      callback(
        new InputError(
          this.subject,
          `blob ${this.digest} is larger than its declared ${this.size} bytes`,
        ),
      );
      return;
    }
    this.hash?.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size >= 0 && this.received !== this.size) {
      callback(
        new InputError(
          this.subject,
          `blob ${this.digest} ended after ${this.received} of its ${this.size} bytes`,
        ),
      );
      return;
    }
    if (!this.hash) {
      callback(new InputError(this.subject, `unsupported digest algorithm in ${this.digest}`));
      return;
    }
    if (`${this.digest.split(':')[0]}:${this.hash.digest('hex')}` !== this.digest) {
      callback(
        new InputError(this.subject, `layer content does not match its digest ${this.digest}`),
      );
      return;
    }
    callback();
  }
}
