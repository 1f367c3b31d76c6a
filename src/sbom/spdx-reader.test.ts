// Reading SPDX back: Seawall's own documents give back every fact the Inventory's matching reads (all but file lists,
// maintainers and licence wording); Trivy's and Syft's give what their purls and annotations say; others are errors.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import { fixturePath } from '../testing/fixtures.js';
import { emptyInventory, sampleInventory } from '../testing/sample-inventory.js';
import { canonicalInventory } from './canonical.js';
import { renderSpdx } from './spdx.js';
import { inventoryFromSpdx } from './spdx-reader.js';

function roundTrip(inventory: Inventory): Inventory {
  return inventoryFromSpdx(JSON.parse(renderSpdx(inventory, { toolVersion: '1.2.3' })));
}

/** The inventory as SPDX keeps it: no file lists or maintainers, a licence's original wording only when it has no expression. */
function asSpdxKeepsIt(inventory: Inventory): Inventory {
  const copy = canonicalInventory(inventory);
  for (const pkg of copy.packages) {
    pkg.files = [];
    delete pkg.maintainer;
    pkg.licenses = pkg.licenses.map((l) =>
      l.expression === undefined ? l : { expression: l.expression },
    );
  }
  return copy;
}

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath('sbom', 'foreign', name), 'utf8'));
}

function spdxDocument(packages: unknown[], relationships: unknown[] = []): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'doc',
    packages,
    relationships,
  };
}

function purlPackage(id: string, purl: string, extra: Record<string, unknown> = {}): unknown {
  return {
    SPDXID: id,
    name: id,
    downloadLocation: 'NOASSERTION',
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl },
    ],
    ...extra,
  };
}

describe('inventoryFromSpdx', () => {
  it("reads back the sample inventory: target, OS, warnings and every package's facts and edges", () => {
    assert.deepEqual(roundTrip(sampleInventory()), asSpdxKeepsIt(sampleInventory()));
  });

  it('reads back an empty root-filesystem inventory exactly', () => {
    assert.deepEqual(roundTrip(emptyInventory()), emptyInventory());
  });

  it('keeps a platform variant, an empty config, rpm epoch 0, no layer, no OS', () => {
    const inventory = sampleInventory();
    inventory.target.platform = { os: 'linux', architecture: 'arm', variant: 'v7' };
    inventory.target.config = {};
    delete inventory.os;
    const rpm = inventory.packages.find((p) => p.type === 'rpm')!;
    rpm.epoch = 0;
    delete rpm.layer;
    assert.deepEqual(roundTrip(inventory), asSpdxKeepsIt(inventory));
  });

  it('reads the same whatever the timestamp and tool version of the document', () => {
    const doc = JSON.parse(
      renderSpdx(sampleInventory(), { toolVersion: '9.9.9', timestamp: new Date() }),
    ) as unknown;
    assert.deepEqual(inventoryFromSpdx(doc), asSpdxKeepsIt(sampleInventory()));
  });

  it("reads Trivy's document: image facts, OS package, layers by diff-id, source packages, edges", () => {
    const inventory = inventoryFromSpdx(readFixture('trivy-debian.spdx.json'), 'trivy.spdx.json');
    assert.deepEqual(inventory.target, {
      input: 'debian:12',
      kind: 'image',
      name: 'debian:12',
      imageId: 'sha256:dff9e2ccf094229ce066f6ecd61830b5e1e5a350fed0dd5e556410d66717e216',
      manifestDigest: 'sha256:e16d910b2cf52fb4fb43d2c0bfe0791d275ba8a5677231443e7d2a18c800c197',
      repoTags: ['debian:12'],
      layers: [
        {
          index: 0,
          diffId: 'sha256:d274d2048bc1356edd7082e6368c54c7646065c97a4ca42a3d0709067850d61b',
        },
        {
          index: 1,
          diffId: 'sha256:178f71109fda6c55de3fd78df7a4b0c2ba93f660b014a782253d988d6a38d47f',
        },
      ],
    });
    assert.deepEqual(inventory.os, { family: 'debian', version: '12.5', source: '' });
    assert.deepEqual(
      inventory.packages.map((p) => [
        p.type,
        p.name,
        p.version,
        p.epoch,
        p.arch,
        p.source,
        p.layer,
      ]),
      [
        [
          'deb',
          'libc6',
          '2.36-9+deb12u4',
          undefined,
          'amd64',
          { name: 'glibc', version: '2.36-9+deb12u4' },
          0,
        ],
        [
          'deb',
          'passwd',
          '1:4.13+dfsg1-1',
          undefined,
          'amd64',
          { name: 'shadow', version: '1:4.13+dfsg1-1' },
          1,
        ],
        ['pypi', 'requests', '2.28.1', undefined, undefined, undefined, 1],
      ],
    );
    const [libc6, passwd, requests] = inventory.packages;
    assert.equal(
      passwd!.purl,
      'pkg:deb/debian/passwd@4.13%2Bdfsg1-1?arch=amd64&distro=debian-12.5&epoch=1',
    );
    assert.deepEqual(passwd!.dependsOn, [libc6!.purl]);
    assert.deepEqual(libc6!.licenses, [
      { expression: 'LGPL-2.1-only' },
      { expression: 'GPL-2.0-only' },
    ]);
    assert.equal(
      requests!.location,
      'usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO',
    );
    assert.equal(requests!.foundBy, 'spdx');
    // The image, the OS and the Python application hold packages; none is one, and none is warned about.
    assert.deepEqual(inventory.warnings, []);
  });

  it("reads Syft's document: OS from the distro qualifier, upstream sources, names from purls, DEPENDENCY_OF", () => {
    const inventory = inventoryFromSpdx(readFixture('syft-alpine.spdx.json'), 'syft.spdx.json');
    assert.equal(inventory.target.name, 'alpine:3.19');
    assert.equal(inventory.target.kind, 'image');
    assert.deepEqual(inventory.os, { family: 'alpine', version: '3.19.1', source: '' });
    assert.deepEqual(
      inventory.packages.map((p) => [
        p.type,
        p.name,
        p.version,
        p.arch,
        p.source?.name,
        p.location,
      ]),
      [
        ['apk', 'busybox', '1.36.1-r15', 'x86_64', 'busybox', 'lib/apk/db/installed'],
        ['apk', 'libcrypto3', '3.1.4-r5', 'x86_64', 'openssl', 'lib/apk/db/installed'],
        ['apk', 'musl', '1.2.4_git20230717-r4', 'x86_64', 'musl', 'lib/apk/db/installed'],
        [
          'maven',
          'org.apache.logging.log4j:log4j-core',
          '2.19.0',
          undefined,
          undefined,
          'app/lib/log4j-core-2.19.0.jar',
        ],
        [
          'npm',
          '@types/node',
          '20.11.30',
          undefined,
          undefined,
          'app/node_modules/@types/node/package.json',
        ],
      ],
    );
    const [busybox, libcrypto3, musl] = inventory.packages;
    assert.deepEqual(libcrypto3!.source, { name: 'openssl', version: '3.1.4-r5' });
    assert.deepEqual(busybox!.dependsOn, [musl!.purl]);
    assert.deepEqual(libcrypto3!.dependsOn, [musl!.purl]);
    assert.deepEqual(busybox!.licenses, [{ expression: 'GPL-2.0-only' }]);
    assert.equal(busybox!.description, 'Size optimized toolbox of many common UNIX utilities');
    assert.deepEqual(inventory.warnings, [
      'syft.spdx.json: skipped 1 packages whose purl type Seawall does not model (generic): zlib',
      'syft.spdx.json: skipped 1 packages without a purl: python',
    ]);
  });

  it('takes the OS from the most common distro qualifier, and rpm epochs and source rpms from purls', () => {
    const rpm = (name: string, purl: string) => purlPackage(`SPDXRef-${name}`, purl);
    const inventory = inventoryFromSpdx(
      spdxDocument([
        rpm(
          'a',
          'pkg:rpm/redhat/openssl-libs@3.0.7-25.el9_3?arch=x86_64&epoch=1&upstream=openssl-3.0.7-25.el9_3.src.rpm&distro=rhel-9.3',
        ),
        rpm(
          'b',
          'pkg:rpm/redhat/bash@5.1.8-6.el9_1?arch=x86_64&upstream=bash-5.1.8-6.el9_1.src.rpm&distro=rhel-9.3',
        ),
        rpm('c', 'pkg:rpm/redhat/tzdata@2023c-1.el9?arch=noarch&distro=rhel-9.2'),
      ]),
    );
    assert.deepEqual(inventory.os, { family: 'rhel', version: '9.3', source: '' });
    const ssl = inventory.packages.find((p) => p.name === 'openssl-libs')!;
    assert.deepEqual(
      [ssl.version, ssl.epoch, ssl.arch, ssl.source],
      ['3.0.7-25.el9_3', 1, 'x86_64', { name: 'openssl', version: '3.0.7-25.el9_3' }],
    );
    const apk = inventoryFromSpdx(
      spdxDocument([
        purlPackage('SPDXRef-m', 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.19.1'),
      ]),
    );
    assert.deepEqual(apk.os, { family: 'alpine', version: '3.19.1', source: '' });
  });

  it('reads licences: the declared one split at top-level AND, else the concluded one; LicenseRefs as their text', () => {
    const inventory = inventoryFromSpdx({
      ...spdxDocument([
        purlPackage('SPDXRef-a', 'pkg:npm/a@1', {
          licenseDeclared:
            '(MIT OR Apache-2.0) AND LicenseRef-x AND (GPL-2.0-only WITH Classpath-exception-2.0)',
        }),
        purlPackage('SPDXRef-b', 'pkg:npm/b@1', {
          licenseDeclared: 'NOASSERTION',
          licenseConcluded: 'ISC',
        }),
        purlPackage('SPDXRef-c', 'pkg:npm/c@1', {
          licenseDeclared: 'NONE',
          licenseConcluded: 'NOASSERTION',
        }),
      ]),
      hasExtractedLicensingInfos: [
        { licenseId: 'LicenseRef-x', name: 'NOASSERTION', extractedText: 'Some licence text' },
      ],
    });
    assert.deepEqual(
      inventory.packages.map((p) => p.licenses),
      [
        [
          { expression: 'MIT OR Apache-2.0' },
          { text: 'Some licence text' },
          { expression: 'GPL-2.0-only WITH Classpath-exception-2.0' },
        ],
        [{ expression: 'ISC' }],
        [],
      ],
    );
  });

  it('skips unreadable packages with a warning and reads the rest', () => {
    const inventory = inventoryFromSpdx(
      spdxDocument([
        'not a package',
        purlPackage('SPDXRef-bad', 'pkg:/nothing'),
        purlPackage('SPDXRef-ok', 'pkg:cargo/serde@1.0.197'),
      ]),
      'mixed.spdx.json',
    );
    assert.deepEqual(
      inventory.packages.map((p) => p.purl),
      ['pkg:cargo/serde@1.0.197'],
    );
    assert.deepEqual(inventory.warnings, [
      'mixed.spdx.json: packages[0] is not a package with an SPDXID; skipped',
      'mixed.spdx.json: packages[1] (SPDXRef-bad): invalid purl "pkg:/nothing"; skipped',
    ]);
  });

  it('rejects what is not an SPDX 2.x JSON document with an InputError naming the subject', () => {
    const cases: [unknown, RegExp][] = [
      ['a string', /^not an SPDX 2\.x JSON document$/],
      [{ bomFormat: 'CycloneDX' }, /^not an SPDX 2\.x JSON document$/],
      [{ spdxVersion: 'SPDX-3.0' }, /^not an SPDX 2\.x JSON document$/],
      [{ spdxVersion: 2.3 }, /^not an SPDX 2\.x JSON document$/],
      [{ spdxVersion: 'SPDX-2.3', packages: {} }, /^packages is not a list$/],
      [{ spdxVersion: 'SPDX-2.3', relationships: 'none' }, /^relationships is not a list$/],
    ];
    for (const [json, problem] of cases) {
      assert.throws(
        () => inventoryFromSpdx(json, 'doc.json'),
        (err: unknown) =>
          err instanceof InputError && err.subject === 'doc.json' && problem.test(err.problem),
      );
    }
  });
});
