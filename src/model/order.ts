// The one order of packages and text everywhere output must be reproducible.

import type { Package } from './package.js';

/** Code-unit order, the same on every machine and locale (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By type, name, version, architecture, then purl. */
export function comparePackages(a: Package, b: Package): number {
  return (
    compareText(a.type, b.type) ||
    compareText(a.name, b.name) ||
    compareText(a.version, b.version) ||
    compareText(a.arch ?? '', b.arch ?? '') ||
    compareText(a.purl, b.purl)
  );
}
