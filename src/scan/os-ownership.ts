// Marks the language packages an OS package installed (Debian's python3-requests ships requests' metadata): their
// location is in a dpkg, apk or rpm file list, so matching can use the distribution's advisories for them.
// Paths are compared after resolving directories through the image's symlinks, because file lists name the path
// the package wrote (lib/x on Debian 12) while the walk finds it where it lives (usr/lib/x, through the /lib link).

import { isOsPackageType, type Package } from '../model/package.js';
import type { FileTree } from '../source/file-tree.js';
import { baseName, parentOf } from '../source/paths.js';

export function markManagedPackages(packages: Package[], tree: FileTree): void {
  const language = packages.filter((p) => !isOsPackageType(p.type));
  if (language.length === 0) return;
  const canonicalDirs = new Map<string, string>();
  const canonical = (path: string): string => {
    const dir = parentOf(path);
    let real = canonicalDirs.get(dir);
    if (real === undefined) {
      const r = tree.resolve(dir);
      real = r.ok ? r.path : dir;
      canonicalDirs.set(dir, real);
    }
    return real === '' ? baseName(path) : `${real}/${baseName(path)}`;
  };
  const owners = new Map<string, Package>();
  for (const p of packages) {
    if (!isOsPackageType(p.type)) continue;
    for (const file of p.files) owners.set(canonical(file), p);
  }
  for (const p of language) {
    const outer = p.location.split('!/')[0]!; // a jar inside a jar belongs to whoever installed the outer one
    const owner = owners.get(canonical(outer));
    if (owner && isOsPackageType(owner.type)) p.managedBy = { type: owner.type, purl: owner.purl };
  }
}
