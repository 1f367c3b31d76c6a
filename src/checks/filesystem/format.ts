// Small shared wording of the filesystem findings: modes in octal, sizes, path samples, and lists cut at the cap.
// Octal modes as chmod(1) writes them (https://man7.org/linux/man-pages/man1/chmod.1.html).

import type { Capped, LocatedPath } from '../../analyze/hardening/evidence.js';
import { findingOf, type Finding, type FindingLocation, type Rule } from '../../model/finding.js';

/** 0o4755 -> '4755'. */
export function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** 302100 -> '295.0 KiB'. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function locationOf(found: LocatedPath): FindingLocation {
  return { path: found.path, layer: found.layer };
}

/** The first `max` paths, and how many more there are. */
export function pathSample(paths: Capped<LocatedPath>, max = 10): string {
  const shown = paths.items.slice(0, max).map((p) => p.path);
  const more = paths.count - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** When the evidence kept only part of a long list: one finding that says how much is not listed. */
export function notListed<T>(rule: Rule, list: Capped<T>, noun: string): Finding[] {
  const more = list.count - list.items.length;
  if (more <= 0) return [];
  return [
    findingOf(
      rule,
      {},
      {
        title: `${rule.title}: ${more} more ${noun} not listed`,
        evidence: `${list.count} ${noun} in all; the scan keeps the first ${list.items.length} by path`,
      },
    ),
  ];
}
