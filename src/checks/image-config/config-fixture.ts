// Test support: an Inventory around an image configuration fixture (test/fixtures/image-config/*.json), read with
// the parser scanned images go through, or around an ImageConfigSummary written inline.

import { readFileSync } from 'node:fs';
import type { ImageConfigSummary, Inventory, TargetInfo } from '../../model/inventory.js';
import type { Package } from '../../model/package.js';
import { parseImageConfig } from '../../source/oci-manifest.js';
import { fixturePath } from '../../testing/fixtures.js';

/** An image inventory with this configuration (and as many layers as its history made). */
export function inventoryWith(
  config: ImageConfigSummary | undefined,
  target: Partial<TargetInfo> = {},
  packages: Package[] = [],
): Inventory {
  const layerCount = (config?.history ?? []).filter((h) => !h.emptyLayer).length;
  return {
    target: {
      input: 'oci:fixture:v1',
      kind: 'image',
      name: 'fixture:v1',
      repoTags: ['v1'],
      platform: { os: 'linux', architecture: 'amd64' },
      layers: Array.from({ length: layerCount }, (_, index) => ({
        index,
        diffId: `sha256:${index.toString(16).padStart(64, '0')}`,
      })),
      ...(config ? { config } : {}),
      ...target,
    },
    packages,
    warnings: [],
  };
}

/** The inventory of a fixture config document, its layers taken from rootfs.diff_ids. */
export function fixtureInventory(name: string, target: Partial<TargetInfo> = {}): Inventory {
  const file = fixturePath('image-config', name);
  const config = parseImageConfig(readFileSync(file), file);
  return inventoryWith(config.summary, {
    layers: config.diffIds.map((diffId, index) => ({
      index,
      diffId,
      createdBy: config.layerHistory[index],
    })),
    ...target,
  });
}
