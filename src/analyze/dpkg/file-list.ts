// Reads dpkg's per-package file lists (var/lib/dpkg/info/NAME[:ARCH].list) into the paths the package installed.
// Format: one absolute path per line, directories included, "/." for the root (dpkg src/main/filesdb.c).

import { compareText } from '../../model/order.js';

/**
 * Root-relative paths, sorted and unique, without the directories the package only creates to hold its files: a listed
 * path that is a parent of another listed path is a directory. (Empty directories a package owns stay; the analyzer
 * drops them using the filesystem tree.)
 */
export function parseDpkgFileList(text: string): string[] {
  const paths = new Set<string>();
  for (const raw of text.split('\n')) {
    const path = raw.replace(/\r$/, '').replace(/^\/+/, '').replace(/\/+$/, '');
    if (path === '' || path === '.') continue;
    paths.add(path);
  }
  const parents = new Set<string>();
  for (const path of paths) {
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const parent = path.slice(0, slash);
      if (parents.has(parent)) break; // its own parents were added when it was first seen
      parents.add(parent);
    }
  }
  return [...paths].filter((p) => !parents.has(p)).sort(compareText);
}
