// What the tests of the three rpm database backends share: reading a database into package names and warnings,
// expecting one InputError that names the file, and reproducible garbage to feed them.

import assert from 'node:assert/strict';
import { InputError } from '../errors.js';
import { parseRpmRecord } from '../analyze/rpm/record.js';
import type { StoredHeader } from '../analyze/rpm/stored-header.js';

type ReadHeaders = (
  content: Buffer,
  subject: string,
  warn: (message: string) => void,
) => StoredHeader[];

export interface BackendKit {
  /** The package names the backend reads from `content`, and what it warned about. */
  read(content: Buffer): { names: string[]; warnings: string[] };
  /** Asserts that the backend refuses `content` with one InputError naming the file and matching `pattern`. */
  expectInputError(content: Buffer, pattern: RegExp): void;
}

export function backendKit(readHeaders: ReadHeaders, subject: string): BackendKit {
  return {
    read(content) {
      const warnings: string[] = [];
      const headers = readHeaders(content, subject, (m) => warnings.push(m));
      return { names: headers.map((h) => parseRpmRecord(h.blob, h.where).name), warnings };
    },
    expectInputError(content, pattern) {
      assert.throws(
        () => readHeaders(content, subject, () => {}),
        (err: unknown) => {
          assert.ok(err instanceof InputError, String(err));
          assert.ok(err.message.startsWith(`${subject}: `), err.message);
          assert.match(err.message, pattern);
          return true;
        },
      );
    },
  };
}

/** The same bytes for the same seed on every run (a linear congruential generator). */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = state >>> 16;
  }
  return bytes;
}
