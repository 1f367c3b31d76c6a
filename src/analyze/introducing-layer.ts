// Which layer introduced an installed package: found by walking a package database file's history of copies.
// Shared by the dpkg, apk and rpm analyzers; the history is AssembleInput.facts (one FactVersion per layer that wrote the file).

import type { FactVersion } from './analyzer.js';

/**
 * Index of the oldest layer in the unbroken run of the file's copies, newest backwards, that still list `key` (a
 * package's name, version and architecture): the layer whose installation or upgrade put this version there.
 */
export function introducingLayer<F>(
  key: string,
  versions: readonly FactVersion<F>[],
  keysOf: (fact: F) => ReadonlySet<string>,
): number {
  let layer = versions[versions.length - 1]!.layer;
  for (let i = versions.length - 2; i >= 0; i--) {
    if (!keysOf(versions[i]!.fact).has(key)) break;
    layer = versions[i]!.layer;
  }
  return layer;
}

/** Builds `keysOf` for introducingLayer, computing each copy's key set once however many packages ask. */
export function memoizedKeys<F extends object>(
  keys: (fact: F) => Iterable<string>,
): (fact: F) => ReadonlySet<string> {
  const cache = new WeakMap<F, Set<string>>();
  return (fact) => {
    let set = cache.get(fact);
    if (!set) cache.set(fact, (set = new Set(keys(fact))));
    return set;
  };
}

export function packageKey(p: { name: string; version: string; arch?: string }): string {
  return `${p.name}\0${p.version}\0${p.arch ?? ''}`;
}
