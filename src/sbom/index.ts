// One entry point for every SBOM and report format of an Inventory; CycloneDX's library is loaded only when asked for.
// Formats: CycloneDX 1.6 (https://cyclonedx.org/docs/1.6/json/), SPDX 2.3 (https://spdx.github.io/spdx-spec/v2.3/), Seawall JSON, table.

import type { Inventory } from '../model/inventory.js';
import { renderSeawallJson } from './seawall-json.js';
import { renderSpdx } from './spdx.js';
import { renderTable } from './table.js';

import type { SbomFormat } from './formats.js';

export { SBOM_FORMATS, type SbomFormat } from './formats.js';

export interface RenderOptions {
  /** The creation time to write; without it every format is reproducible byte for byte. */
  timestamp?: Date;
  /** Seawall's version, named as the producing tool. */
  toolVersion: string;
}

/**
 * The inventory in `format`. Asynchronous only because the CycloneDX library is imported on first use.
 * `timestamp` appears in CycloneDX (metadata.timestamp) and SPDX (creationInfo.created); Seawall JSON and the
 * table have no place for it.
 */
export async function renderInventory(
  inventory: Inventory,
  format: SbomFormat,
  options: RenderOptions,
): Promise<string> {
  switch (format) {
    case 'cyclonedx': {
      const { renderCycloneDx } = await import('./cyclonedx.js');
      return renderCycloneDx(inventory, options);
    }
    case 'spdx':
      return renderSpdx(inventory, options);
    case 'json':
      return renderSeawallJson(inventory);
    case 'table':
      return renderTable(inventory);
  }
}

export { inventoryFromCycloneDx } from './cyclonedx-reader.js';
