// Resolves a path inside an unpacked root filesystem the way the container will see it: symlinks are followed as if
// the root were `/` (chroot semantics), `..` stops at the root, so nothing an image holds can name a host path.
// The lookup rules are the kernel's, path_resolution(7): https://man7.org/linux/man-pages/man7/path_resolution.7.html

import { lstatSync, readlinkSync } from 'node:fs';
import { InputError } from '../../errors.js';

/** More symlinks on the way than the kernel would follow (ELOOP). */
export class SymlinkLoopError extends InputError {
  constructor(path: string) {
    super(path, 'too many levels of symbolic links inside the image root');
    this.name = 'SymlinkLoopError';
  }
}

/** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS). */
const MAX_SYMLINKS = 40;

export interface ResolveOptions {
  /** Follow a symlink in the last component too (reading a file); not when the last component is to be replaced. */
  followFinal: boolean;
}

/**
 * The host path of `path` (relative or absolute, as seen inside the root) under `root`, with every symlink on the
 * way resolved inside the root. Missing components are kept as they are: the result is where they would be created.
 * The result always lies under `root` (or is `root` itself).
 */
export function resolveInRoot(root: string, path: string, options: ResolveOptions): string {
  const resolved: string[] = [];
  const pending = splitPath(path);
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      resolved.pop(); // the root's parent is the root
      continue;
    }
    if (pending.length === 0 && !options.followFinal) {
      resolved.push(part);
      break;
    }
    const host = hostPath(root, [...resolved, part]);
    let target: string | undefined;
    try {
      if (lstatSync(host).isSymbolicLink()) target = readlinkSync(host);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      // Nothing here yet: the rest does not exist either, and cannot be a link.
      resolved.push(part, ...pending);
      return hostPath(root, normaliseDots(resolved));
    }
    if (target === undefined) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_SYMLINKS) throw new SymlinkLoopError(path);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...splitPath(target));
  }
  return hostPath(root, resolved);
}

function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/** Applies `..` left in a path none of whose components exist (they cannot be links). */
function normaliseDots(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

function hostPath(root: string, parts: string[]): string {
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return parts.length === 0 ? base : `${base}/${parts.join('/')}`;
}
