// An SBOM file as the Inventory it describes, for `seawall scan sbom:FILE`: CycloneDX JSON or SPDX 2.x JSON, told apart
// by content. CycloneDX: https://cyclonedx.org/docs/1.6/json/ ; SPDX: https://spdx.github.io/spdx-spec/v2.3/

import { readFileSync } from 'node:fs';
import { InputError, messageOf } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import { inventoryFromCycloneDx } from './cyclonedx-reader.js';
import { inventoryFromSpdx } from './spdx-reader.js';

/**
 * The Inventory of the SBOM at `path`, with `target.input` set to `sbom:PATH`. The target keeps the kind the SBOM gives
 * it (Seawall's own record it; otherwise a container root is an image and anything else a root filesystem). Throws
 * InputError naming `path` when the file cannot be read, is not JSON, or is neither format.
 */
export function inventoryFromSbomFile(path: string): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read the SBOM (${messageOf(err)})`, { cause: err });
  }
  let json: unknown;
  try {
    // Some Windows tools write a byte order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(path, `not JSON (${messageOf(err)})`, { cause: err });
  }
  const doc = json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
  let inventory: Inventory;
  if ('bomFormat' in doc && doc.bomFormat === 'CycloneDX') {
    inventory = inventoryFromCycloneDx(json, path);
  } else if ('spdxVersion' in doc) {
    inventory = inventoryFromSpdx(json, path);
  } else {
    throw new InputError(path, 'neither a CycloneDX JSON BOM nor an SPDX 2.x JSON document');
  }
  inventory.target.input = `sbom:${path}`;
  return inventory;
}
