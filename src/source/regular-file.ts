// Opens a file only if it is a regular file: a pipe, a device or a socket named by a hostile layout or target would
// otherwise block the open or stream without end. O_NONBLOCK makes opening a FIFO return at once, so fstat can tell.

import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { InputError } from '../errors.js';

export interface OpenedFile {
  fd: number;
  size: number;
}

export function openRegularFile(path: string, subject: string): OpenedFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(subject, `cannot open ${path} (${describeOpenError(err)})`);
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw new InputError(subject, `${path} is not a regular file`);
  }
  return { fd, size: st.size };
}

export function describeOpenError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? String(err);
}
