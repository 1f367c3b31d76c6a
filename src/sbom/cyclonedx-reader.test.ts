// Reading CycloneDX back: a BOM Seawall wrote gives back the very Inventory it came from; another tool's BOM gives
// what its purls say; a document that is not a BOM is an InputError.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import { emptyInventory, sampleInventory } from '../testing/sample-inventory.js';
import { canonicalInventory } from './canonical.js';
import { renderCycloneDx } from './cyclonedx.js';
import { inventoryFromCycloneDx } from './cyclonedx-reader.js';

function roundTrip(inventory: Inventory): Inventory {
  return inventoryFromCycloneDx(JSON.parse(renderCycloneDx(inventory, { toolVersion: '1.2.3' })));
}

describe('inventoryFromCycloneDx', () => {
  it('reads back exactly the sample inventory, files and licence wording included', () => {
    assert.deepEqual(roundTrip(sampleInventory()), sampleInventory());
  });

  it('reads the older one-property-per-file form of the files of a package', () => {
    const bom = JSON.parse(renderCycloneDx(sampleInventory(), { toolVersion: '1.2.3' })) as {
      components: { name: string; properties?: { name: string; value: string }[] }[];
    };
    const bash = bom.components.find((c) => c.name === 'bash')!;
    bash.properties = bash.properties!.flatMap((p) =>
      p.name === 'seawall:package:files'
        ? p.value.split('\n').map((value) => ({ name: 'seawall:package:file', value }))
        : [p],
    );
    const read = inventoryFromCycloneDx(bom);
    assert.deepEqual(read.packages.find((p) => p.name === 'bash')!.files, [
      'bin/bash',
      'etc/bash.bashrc',
      'usr/share/doc/bash/copyright',
    ]);
  });

  it('reads back an empty root-filesystem inventory', () => {
    assert.deepEqual(roundTrip(emptyInventory()), emptyInventory());
  });

  it('keeps what only some inventories have: a platform variant, an empty config, no OS, rpm epoch 0', () => {
    const inventory = sampleInventory();
    inventory.target.platform = { os: 'linux', architecture: 'arm', variant: 'v7' };
    inventory.target.config = {};
    delete inventory.os;
    const rpm = inventory.packages.find((p) => p.type === 'rpm')!;
    rpm.epoch = 0;
    delete rpm.layer;
    assert.deepEqual(roundTrip(inventory), inventory);
  });

  it('returns the canonical order whatever order the inventory came in', () => {
    const inventory = sampleInventory();
    inventory.packages.reverse();
    inventory.packages[0]!.files.reverse();
    assert.deepEqual(roundTrip(inventory), canonicalInventory(inventory));
    assert.deepEqual(roundTrip(inventory), sampleInventory());
  });

  it("reads another tool's BOM through purls and the dependency graph", () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: { component: { type: 'container', name: 'alpine:3.19', 'bom-ref': 'root' } },
      components: [
        { type: 'operating-system', name: 'alpine', version: '3.19.1', 'bom-ref': 'os-1' },
        {
          type: 'library',
          name: 'busybox',
          version: '1.36.1-r15',
          'bom-ref': 'b1',
          purl: 'pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=3.19.1',
          licenses: [{ license: { id: 'GPL-2.0-only' } }],
        },
        {
          type: 'library',
          name: 'musl',
          version: '1.2.4_git20230717-r4',
          'bom-ref': 'm1',
          purl: 'pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=3.19.1',
          licenses: [{ expression: 'MIT' }],
        },
        {
          type: 'library',
          name: 'passwd',
          version: '1:4.13+dfsg1-1+deb12u2',
          'bom-ref': 'p1',
          supplier: {
            name: 'Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>',
          },
          purl: 'pkg:deb/debian/passwd@4.13%2Bdfsg1-1%2Bdeb12u2?arch=amd64&distro=debian-12&epoch=1',
          properties: [
            { name: 'aquasecurity:trivy:SrcEpoch', value: '1' },
            { name: 'aquasecurity:trivy:SrcName', value: 'shadow' },
            { name: 'aquasecurity:trivy:SrcVersion', value: '4.13+dfsg1-1+deb12u2' },
          ],
        },
        {
          type: 'library',
          name: 'openssl-libs',
          version: '1:3.1.1-4.fc39',
          purl: 'pkg:rpm/fedora/openssl-libs@3.1.1-4.fc39?arch=x86_64&epoch=1',
        },
        { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' },
        { type: 'library', name: 'zlib', version: '1.3', purl: 'pkg:generic/zlib@1.3' },
      ],
      dependencies: [{ ref: 'b1', dependsOn: ['m1', 'not-here'] }, { ref: 'root' }],
    };
    const inventory = inventoryFromCycloneDx(bom, 'trivy.cdx.json');
    assert.equal(inventory.target.kind, 'image');
    assert.equal(inventory.target.name, 'alpine:3.19');
    assert.deepEqual(inventory.os, { family: 'alpine', version: '3.19.1', source: '' });
    assert.deepEqual(
      inventory.packages.map((p) => [p.type, p.name, p.version, p.arch, p.epoch]),
      [
        ['apk', 'busybox', '1.36.1-r15', 'x86_64', undefined],
        ['apk', 'musl', '1.2.4_git20230717-r4', 'x86_64', undefined],
        ['deb', 'passwd', '1:4.13+dfsg1-1+deb12u2', 'amd64', undefined],
        ['npm', 'left-pad', '1.3.0', undefined, undefined],
        ['rpm', 'openssl-libs', '3.1.1-4.fc39', 'x86_64', 1],
      ],
    );
    const passwd = inventory.packages[2]!;
    assert.deepEqual(passwd.source, { name: 'shadow', version: '1:4.13+dfsg1-1+deb12u2' });
    assert.equal(
      passwd.maintainer,
      'Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>',
    );
    const busybox = inventory.packages[0]!;
    assert.deepEqual(busybox.dependsOn, [inventory.packages[1]!.purl]);
    assert.deepEqual(busybox.licenses, [{ expression: 'GPL-2.0-only' }]);
    assert.deepEqual(inventory.warnings, [
      'trivy.cdx.json: skipped 1 components whose purl type Seawall does not model',
    ]);
  });

  it('rejects documents that are not CycloneDX BOMs with an InputError naming the field', () => {
    const cases: [unknown, RegExp][] = [
      ['a string', /the document is not an object/],
      [{ bomFormat: 'SPDX' }, /not a CycloneDX BOM/],
      [{ bomFormat: 'CycloneDX', components: {} }, /components is not a list/],
      [
        { bomFormat: 'CycloneDX', components: [{ type: 'library', purl: 'pkg:deb/debian/x@1' }] },
        /components\[0\]\.name is not a string/,
      ],
      [
        {
          bomFormat: 'CycloneDX',
          metadata: {
            component: {
              name: 't',
              properties: [{ name: 'seawall:target:layer:0:size', value: 'big' }],
            },
          },
        },
        /seawall:target:layer:0 has no diffId/,
      ],
    ];
    for (const [json, problem] of cases) {
      assert.throws(
        () => inventoryFromCycloneDx(json, 'bom.json'),
        (err: unknown) =>
          err instanceof InputError && err.subject === 'bom.json' && problem.test(err.problem),
      );
    }
  });
});
