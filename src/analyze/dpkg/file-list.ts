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
  // Character scanning rather than regular expressions: an image has hundreds of these lists, some of thousands of lines.
  for (const raw of text.split('\n')) {
    let start = 0;
    let end = raw.length;
    if (end > 0 && raw.charCodeAt(end - 1) === 13) end--; // '\r'
    while (start < end && raw.charCodeAt(start) === 47) start++; // leading '/'
    while (end > start && raw.charCodeAt(end - 1) === 47) end--; // trailing '/'
    if (end === start || (end - start === 1 && raw.charCodeAt(start) === 46)) continue; // '' or '.'
    paths.add(start === 0 && end === raw.length ? raw : raw.slice(start, end));
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
