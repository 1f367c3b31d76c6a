// A human summary of an Inventory for the terminal: what was scanned, then one aligned row per package.
// Plain text, no colour, so that it reads the same in a pipe, a CI log and a golden file.

import type { Inventory } from '../model/inventory.js';
import type { Package } from '../model/package.js';
import { canonicalInventory, compareText } from './canonical.js';
import { displayVersion } from './display-version.js';
import { alignColumns, labelled } from '../util/text-table.js';

const HEADER = ['NAME', 'VERSION', 'TYPE', 'SOURCE', 'LAYER'];

export function renderTable(inventory: Inventory): string {
  const canonical = canonicalInventory(inventory);
  const { target, os, packages, warnings } = canonical;
  const lines = [
    ...labelled([
      ['Target', `${target.name} (${target.kind === 'image' ? 'image' : 'root filesystem'})`],
      ['OS', os ? (os.prettyName ?? [os.family, os.version].filter(Boolean).join(' ')) : 'unknown'],
      ['Layers', String(target.layers.length)],
      ['Packages', packageCounts(packages)],
    ]),
    '',
  ];
  if (packages.length === 0) lines.push('No packages found.');
  else lines.push(...alignColumns([HEADER, ...packages.map(packageRow)]));
  if (warnings.length > 0) {
    lines.push('', `Warnings (${warnings.length}):`, ...warnings.map((w) => `  ${w}`));
  }
  return `${lines.join('\n')}\n`;
}

/** "13 (apk 1, deb 11, rpm 1)": the total, then each package type's count. */
function packageCounts(packages: Package[]): string {
  const counts = new Map<string, number>();
  for (const pkg of packages) counts.set(pkg.type, (counts.get(pkg.type) ?? 0) + 1);
  const byType = [...counts]
    .sort(([a], [b]) => compareText(a, b))
    .map(([type, count]) => `${type} ${count}`);
  return byType.length === 0 ? '0' : `${packages.length} (${byType.join(', ')})`;
}

function packageRow(pkg: Package): string[] {
  const version = displayVersion(pkg);
  let source = '-';
  if (pkg.source) {
    // The source version is worth a column's width only where it differs (binNMUs, renamed binaries).
    source =
      pkg.source.version === version
        ? pkg.source.name
        : `${pkg.source.name} (${pkg.source.version})`;
  }
  // A language package an OS package installed names that package instead: it is where its advisories come from.
  if (pkg.managedBy) source = `${pkg.managedBy.type}:${purlName(pkg.managedBy.purl)}`;
  return [pkg.name, version, pkg.type, source, pkg.layer === undefined ? '-' : String(pkg.layer)];
}

/** The name part of a purl (`pkg:deb/debian/python3-requests@2.28.1?...` -> python3-requests). */
function purlName(purl: string): string {
  const path = purl.split(/[@?#]/)[0]!;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}
