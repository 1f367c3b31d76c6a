// What a finished scan of a root filesystem directory depends on, and whether that still holds, so that a rescan of
// an unchanged directory can reuse the result after a few thousand lstat calls instead of a full walk and read.
// Sound because POSIX updates a directory's mtime when an entry is added, removed or renamed in it, and a file's
// ctime on any change to its content, mode or owner (user space cannot set ctime back).

import { lstatSync } from 'node:fs';
import type { RootfsEntry } from '../source/rootfs.js';

/** The records a result depends on, and when they were taken. */
export interface Freshness {
  /** Wall-clock time just before the directory was walked. */
  takenAtMs: number;
  records: FreshnessRecord[];
}

/**
 * How close to the walk a change may be and still be trusted: a file written within this window before the walk
 * could be written again, at the same size, within the same timestamp tick, leaving its times unchanged (Git's
 * "racily clean" problem). Such a result is not reused; the next scan, later, takes fresh records.
 */
const RACY_WINDOW_MS = 2000;

export interface FreshnessRecord {
  /** Relative to the directory ('' for the directory itself). */
  path: string;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * The records a cached scan of `dir` depends on: the directory itself, every directory in it (which catches every
 * path added, removed or renamed), and every file an analyzer wants (which catches changes to what was read).
 * Other files' contents do not affect what the analyzers report.
 */
export function freshnessOf(
  dir: string,
  entries: readonly RootfsEntry[],
  wanted: ReadonlySet<string>,
  takenAtMs: number,
): Freshness {
  const records: FreshnessRecord[] = [];
  const root = lstatSync(dir);
  records.push({ path: '', ino: root.ino, size: 0, mtimeMs: root.mtimeMs, ctimeMs: root.ctimeMs });
  for (const e of entries) {
    const watched = e.type === 'dir' || (e.type === 'file' && wanted.has(e.path));
    if (watched)
      records.push({
        path: e.path,
        ino: e.ino,
        size: e.size,
        mtimeMs: e.mtimeMs,
        ctimeMs: e.ctimeMs,
      });
  }
  return { takenAtMs, records };
}

/** Whether every record still describes the path as it is now, and none was taken too close to a change. */
export function isStillFresh(dir: string, freshness: Freshness): boolean {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  const trustedBefore = freshness.takenAtMs - RACY_WINDOW_MS;
  for (const r of freshness.records) {
    if (r.mtimeMs >= trustedBefore || r.ctimeMs >= trustedBefore) return false;
    const st = lstatSync(r.path === '' ? dir : `${base}${r.path}`, { throwIfNoEntry: false });
    if (!st || st.ino !== r.ino || st.mtimeMs !== r.mtimeMs || st.ctimeMs !== r.ctimeMs)
      return false;
    if (st.isFile() && st.size !== r.size) return false;
  }
  return true;
}
