// Seawall's own JSON: the Inventory exactly as the model defines it (src/model/inventory.ts), in canonical order,
// so that JSON.parse of the output gives back an equal Inventory.

import type { Inventory } from '../model/inventory.js';
import { canonicalInventory, canonicalJson } from './canonical.js';

/** The inventory as sorted-key JSON. It carries no timestamp: the Inventory has no field for one. */
export function renderSeawallJson(inventory: Inventory): string {
  return canonicalJson(canonicalInventory(inventory));
}
