// Opens an advisory feed file as a stream, gunzipped when its magic bytes say gzip (1f 8b) whatever its name, and
// reads it by lines. Gzip member header: RFC 1952 section 2.3.1 (https://www.rfc-editor.org/rfc/rfc1952).

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { InputError, messageOf } from '../../errors.js';

/** A line longer than this is not a feed line but a broken or hostile file. */
const MAX_LINE_CHARS = 1 << 20;

/** The file's content as a stream of bytes, decompressed; a file that cannot be opened throws `InputError`. */
export async function openFeed(path: string): Promise<Readable> {
  let head: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (err) {
    throw readFailure(path, err);
  }
  const raw = createReadStream(path);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return raw;
  // pipeline: a read error reaches the reader through the gunzip stream, and destroying that closes the file.
  return pipeline(raw, createGunzip(), () => {});
}

/** Any failure while reading `path`, as the `InputError` the CLI reports; an `InputError` passes through. */
export function readFailure(path: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  return new InputError(path, `cannot read: ${messageOf(err)}`, { cause: err });
}

/** The first `maxBytes` of the decompressed content as text (less when the file is shorter), for format sniffing. */
export async function peekFeedText(path: string, maxBytes = 8192): Promise<string> {
  const stream = await openFeed(path);
  const chunks: Buffer[] = [];
  let have = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      chunks.push(buf);
      have += buf.length;
      if (have >= maxBytes) break;
    }
  } catch (err) {
    throw readFailure(path, err);
  } finally {
    stream.destroy();
  }
  return stripBom(new StringDecoder('utf8').write(Buffer.concat(chunks).subarray(0, maxBytes)));
}

/**
 * The decompressed content line by line (LF or CRLF, no terminator, a leading BOM dropped), read in chunks so a
 * feed of any size streams. Read errors and over-long lines throw `InputError` naming the file.
 */
export async function* feedLines(path: string): AsyncGenerator<string> {
  const stream = await openFeed(path);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  try {
    for await (const chunk of stream) {
      let text = rest + decoder.write(chunk as Buffer);
      if (first) {
        text = stripBom(text);
        first = false;
      }
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      if (rest.length > MAX_LINE_CHARS)
        throw new InputError(path, `a line is longer than ${MAX_LINE_CHARS} characters`);
      for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  } catch (err) {
    throw readFailure(path, err);
  } finally {
    stream.destroy();
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
