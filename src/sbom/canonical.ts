// The one order every renderer writes an Inventory in, and JSON text with sorted keys, so outputs diff cleanly.
// Order follows the Inventory model's own contract (src/model/inventory.ts): packages by type, name, version, arch.

import type { Inventory } from '../model/inventory.js';
import { comparePackages, compareText } from '../model/order.js';

export { compareText, comparePackages };

/**
 * A deep copy in canonical form: keys whose value is undefined dropped, packages, warnings and each package's files
 * and dependsOn sorted, layers by index. Lists whose order means something (env, cmd, licences) are kept as they are.
 */
export function canonicalInventory(inventory: Inventory): Inventory {
  const copy = JSON.parse(JSON.stringify(inventory)) as Inventory;
  copy.target.layers.sort((a, b) => a.index - b.index);
  for (const pkg of copy.packages) {
    pkg.files.sort(compareText);
    pkg.dependsOn.sort(compareText);
  }
  copy.packages.sort(comparePackages);
  copy.warnings.sort(compareText);
  return copy;
}

/** JSON with every object's keys in code-unit order, two-space indented, ending in a newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, sortKeys, 2)}\n`;
}

/** The same on one line, for JSON carried inside a string field. */
export function canonicalJsonLine(value: unknown): string {
  return JSON.stringify(value, sortKeys);
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  // Most objects are built with their keys in order already: copying them only fed the garbage collector (a report
  // of 80,000 findings spent a second here).
  if (isSorted(keys)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of keys.sort(compareText)) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}
