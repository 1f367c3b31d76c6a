// The squashed filesystem of an image as metadata: every path, its type and mode, and the layer that last wrote it.
// Symlinks resolve with chroot semantics: absolute targets and '..' stay inside the root, loops end after 40 links (as Linux's ELOOP).

import type { FileEntry } from '../model/layer.js';
import { compareText } from '../model/order.js';

/** Linux gives up after 40 symlinks in one lookup (MAXSYMLINKS); so do we. */
const MAX_SYMLINKS = 40;

export type Resolution =
  | { ok: true; path: string; entry?: FileEntry }
  | { ok: false; reason: 'loop' | 'missing' | 'not-a-directory' };

export class FileTree {
  private readonly byPath: Map<string, FileEntry>;
  /** Every directory some path lies below, listed or not (tars often omit directory entries). */
  private impliedDirs: Set<string> | undefined;

  constructor(entries: Iterable<FileEntry>) {
    this.byPath = new Map();
    for (const e of entries) this.byPath.set(e.path, e);
  }

  get size(): number {
    return this.byPath.size;
  }

  /** The entry at exactly this path, without following symlinks. */
  lstat(path: string): FileEntry | undefined {
    return this.byPath.get(path);
  }

  /** The entry this path leads to, following symlinks in every component (within the root). */
  stat(path: string): FileEntry | undefined {
    const r = this.resolve(path);
    return r.ok ? r.entry : undefined;
  }

  /** All entries, sorted by path. */
  entries(): FileEntry[] {
    return [...this.byPath.values()].sort((a, b) => compareText(a.path, b.path));
  }

  /**
   * The real path that `path` names inside the root, following symlinks in every component; the final component
   * is followed too unless `followLast` is false. Missing intermediate directories give `missing`.
   */
  resolve(path: string, followLast = true): Resolution {
    const pending = splitPath(path).reverse(); // a stack: next component last
    const done: string[] = [];
    let links = 0;
    while (pending.length > 0) {
      const part = pending.pop()!;
      if (part === '.') continue;
      if (part === '..') {
        done.pop(); // at the root, '..' is the root itself
        continue;
      }
      const candidate = done.length === 0 ? part : `${done.join('/')}/${part}`;
      const entry = this.byPath.get(candidate);
      const isLast = pending.length === 0;
      if (entry?.type === 'symlink' && (!isLast || followLast)) {
        if (++links > MAX_SYMLINKS) return { ok: false, reason: 'loop' };
        const target = entry.linkTarget ?? '';
        if (target.startsWith('/')) done.length = 0;
        pending.push(...splitPath(target).reverse());
        continue;
      }
      if (!isLast) {
        // An intermediate component must be a directory (tars often omit directory entries: absent is fine).
        if (entry && entry.type !== 'dir') return { ok: false, reason: 'not-a-directory' };
      }
      done.push(part);
    }
    const real = done.join('/');
    const entry = this.byPath.get(real);
    if (!entry && real !== '' && !this.hasDescendant(real)) return { ok: false, reason: 'missing' };
    return entry ? { ok: true, path: real, entry } : { ok: true, path: real };
  }

  /** Built once, on the first lookup of an unlisted path, so that lookups stay constant-time. */
  private hasDescendant(dir: string): boolean {
    if (!this.impliedDirs) {
      this.impliedDirs = new Set();
      for (const p of this.byPath.keys()) {
        for (let slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/', slash - 1)) {
          const parent = p.slice(0, slash);
          if (this.impliedDirs.has(parent)) break;
          this.impliedDirs.add(parent);
        }
      }
    }
    return this.impliedDirs.has(dir);
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}
