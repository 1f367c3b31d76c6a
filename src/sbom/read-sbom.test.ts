// An SBOM file scans like the image it came from: for the real test images (Debian, the application image with its
// language packages, an rpm and an apk database), Seawall's CycloneDX and SPDX read back with every fact matching reads.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import type { Package } from '../model/package.js';
import { buildInventory } from '../scan/build-inventory.js';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import { appImage, testImages } from '../testing/images.js';
import { sampleInventory } from '../testing/sample-inventory.js';
import { renderInventory } from './index.js';
import { inventoryFromSbomFile } from './read-sbom.js';

const OPTIONS = { toolVersion: '0.0.0-test' };

/** What vulnerability matching and its report read from a package. */
function matchedFacts(pkg: Package): Record<string, unknown> {
  const { type, name, version, epoch, arch, source, purl, layer, location, foundBy, managedBy } =
    pkg;
  return {
    type,
    name,
    version,
    epoch,
    arch,
    source,
    purl,
    layer,
    location,
    foundBy,
    managedBy,
    confidence: pkg.confidence,
    dependsOn: pkg.dependsOn,
  };
}

function targetFacts(inventory: Inventory): Record<string, unknown> {
  const { kind, name, imageId, manifestDigest, repoTags, layers } = inventory.target;
  return { kind, name, imageId, manifestDigest, repoTags, layers };
}

describe('inventoryFromSbomFile', () => {
  const scratch = scratchDir('read-sbom');
  after(() => scratch.remove());

  function write(name: string, text: string): string {
    const file = join(scratch.dir, name);
    writeFileSync(file, text);
    return file;
  }

  describe('on the real test images', () => {
    const inventories = new Map<string, Inventory>();
    before(async () => {
      // The rpm database is a bare file: put it where rpm keeps it.
      const rpmRoot = join(scratch.dir, 'rpm-root');
      mkdirSync(join(rpmRoot, 'var/lib/rpm'), { recursive: true });
      copyFileSync(
        fixturePath('rpm', 'azurelinux-cbl-mariner-2.0-sqlite', 'rpmdb.sqlite'),
        join(rpmRoot, 'var/lib/rpm/rpmdb.sqlite'),
      );
      const targets: [string, string][] = [
        ['debian', `oci:${testImages().oci}:purged`],
        ['apps', `oci:${appImage().oci}:apps`],
        ['rpm', `dir:${rpmRoot}`],
        ['apk', `dir:${fixturePath('apk', 'alpine-3.15-armv7')}`],
      ];
      for (const [name, target] of targets) {
        inventories.set(name, await buildInventory(target, { noCache: true }));
      }
    });

    it('scanned what the round trip must carry: OS, epochs, sources, layers, managed language packages', () => {
      const all = [...inventories.values()].flatMap((inventory) => inventory.packages);
      assert.ok(inventories.get('debian')!.os, 'the Debian image has an OS');
      assert.ok(
        all.some((p) => p.type === 'rpm' && p.epoch),
        'an rpm package with an epoch',
      );
      for (const type of ['deb', 'rpm', 'apk', 'npm', 'pypi', 'maven', 'golang'])
        assert.ok(
          all.some((p) => p.type === type),
          `a ${type} package`,
        );
      assert.ok(
        all.some((p) => p.source && p.source.name !== p.name),
        'a package of another source',
      );
      assert.ok(
        all.some((p) => p.managedBy),
        'a language package an OS package installed',
      );
      assert.ok(
        all.some((p) => p.layer === 1),
        'a package of the second layer',
      );
    });

    for (const format of ['spdx', 'cyclonedx'] as const) {
      it(`reads every package, the OS and the target back from ${format}`, async () => {
        for (const [name, inventory] of inventories) {
          const file = write(
            `${name}.${format}.json`,
            await renderInventory(inventory, format, OPTIONS),
          );
          const read = inventoryFromSbomFile(file);
          assert.equal(read.target.input, `sbom:${file}`);
          assert.deepEqual(targetFacts(read), targetFacts(inventory), name);
          assert.deepEqual(read.os, inventory.os, name);
          assert.equal(read.packages.length, inventory.packages.length, name);
          read.packages.forEach((pkg, i) => {
            assert.deepEqual(
              matchedFacts(pkg),
              matchedFacts(inventory.packages[i]!),
              `${name}: ${pkg.purl}`,
            );
          });
        }
      });
    }
  });

  it('tells the formats apart by content, whatever the file is called', async () => {
    const inventory = sampleInventory();
    for (const format of ['spdx', 'cyclonedx'] as const) {
      const file = write(`sbom-${format}.txt`, await renderInventory(inventory, format, OPTIONS));
      const read = inventoryFromSbomFile(file);
      assert.equal(read.target.kind, 'image');
      assert.equal(read.target.name, inventory.target.name);
      assert.deepEqual(
        read.packages.map((p) => p.purl),
        inventory.packages.map((p) => p.purl),
      );
    }
  });

  it('reads a file that starts with a byte order mark', () => {
    const file = write(
      'bom.spdx.json',
      `\uFEFF${JSON.stringify({ spdxVersion: 'SPDX-2.3', name: 'x' })}`,
    );
    assert.equal(inventoryFromSbomFile(file).target.kind, 'rootfs');
  });

  it('keeps a foreign root filesystem a rootfs and a foreign container an image', () => {
    const file = write(
      'trivy.spdx.json',
      JSON.stringify({
        spdxVersion: 'SPDX-2.3',
        packages: [{ SPDXID: 'SPDXRef-R', name: '/srv', primaryPackagePurpose: 'SOURCE' }],
        relationships: [
          {
            spdxElementId: 'SPDXRef-DOCUMENT',
            relationshipType: 'DESCRIBES',
            relatedSpdxElement: 'SPDXRef-R',
          },
        ],
      }),
    );
    assert.deepEqual(
      [inventoryFromSbomFile(file).target.kind, inventoryFromSbomFile(file).target.name],
      ['rootfs', '/srv'],
    );
    const container = write(
      'c.cdx.json',
      JSON.stringify({
        bomFormat: 'CycloneDX',
        metadata: { component: { type: 'container', name: 'app:1' } },
      }),
    );
    assert.equal(inventoryFromSbomFile(container).target.kind, 'image');
  });

  it('names the file in an InputError when it is missing, not JSON, or neither format', () => {
    const cases: [string, RegExp][] = [
      [join(scratch.dir, 'missing.json'), /^cannot read the SBOM \(.*ENOENT/],
      [write('text.json', 'not json {'), /^not JSON/],
      [write('array.json', '[]'), /^neither a CycloneDX JSON BOM nor an SPDX 2\.x JSON document$/],
      [write('other.json', '{"bomFormat":"SPDX"}'), /^neither a CycloneDX JSON BOM nor an SPDX/],
      [write('spdx3.json', '{"spdxVersion":"SPDX-3.0"}'), /^not an SPDX 2\.x JSON document$/],
      [
        write('cdx.json', '{"bomFormat":"CycloneDX","components":{}}'),
        /^components is not a list$/,
      ],
    ];
    for (const [file, problem] of cases) {
      assert.throws(
        () => inventoryFromSbomFile(file),
        (err: unknown) =>
          err instanceof InputError && err.subject === file && problem.test(err.problem),
        file,
      );
    }
  });
});
