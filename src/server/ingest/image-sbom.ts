// `PUT /v1/images/{digest}/sbom`: a CycloneDX BOM (as `seawall sbom -f cyclonedx` or the agent writes it) becomes
// the image's stored inventory.

import { inventoryFromCycloneDx } from '../../sbom/cyclonedx-reader.js';
import type { ServerContext } from '../context.js';
import type { ImageRef } from '../store/types.js';
import { ingestInventory, type IngestResult } from './store-inventory.js';

/** Throws InputError when `bom` is not a CycloneDX BOM Seawall can read. */
export async function ingestImageSbom(
  ctx: ServerContext,
  ref: ImageRef,
  bom: unknown,
): Promise<IngestResult> {
  const inventory = inventoryFromCycloneDx(bom, `SBOM of ${ref.digest}`);
  return ingestInventory(
    ctx,
    ref,
    inventory.os ? { os: inventory.os, packages: inventory.packages } : inventory,
  );
}
