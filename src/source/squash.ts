// Squashes layers into one filesystem view, as overlayfs and container engines do: whiteouts and opaque directories
// delete from the layers below, a later layer's copy of a path replaces an earlier one (OCI image-spec layer.md).

import type { FactVersion } from '../analyze/analyzer.js';
import type { FileEntry } from '../model/layer.js';
import { FileTree } from './file-tree.js';

/** What squashing needs of one layer (a LayerAnalysis satisfies it). */
export interface LayerChanges {
  entries: readonly Omit<FileEntry, 'layer'>[];
  whiteouts: readonly string[];
  opaqueDirs: readonly string[];
  facts: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface SquashedImage {
  tree: FileTree;
  /** analyzer name -> path -> the facts of every copy since the path was last deleted, oldest first. */
  facts: Map<string, Map<string, FactVersion<unknown>[]>>;
}

export function squashLayers(layers: readonly LayerChanges[]): SquashedImage {
  const files = new Map<string, FileEntry>();
  const facts = new Map<string, Map<string, FactVersion<unknown>[]>>();

  layers.forEach((layer, index) => {
    // Deletions apply to the layers below only, so they go first, whatever their place in the tar.
    const deleted = [
      ...layer.whiteouts.map((p) => ({ path: p, self: true })),
      ...layer.opaqueDirs.map((p) => ({ path: p, self: false })),
    ];
    for (const { path, self } of deleted) {
      removeTree(files, path, self);
      for (const byPath of facts.values()) removeTree(byPath, path, self);
    }
    for (const entry of layer.entries) {
      const previous = files.get(entry.path);
      // A non-directory replacing a directory hides everything the lower layers had below it.
      if (previous?.type === 'dir' && entry.type !== 'dir') {
        removeTree(files, entry.path, false);
        for (const byPath of facts.values()) removeTree(byPath, entry.path, false);
      }
      files.set(entry.path, { ...entry, layer: index });
      // A copy of the path that gave no fact makes the earlier facts stale.
      for (const [analyzer, byPath] of facts)
        if (byPath.has(entry.path) && !(entry.path in (layer.facts[analyzer] ?? {})))
          byPath.delete(entry.path);
    }
    for (const [analyzer, byPathFacts] of Object.entries(layer.facts)) {
      let byPath = facts.get(analyzer);
      if (!byPath) facts.set(analyzer, (byPath = new Map()));
      for (const [path, fact] of Object.entries(byPathFacts)) {
        const versions = byPath.get(path) ?? [];
        versions.push({ fact, layer: index });
        byPath.set(path, versions);
      }
    }
  });
  return { tree: new FileTree(files.values()), facts };
}

/** Deletes `path` (when `self`) and everything below it. */
function removeTree<V>(map: Map<string, V>, path: string, self: boolean): void {
  if (path === '') {
    map.clear();
    return;
  }
  if (self) map.delete(path);
  const prefix = `${path}/`;
  for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
}
