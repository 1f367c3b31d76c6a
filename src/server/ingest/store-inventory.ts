// Stores an image's inventory once per digest and matches only the packages the store did not have yet: every other
// package's matches are already current, whichever image brought it first.

import type { OsInfo } from '../../model/os.js';
import type { Package } from '../../model/package.js';
import type { ServerContext } from '../context.js';
import { matchPackages } from '../match/match-packages.js';
import { storedPackageOf } from '../match/stored-package.js';
import { packageKey, storeImageInventory } from '../store/images.js';
import {
  imageVulnerabilityCount,
  packagesToMatch,
  replacePackageMatches,
} from '../store/package-matches.js';
import type { ImageFindingRow, ImageRef, StoredPackageInput } from '../store/types.js';

export interface IngestResult {
  digest: string;
  packages: number;
  /** Distinct vulnerabilities the image has now. */
  vulnerabilities: number;
}

export async function ingestInventory(
  ctx: ServerContext,
  ref: ImageRef,
  inventory: { os?: OsInfo; packages: readonly Package[]; findings?: ImageFindingRow[] },
): Promise<IngestResult> {
  const byKey = new Map<string, StoredPackageInput>();
  for (const pkg of inventory.packages) {
    const stored = storedPackageOf(pkg, inventory.os);
    byKey.set(packageKey(stored), stored);
  }
  const os = inventory.os
    ? [inventory.os.family, inventory.os.version].filter(Boolean).join(' ')
    : undefined;
  const input: Parameters<typeof storeImageInventory>[2] = { packages: [...byKey.values()] };
  if (os) input.os = os;
  if (inventory.findings) input.findings = inventory.findings;
  const stored = await storeImageInventory(ctx.store, ref, input, ctx.now().toISOString());
  if (stored.newPackageIds.length > 0) {
    const rows = await packagesToMatch(ctx.store, stored.newPackageIds);
    await replacePackageMatches(ctx.store, matchPackages(ctx.vulnDb(), rows));
  }
  return {
    digest: ref.digest,
    packages: byKey.size,
    vulnerabilities: await imageVulnerabilityCount(ctx.store, stored.imageId),
  };
}
