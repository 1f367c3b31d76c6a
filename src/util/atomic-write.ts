// Writes a file whole or not at all: into a temporary file beside it, then renamed over it (rename is atomic within
// a filesystem), so a reader never sees half a file and a failed write leaves nothing behind.

import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
