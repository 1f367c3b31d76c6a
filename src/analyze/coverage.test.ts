// Every analyzer in the registry must be exercised by some real fixture (as Syft requires of its catalogers): a scan
// of the committed fixtures and the real test images must find at least one package by each, or the OS by 'os'.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildInventoryWithStats } from '../scan/build-inventory.js';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import { appImage, testImages } from '../testing/images.js';
import { defaultAnalyzers } from './registry.js';

describe('analyzer coverage', () => {
  it('finds something with every registered analyzer across the fixtures and test images', async () => {
    const cache = scratchDir('coverage');
    try {
      // rpm fixtures are bare databases: put the real Azure Linux one where rpm keeps it.
      const rpmRoot = join(cache.dir, 'rpm-root');
      mkdirSync(join(rpmRoot, 'var/lib/rpm'), { recursive: true });
      copyFileSync(
        fixturePath('rpm', 'azurelinux-cbl-mariner-2.0-sqlite', 'rpmdb.sqlite'),
        join(rpmRoot, 'var/lib/rpm/rpmdb.sqlite'),
      );
      const fixtureRoots = readdirSync(fixturePath(), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => [
          fixturePath(d.name),
          ...readdirSync(fixturePath(d.name), { withFileTypes: true })
            .filter((sub) => sub.isDirectory())
            .map((sub) => fixturePath(d.name, sub.name)),
        ]);
      const targets = [
        `dir:${appImage().rootfs}`,
        `oci:${testImages().oci}:purged`,
        `dir:${rpmRoot}`,
        ...fixtureRoots.map((root) => `dir:${root}`),
      ];
      const found = new Set<string>();
      for (const target of targets) {
        const { inventory } = await buildInventoryWithStats(target, { cacheDir: cache.dir });
        if (inventory.os) found.add('os');
        for (const p of inventory.packages) found.add(p.foundBy);
      }
      const missing = defaultAnalyzers()
        .map((a) => a.name)
        .filter((name) => !found.has(name));
      assert.deepEqual(missing, [], `analyzers no fixture exercises: ${missing.join(', ')}`);
    } finally {
      cache.remove();
    }
  });
});
