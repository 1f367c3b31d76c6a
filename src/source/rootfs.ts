// Reads a root filesystem directory as one pseudo-layer: a metadata walk (lstat, never following symlinks, never
// leaving the directory's filesystem), and file contents read with O_NOFOLLOW, so that a file swapped for a symlink
// after the walk is refused rather than followed.

import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  type Stats,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InputError, UnreadableFileError, messageOf } from '../errors.js';
import type { EntryType } from '../model/layer.js';
import type { LimitTracker, PathEntry } from './entry.js';
import { describeOpenError } from './regular-file.js';

/** Top-level directories of a live root whose contents are the kernel's, not the image's (as Trivy's rootfs skips). */
const PSEUDO_FILESYSTEMS = new Set(['proc', 'sys', 'dev']);

export interface RootfsListing {
  entries: RootfsEntry[];
  /** A digest of the whole listing (paths, link targets, modes, owners, sizes, mtimes, ctimes, inodes): the directory's cache key. */
  digest: string;
}

/** Walks `dir` in sorted order. Unreadable subdirectories are warned about and skipped. */
export function listRootfs(
  dir: string,
  tracker: LimitTracker,
  warn: (message: string) => void,
): RootfsListing {
  let rootStat: Stats;
  try {
    rootStat = lstatSync(dir);
  } catch (err) {
    throw new InputError(dir, `cannot read directory (${messageOf(err)})`);
  }
  if (!rootStat.isDirectory()) throw new InputError(dir, 'not a directory');
  const entries: RootfsEntry[] = [];
  const root = dir.endsWith('/') ? dir : `${dir}/`;
  // The listing's fingerprint: names (with link targets) and the numbers that change with any edit, chmod or chown.
  const fingerprintNames: string[] = [];
  const fingerprintNumbers: number[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let names: string[];
    try {
      names = readdirSync(rel === '' ? dir : join(dir, rel)).sort();
    } catch (err) {
      if (rel === '')
        throw new InputError(dir, `cannot read directory (${describeOpenError(err)})`);
      warn(`${join(dir, rel)}: skipped unreadable directory (${describeOpenError(err)})`);
      continue;
    }
    const subdirs: string[] = [];
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const abs = `${root}${path}`;
      let st: Stats;
      try {
        st = lstatSync(abs);
      } catch (err) {
        warn(`${abs}: skipped (${messageOf(err)})`);
        continue;
      }
      const type = entryType(st);
      if (!type || type === 'char' || type === 'block') continue;
      if (++tracker.entries > tracker.limits.maxEntries) {
        throw new InputError(
          dir,
          `more than ${tracker.limits.maxEntries} entries (raise --max-entries)`,
        );
      }
      const entry = new RootfsEntry(abs, path, type, st);
      if (type === 'symlink') entry.linkTarget = readLinkSafe(abs);
      entries.push(entry);
      fingerprintNames.push(entry.linkTarget === undefined ? path : `${path}\0${entry.linkTarget}`);
      fingerprintNumbers.push(st.mode, st.uid, st.gid, st.size, st.mtimeMs, st.ctimeMs, st.ino);
      const crossesFilesystem = st.dev !== rootStat.dev;
      if (type === 'dir' && !crossesFilesystem && !(rel === '' && PSEUDO_FILESYSTEMS.has(name)))
        subdirs.push(path);
    }
    // Depth-first in sorted order: push in reverse so the first name is walked first.
    for (let i = subdirs.length - 1; i >= 0; i--) pending.push(subdirs[i]!);
  }
  const digest = createHash('sha256')
    .update(fingerprintNames.join('\n'))
    .update(new Uint8Array(Float64Array.from(fingerprintNumbers).buffer))
    .digest('hex');
  return { entries, digest: `sha256:${digest}` };
}

/** One path of the directory; a class rather than an object literal so that thousands share one `read`. */
export class RootfsEntry implements PathEntry {
  readonly kind = 'path';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** Identity and times, for telling later whether the path changed (rootfs-freshness.ts). */
  readonly ino: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  linkTarget?: string;

  constructor(
    private readonly abs: string,
    readonly path: string,
    readonly type: EntryType,
    st: Stats,
  ) {
    this.mode = st.mode & 0o7777;
    this.uid = st.uid;
    this.gid = st.gid;
    this.size = type === 'file' ? st.size : 0;
    this.ino = st.ino;
    this.mtimeMs = st.mtimeMs;
    this.ctimeMs = st.ctimeMs;
  }

  /** The open file while its analysis reads it (several ranges, then perhaps the whole): one open, not one a read. */
  private fd: number | undefined;

  async read(): Promise<Buffer> {
    return this.readRange(0, this.size);
  }

  async readRange(offset: number, length: number): Promise<Buffer> {
    this.fd ??= openNoFollow(this.abs, this.size);
    const want = Math.max(0, Math.min(length, this.size - offset));
    const buf = Buffer.allocUnsafe(want);
    let off = 0;
    while (off < want) {
      const n = readSync(this.fd, buf, off, want - off, offset + off);
      if (n === 0) break;
      off += n;
    }
    return off === want ? buf : buf.subarray(0, off);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function entryType(st: Stats): EntryType | undefined {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  return undefined; // sockets
}

function readLinkSafe(abs: string): string {
  try {
    return readlinkSync(abs);
  } catch {
    return '';
  }
}

/**
 * Opens a file of the walk, refusing a symlink or a non-regular file swapped in since (O_NOFOLLOW guards the last
 * component only; O_NONBLOCK keeps a FIFO from blocking the open). Failures are UnreadableFileErrors: the scan
 * reports the rest of the directory.
 */
function openNoFollow(abs: string, expected: number): number {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    throw new UnreadableFileError(abs, `cannot read (${describeOpenError(err)})`);
  }
  const st = fstatSync(fd);
  const problem = !st.isFile()
    ? 'is no longer a regular file'
    : st.size !== expected
      ? 'changed while being read'
      : undefined;
  if (problem) {
    closeSync(fd);
    throw new UnreadableFileError(abs, problem);
  }
  return fd;
}
