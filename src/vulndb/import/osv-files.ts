// Imports OSV advisories from a file, a directory tree of files, or an ecosystem's all.zip dump, one record at a time.
// OSV schema (https://ossf.github.io/osv-schema/); dumps as osv.dev publishes them (https://google.github.io/osv.dev/data/).

import { createReadStream, type Dirent } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import streamArray from 'stream-json/streamers/stream-array.js';
import { parseAllDocuments, type Tags } from 'yaml';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { InputError, messageOf } from '../../errors.js';
import { compareText } from '../../model/order.js';
import type { ImportSink } from '../advisory.js';
import { BlockReader } from './block-reader.js';
import { osvToAdvisory } from './osv-record.js';

export interface OsvImportOptions {
  /**
   * The most bytes one record's file or zip entry may hold, uncompressed (default 64 MiB): a zip bomb or a runaway
   * file is skipped with a warning. A `.json` file holding an array is streamed element by element instead.
   */
  maxRecordBytes?: number;
}

const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Files up to this size are read whole; a larger `.json` array is streamed so its records never sit in memory together. */
const READ_WHOLE_BYTES = 1024 * 1024;

type Kind = 'json' | 'yaml';

interface Context {
  sink: ImportSink;
  maxBytes: number;
  imported: number;
}

/**
 * Imports every OSV record under `path`: a `.json` file (one record or an array of them), a `.yaml`/`.yml` file, a
 * directory (walked in sorted order for those files, everything else ignored) or a `.zip` dump. Returns how many
 * records reached the sink. A file or entry that does not parse, or a malformed record, is a warning and the import
 * goes on; a path that cannot be read, or a `.zip` that is not a zip archive, throws InputError.
 */
export async function importOsv(
  path: string,
  sink: ImportSink,
  options: OsvImportOptions = {},
): Promise<number> {
  const ctx: Context = {
    sink,
    maxBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
    imported: 0,
  };
  const info = await stat(path).catch((err: unknown) => {
    throw new InputError(path, `cannot read: ${messageOf(err)}`, { cause: err });
  });
  if (info.isDirectory()) {
    await importDirectory(path, ctx);
  } else if (extname(path).toLowerCase() === '.zip' || (await sniff(path)) === 'zip') {
    await importZip(path, ctx);
  } else {
    // A download keeps no name of its own (the tracker's `.../data/json`): its first bytes tell.
    const kind = kindOf(path) ?? (await sniff(path));
    if (!kind || kind === 'zip' || !info.isFile()) {
      throw new InputError(
        path,
        'not an OSV source: expected a .json, .yaml or .yml file, a .zip dump or a directory',
      );
    }
    await importFile(path, kind, info.size, ctx);
  }
  return ctx.imported;
}

/** zip by its local-header magic, JSON by its first character, otherwise nothing (YAML is taken by extension only). */
async function sniff(path: string): Promise<Kind | 'zip' | undefined> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
  const first = head.toString('utf8').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : undefined;
}

function kindOf(name: string): Kind | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return undefined;
}

/** Depth first, entries in code-unit order; symlinked directories are not followed (no loops), symlinked files are. */
async function importDirectory(dir: string, ctx: Context): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    ctx.sink.warn(`${dir}: cannot read the directory: ${messageOf(err)}`);
    return;
  }
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await importDirectory(path, ctx);
      continue;
    }
    const kind = kindOf(entry.name);
    if (!kind || !(entry.isFile() || entry.isSymbolicLink())) continue;
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      size = info.size;
    } catch (err) {
      ctx.sink.warn(`${path}: cannot read: ${messageOf(err)}`);
      continue;
    }
    await importFile(path, kind, size, ctx);
  }
}

async function importFile(file: string, kind: Kind, size: number, ctx: Context): Promise<void> {
  let text = '';
  let streamed = false;
  try {
    if (kind === 'json' && size > READ_WHOLE_BYTES) {
      streamed = (await firstSignificantByte(file)) === '[';
    }
    if (!streamed) {
      if (size > ctx.maxBytes) {
        ctx.sink.warn(
          `${file}: larger than the ${sizeText(ctx.maxBytes)} limit for one record: skipped`,
        );
        return;
      }
      text = await readFile(file, 'utf8');
    }
  } catch (err) {
    ctx.sink.warn(`${file}: cannot read: ${messageOf(err)}`);
    return;
  }
  if (streamed) await streamJsonArray(file, ctx);
  else importText(text, file, kind, ctx);
}

/** The first character after a byte-order mark and white space: '[' for an array. */
async function firstSignificantByte(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return /\S/.exec(text)?.[0];
  } finally {
    await handle.close();
  }
}

async function streamJsonArray(file: string, ctx: Context): Promise<void> {
  const source = createReadStream(file);
  const items = streamArray.withParserAsStream();
  let readError: unknown;
  source.on('error', (err) => {
    readError = err;
    items.destroy(err);
  });
  source.pipe(items);
  const iterator: AsyncIterator<{ key: number; value: unknown }> = items[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<{ key: number; value: unknown }>;
      try {
        next = await iterator.next();
      } catch (err) {
        const problem = readError === undefined ? 'not valid JSON' : 'cannot read';
        ctx.sink.warn(`${file}: ${problem}: ${messageOf(err)}`);
        return;
      }
      if (next.done) return;
      emitRecord(next.value.value, file, ctx);
    }
  } finally {
    source.destroy();
    items.destroy();
  }
}

/** Reads a zip entry by entry: each entry is read, parsed, handed to the sink and dropped before the next one. */
async function importZip(path: string, ctx: Context): Promise<void> {
  let zip: ZipFile;
  try {
    const { size } = await stat(path);
    zip = await yauzl.fromRandomAccessReaderPromise(new BlockReader(path, size), size, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    throw new InputError(path, `not a zip archive (${messageOf(err)})`, { cause: err });
  }
  // Entries are read a window ahead and imported in archive order: one at a time, the file reads and inflation
  // that each small entry waits on left an import of 100,000 records idle two thirds of its time.
  const window: { name: string; kind: Kind; content: Promise<Buffer | Error> }[] = [];
  const importReady = async (keep: number): Promise<void> => {
    while (window.length > keep) {
      const { name, kind, content } = window.shift()!;
      const result = await content;
      if (result instanceof Error) ctx.sink.warn(`${name}: cannot read: ${messageOf(result)}`);
      else importText(result.toString('utf8'), name, kind, ctx);
    }
  };
  try {
    const entries = zip.eachEntry();
    for (;;) {
      let next: IteratorResult<Entry>;
      try {
        next = await entries.next();
      } catch (err) {
        throw new InputError(path, `damaged zip archive: ${messageOf(err)}`, { cause: err });
      }
      if (next.done) break;
      const entry = next.value;
      const name = `${path}!/${entry.fileName}`;
      const kind = kindOf(entry.fileName);
      if (entry.fileName.endsWith('/') || !kind) continue;
      if (entry.uncompressedSize > ctx.maxBytes) {
        await importReady(0);
        ctx.sink.warn(
          `${name}: larger than the ${sizeText(ctx.maxBytes)} limit for one record: skipped`,
        );
        continue;
      }
      // The failure is kept as a value, so a read that fails before its turn is not an unhandled rejection.
      const content = readEntry(zip, entry, ctx.maxBytes).catch((err: unknown) =>
        err instanceof Error ? err : new Error(messageOf(err)),
      );
      window.push({ name, kind, content });
      await importReady(READ_AHEAD - 1);
    }
    await importReady(0);
  } finally {
    await Promise.allSettled(window.map((w) => w.content));
    zip.close();
  }
}

/** Zip entries read ahead of the one being imported. */
const READ_AHEAD = 32;

/**
 * The entry's content. The compressed bytes are read as stored and inflated here in one call, capped by
 * `maxOutputLength`: the header's size is the writer's word, not a limit, and zlib's stream machinery cost each of
 * thousands of small entries several round trips through the thread pool.
 */
async function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  const stored = Buffer.concat(chunks, total);
  if (entry.compressionMethod === 0) {
    if (stored.length > maxBytes)
      throw new Error(`larger than the ${sizeText(maxBytes)} limit for one record`);
    return stored;
  }
  if (entry.compressionMethod !== 8)
    throw new Error(`compression method ${entry.compressionMethod} is not supported`);
  try {
    return inflateRawSync(stored, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error(`inflates past the ${sizeText(maxBytes)} limit for one record`, {
        cause: err,
      });
    throw err;
  }
}

function importText(text: string, name: string, kind: Kind, ctx: Context): void {
  if (kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      ctx.sink.warn(`${name}: not valid JSON: ${messageOf(err)}`);
      return;
    }
    emitDocuments(value, name, ctx);
    return;
  }
  const documents = parseAllDocuments(text, { schema: 'core', customTags: withoutNumbers });
  if (documents.length === 0) {
    ctx.sink.warn(`${name}: no YAML document`);
    return;
  }
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      // The message's first line names the place; a code frame follows it.
      const problem = error.message.split('\n', 1)[0]!.replace(/:$/, '');
      ctx.sink.warn(`${name}: not valid YAML: ${problem}`);
      continue;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (err) {
      ctx.sink.warn(`${name}: not valid YAML: ${messageOf(err)}`);
      continue;
    }
    emitDocuments(value, name, ctx);
  }
}

/**
 * The YAML 1.2 core schema without its number types: OSV has no numbers, and an unquoted version like `fixed: 1.10`
 * must stay the string '1.10', not become the number 1.1. null and booleans keep their meaning.
 */
function withoutNumbers(tags: Tags): Tags {
  return tags.filter((tag) => {
    const id = typeof tag === 'string' ? tag : tag.tag;
    return !/^(tag:yaml\.org,2002:)?(int|float)/.test(id);
  });
}

function emitDocuments(value: unknown, name: string, ctx: Context): void {
  for (const doc of Array.isArray(value) ? value : [value]) emitRecord(doc, name, ctx);
}

function emitRecord(doc: unknown, name: string, ctx: Context): void {
  const record = osvToAdvisory(doc, name, ctx.sink);
  if (!record) return;
  ctx.sink.advisory(record);
  ctx.imported += 1;
}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes}-byte`;
}
