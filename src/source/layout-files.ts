// The files of an image layout, whether a directory on disk or members of an uncompressed tar archive.

import { closeSync, createReadStream, existsSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { normaliseEntryPath } from './paths.js';
import { openRegularFile } from './regular-file.js';
import type { TarIndex } from './tar-index.js';

export interface LayoutFiles {
  /** Names the layout in messages. */
  readonly subject: string;
  exists(path: string): boolean;
  read(path: string, maxBytes: number): Buffer;
  open(path: string): Readable;
}

/** Files under a directory; paths are normalised so that none can climb out of it. */
export function directoryFiles(dir: string): LayoutFiles {
  const abs = (path: string) => {
    const norm = normaliseEntryPath(path);
    if (!norm.ok)
      throw new InputError(dir, `refusing path ${JSON.stringify(path)}: ${norm.reason}`);
    return join(dir, norm.path);
  };
  return {
    subject: dir,
    exists: (path) => existsSync(abs(path)),
    read(path, maxBytes) {
      const file = abs(path);
      const { fd, size } = openRegularFile(file, dir);
      try {
        if (size > maxBytes) throw new InputError(file, `too large (${size} bytes)`);
        const buf = Buffer.alloc(size);
        if (readSync(fd, buf, 0, size, 0) !== size) throw new InputError(file, 'truncated');
        return buf;
      } finally {
        closeSync(fd);
      }
    },
    open(path) {
      const { fd } = openRegularFile(abs(path), dir);
      return createReadStream('', { fd, highWaterMark: 1024 * 1024 });
    },
  };
}

/** Members of an uncompressed tar archive. */
export function archiveFiles(index: TarIndex): LayoutFiles {
  return {
    subject: index.file,
    exists: (path) => index.has(path),
    read: (path, maxBytes) => index.read(path, maxBytes),
    open: (path) => index.open(path),
  };
}
