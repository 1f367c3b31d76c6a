// Streams the entries of one layer tar (POSIX ustar/pax and GNU, via tar-stream), decompressed and hashed on the way,
// turning whiteouts into deletions and refusing what could escape the root: OCI image-spec layer.md is the contract.

import { createHash } from 'node:crypto';
import { Transform, pipeline, type Readable } from 'node:stream';
import { extract as tarExtract, type Header } from 'tar-stream';
import type { EntryType } from '../model/layer.js';
import { InputError, messageOf } from '../errors.js';
import { decompressedStream } from './decompress.js';
import type { LimitTracker, SourceEntry } from './entry.js';
import { baseName, normaliseEntryPath, parentOf } from './paths.js';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

const TYPES: Partial<Record<Header['type'], EntryType>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
  fifo: 'fifo',
  'character-device': 'char',
  'block-device': 'block',
};

export interface TarEntriesOptions {
  /** Names the layer in messages, e.g. "image.tar: layer 2 (sha256:...)". */
  subject: string;
  tracker: LimitTracker;
  warn(message: string): void;
  /** Called for each device file, which is never read (the caller sums them up in one warning). */
  onDeviceFile(path: string): void;
  /** Called at the end with the sha256 of the uncompressed tar, for checking against the diff-id. */
  onDigest?(digest: string): void;
}

/** The entries of a layer blob, in tar order. Throws InputError on corrupt compression, a truncated tar or a blown limit. */
export async function* tarEntries(
  raw: Readable,
  options: TarEntriesOptions,
): AsyncGenerator<SourceEntry> {
  const { subject, tracker } = options;
  let tar: Readable;
  try {
    tar = await decompressedStream(raw);
  } catch (err) {
    throw new InputError(subject, `cannot read layer: ${messageOf(err)}`, { cause: err });
  }
  const hash = createHash('sha256');
  const limits = tracker.limits;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      tracker.bytes += chunk.length;
      if (tracker.bytes > limits.maxImageBytes) {
        done(
          new InputError(
            subject,
            `image exceeds ${limits.maxImageBytes} uncompressed bytes (raise --max-image-bytes)`,
          ),
        );
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const extractor = tarExtract();
  let streamError: Error | undefined;
  pipeline(tar, counter, extractor, (err) => {
    if (err) streamError = err;
  });

  try {
    for await (const entry of extractor) {
      const header = entry.header;
      if (++tracker.entries > limits.maxEntries) {
        throw new InputError(
          subject,
          `image has more than ${limits.maxEntries} entries (raise --max-entries)`,
        );
      }
      const produced = toSourceEntry(header, entry as unknown as AsyncIterable<Buffer>, options);
      if (produced) yield produced;
      entry.resume(); // skip whatever the consumer did not read
    }
  } catch (err) {
    throw asInputError(streamError ?? err, subject);
  }
  if (streamError) throw asInputError(streamError, subject);
  options.onDigest?.(`sha256:${hash.digest('hex')}`);
}

function toSourceEntry(
  header: Header,
  body: AsyncIterable<Buffer>,
  options: TarEntriesOptions,
): SourceEntry | undefined {
  const { subject, warn } = options;
  const norm = normaliseEntryPath(header.name);
  if (!norm.ok) {
    warn(`${subject}: skipped entry ${JSON.stringify(header.name)}: ${norm.reason}`);
    return undefined;
  }
  if (norm.wasAbsolute)
    warn(
      `${subject}: entry ${JSON.stringify(header.name)} has an absolute path; read relative to the image root`,
    );
  const path = norm.path;
  const name = baseName(path);

  // aufs keeps hard-link bookkeeping under .wh..wh.* directories: not image content.
  if (
    path
      .split('/')
      .some(
        (part) => part.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`) && part !== OPAQUE_MARKER,
      )
  )
    return undefined;
  if (name.startsWith(WHITEOUT_PREFIX)) {
    if (name === OPAQUE_MARKER) return { kind: 'opaque', path: parentOf(path) };
    const deleted = name.slice(WHITEOUT_PREFIX.length);
    const dir = parentOf(path);
    return { kind: 'whiteout', path: dir === '' ? deleted : `${dir}/${deleted}` };
  }
  if (path === '') return undefined; // the root directory itself ("./")

  const type = header.type ? TYPES[header.type] : 'file';
  if (!type) {
    warn(`${subject}: skipped ${path}: unsupported tar entry type ${header.type}`);
    return undefined;
  }
  if (type === 'char' || type === 'block') {
    options.onDeviceFile(path);
    return undefined;
  }
  let linkTarget: string | undefined;
  if (type === 'hardlink') {
    const target = normaliseEntryPath(header.linkname ?? '');
    if (!target.ok || target.path === '') {
      warn(
        `${subject}: skipped hard link ${path}: target ${JSON.stringify(header.linkname)} is outside the image root`,
      );
      return undefined;
    }
    linkTarget = target.path;
  } else if (type === 'symlink') {
    linkTarget = header.linkname ?? '';
  }
  const size = type === 'file' ? (header.size ?? 0) : 0;
  return {
    kind: 'path',
    path,
    type,
    mode: (header.mode ?? 0) & 0o7777,
    uid: header.uid ?? 0,
    gid: header.gid ?? 0,
    size,
    linkTarget,
    mtime: header.mtime,
    read: () =>
      readAll(body, size, `${subject}: ${path}`).catch((err) =>
        Promise.reject(asInputError(err, subject)),
      ),
  };
}

async function readAll(
  body: AsyncIterable<Buffer>,
  size: number,
  subject: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    got += chunk.length;
  }
  if (got !== size) throw new InputError(subject, `truncated: read ${got} of ${size} bytes`);
  return Buffer.concat(chunks, got);
}

function asInputError(err: unknown, subject: string): InputError {
  if (err instanceof InputError) return err;
  const message = messageOf(err);
  const code = (err as { code?: unknown } | null)?.code;
  if ((typeof code === 'string' && code.startsWith('Z_')) || message.startsWith('zstd')) {
    return new InputError(subject, `corrupt or truncated compressed layer (${message})`, {
      cause: err,
    });
  }
  if (/unexpected end|premature close|truncated/i.test(message))
    return new InputError(subject, 'truncated layer (unexpected end of data)', { cause: err });
  return new InputError(subject, `cannot read layer tar: ${message}`, { cause: err });
}
