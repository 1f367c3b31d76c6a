// Finds which installed package a `require(name)` from a package folder loads, as Node does: the nearest node_modules
// up the tree, following symlinks (workspace links, pnpm's virtual store). https://nodejs.org/api/modules.html#loading-from-node_modules-folders

import type { FileTree } from '../../source/file-tree.js';
import { parentOf } from '../../source/paths.js';

export class InstalledPackages<P> {
  private readonly byDir = new Map<string, P>();

  constructor(
    private readonly tree: FileTree,
    /** Folders searched last, as Node's global folders (Debian's /usr/share/nodejs). */
    private readonly globalDirs: readonly string[] = [],
  ) {}

  /** Registers the package whose package.json is in `dir` (its real folder, after symlinks). */
  add(dir: string, pkg: P): void {
    this.byDir.set(dir, pkg);
  }

  /** The package `name` resolves to from a package in `fromDir`, if it is installed. */
  resolve(fromDir: string, name: string): P | undefined {
    let dir = fromDir;
    for (;;) {
      if (dir !== 'node_modules' && !dir.endsWith('/node_modules')) {
        const found = this.at(dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`);
        if (found) return found;
      }
      if (dir === '') break;
      dir = parentOf(dir);
    }
    for (const global of this.globalDirs) {
      const found = this.at(`${global}/${name}`);
      if (found) return found;
    }
    return undefined;
  }

  private at(dir: string): P | undefined {
    const direct = this.byDir.get(dir);
    if (direct) return direct;
    // Only a symlink can lead to a package registered under its real folder; resolving anything else would cost a
    // search of the whole tree for each missing folder.
    if (this.tree.lstat(dir)?.type !== 'symlink') return undefined;
    const real = this.tree.resolve(dir);
    return real.ok && real.path !== dir ? this.byDir.get(real.path) : undefined;
  }
}

/**
 * The node_modules entry through which a package outside any node_modules folder (a workspace package) is installed:
 * a symlink named after it in the node_modules of an enclosing folder that leads back to its folder.
 */
export function linkToPackage(tree: FileTree, dir: string, name: string): string | undefined {
  let ancestor = dir;
  while (ancestor !== '') {
    ancestor = parentOf(ancestor);
    const link = ancestor === '' ? `node_modules/${name}` : `${ancestor}/node_modules/${name}`;
    if (tree.lstat(link)?.type !== 'symlink') continue;
    const real = tree.resolve(link);
    if (real.ok && real.path === dir) return link;
  }
  return undefined;
}
