// Normalises the path names found in layer tars, so that nothing can name a place outside the image root.
// Follows how container engines apply layers: a leading '/' is taken relative to the root, '..' may not climb above it.

export type NormalisedPath =
  { ok: true; path: string; wasAbsolute: boolean } | { ok: false; reason: string };

/** Cleans a tar entry name into a root-relative path ('' is the root itself). */
export function normaliseEntryPath(name: string): NormalisedPath {
  if (name.includes('\0')) return { ok: false, reason: 'contains a NUL byte' };
  const wasAbsolute = name.startsWith('/');
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return { ok: false, reason: "climbs above the image root with '..'" };
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return { ok: true, path: parts.join('/'), wasAbsolute };
}

/** The parent directory of a root-relative path ('' for top-level names). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The last component of a root-relative path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether `path` is `dir` itself or lies below it ('' is the root and contains everything). */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(dir + '/');
}
