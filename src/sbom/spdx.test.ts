// SPDX output: valid against the official SPDX 2.3 JSON schema (test/fixtures/sbom/spdx-schema-2.3.json), reproducible,
// with ids, licences and relationships as SPDX tools expect them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { isSpdxExpression } from '../license/spdx.js';
import type { Inventory } from '../model/inventory.js';
import { fixturePath } from '../testing/fixtures.js';
import { emptyInventory, sampleInventory } from '../testing/sample-inventory.js';
import { SPDX_EPOCH_CREATED, renderSpdx } from './spdx.js';

interface Annotation {
  annotationDate: string;
  annotationType: string;
  annotator: string;
  comment: string;
}

interface SpdxDocument {
  annotations?: Annotation[];
  SPDXID: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: {
    SPDXID: string;
    name: string;
    versionInfo?: string;
    licenseDeclared: string;
    primaryPackagePurpose: string;
    sourceInfo?: string;
    annotations?: Annotation[];
    externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
  }[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  hasExtractedLicensingInfos?: { licenseId: string; name: string; extractedText: string }[];
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(fixturePath('sbom', 'spdx-schema-2.3.json'), 'utf8')) as object,
);

function render(inventory: Inventory, timestamp?: Date): { text: string; doc: SpdxDocument } {
  const text = renderSpdx(inventory, { toolVersion: '1.2.3', timestamp });
  return { text, doc: JSON.parse(text) as SpdxDocument };
}

function assertValid(doc: SpdxDocument): void {
  assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
}

function packageNamed(doc: SpdxDocument, name: string): SpdxDocument['packages'][number] {
  const found = doc.packages.find((p) => p.name === name);
  assert.ok(found, `package ${name}`);
  return found;
}

describe('renderSpdx', () => {
  it('is valid SPDX 2.3 for the sample and for an empty inventory', () => {
    for (const inventory of [sampleInventory(), emptyInventory()]) {
      assertValid(render(inventory).doc);
      assertValid(render(inventory, new Date()).doc);
    }
  });

  it('is reproducible: the epoch as creation time and a namespace derived from the content', () => {
    const { text, doc } = render(sampleInventory());
    assert.equal(render(sampleInventory()).text, text);
    assert.equal(doc.creationInfo.created, SPDX_EPOCH_CREATED);
    assert.deepEqual(doc.creationInfo.creators, ['Tool: seawall-1.2.3']);
    assert.match(
      doc.documentNamespace,
      /^https:\/\/spdx\.org\/spdxdocs\/seawall-seawall-sample-debian-12-[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.notEqual(render(emptyInventory()).doc.documentNamespace, doc.documentNamespace);
  });

  it('writes the timestamp, to the second in UTC, when one is given', () => {
    const { doc } = render(sampleInventory(), new Date('2024-05-06T07:08:09.250Z'));
    assert.equal(doc.creationInfo.created, '2024-05-06T07:08:09Z');
    assert.notEqual(doc.documentNamespace, render(sampleInventory()).doc.documentNamespace);
  });

  it('has one package each for the image, the OS and every inventory package, with safe unique ids', () => {
    const { doc } = render(sampleInventory());
    assert.equal(doc.packages.length, 2 + sampleInventory().packages.length);
    const ids = doc.packages.map((p) => p.SPDXID);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^SPDXRef-[A-Za-z0-9.-]+$/);
    const [image, os] = doc.packages;
    assert.deepEqual(
      [image!.SPDXID, image!.primaryPackagePurpose, image!.versionInfo],
      ['SPDXRef-Target', 'CONTAINER', sampleInventory().target.manifestDigest],
    );
    assert.deepEqual(
      [os!.SPDXID, os!.name, os!.versionInfo, os!.primaryPackagePurpose],
      ['SPDXRef-OperatingSystem', 'debian', '12', 'OPERATING_SYSTEM'],
    );
    const libstdcxx = packageNamed(doc, 'libstdc++6');
    assert.equal(libstdcxx.SPDXID, 'SPDXRef-Package-deb-libstdc--6-12.2.0-14-amd64');
    assert.deepEqual(libstdcxx.externalRefs, [
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: 'pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64&distro=debian-12',
      },
    ]);
    assert.equal(
      packageNamed(doc, 'libc6').sourceInfo,
      'built from source package glibc 2.36-9+deb12u4',
    );
    assert.equal(packageNamed(doc, 'openssl-libs').versionInfo, '1:3.1.1-4.fc39');
  });

  it('records what SPDX has no field for as seawall: annotations, dated and signed by the tool', () => {
    const { doc } = render(sampleInventory(), new Date('2024-05-06T07:08:09Z'));
    const comments = (annotations: Annotation[] | undefined) =>
      (annotations ?? []).map((a) => a.comment);
    const all = [...(doc.annotations ?? []), ...doc.packages.flatMap((p) => p.annotations ?? [])];
    for (const annotation of all) {
      assert.deepEqual(
        [annotation.annotationDate, annotation.annotationType, annotation.annotator],
        ['2024-05-06T07:08:09Z', 'OTHER', 'Tool: seawall-1.2.3'],
      );
      assert.match(annotation.comment, /^seawall:[^=]+=/);
    }
    assert.deepEqual(comments(packageNamed(doc, 'libc6').annotations), [
      'seawall:package:type=deb',
      'seawall:package:arch=amd64',
      'seawall:package:sourceName=glibc',
      'seawall:package:sourceVersion=2.36-9+deb12u4',
      'seawall:package:layer=0',
      'seawall:foundBy=dpkg',
      'seawall:location=var/lib/dpkg/status',
    ]);
    assert.ok(
      comments(packageNamed(doc, 'openssl-libs').annotations).includes('seawall:package:epoch=1'),
    );
    assert.deepEqual(comments(packageNamed(doc, 'debian').annotations), [
      'seawall:os:codename=bookworm',
      'seawall:os:source=etc/os-release',
    ]);
    const target = comments(packageNamed(doc, 'seawall-sample/debian:12').annotations);
    assert.ok(target.includes('seawall:target:kind=image'));
    assert.ok(target.includes('seawall:image:repoTag=seawall-sample/debian:12'));
    assert.ok(target.includes('seawall:target:layer:1:size=1538117'));
    assert.equal(comments(doc.annotations).length, sampleInventory().warnings.length);
    // The human-readable fields stay.
    assert.equal(
      packageNamed(doc, 'libc6').sourceInfo,
      'built from source package glibc 2.36-9+deb12u4',
    );
  });

  it('numbers ids that collide once unsafe characters are replaced', () => {
    const inventory = sampleInventory();
    const plus = inventory.packages.find((p) => p.name === 'libstdc++6')!;
    inventory.packages.push({
      ...structuredClone(plus),
      name: 'libstdc--6',
      purl: `${plus.purl}-twin`,
    });
    const { doc } = render(inventory);
    assertValid(doc);
    const ids = doc.packages.filter((p) => p.name.startsWith('libstdc')).map((p) => p.SPDXID);
    assert.deepEqual(ids.sort(), [
      'SPDXRef-Package-deb-libstdc--6-12.2.0-14-amd64',
      'SPDXRef-Package-deb-libstdc--6-12.2.0-14-amd64-2',
    ]);
  });

  it('declares licences as SPDX expressions, text-only ones as declared LicenseRefs', () => {
    const { doc } = render(sampleInventory());
    assert.equal(packageNamed(doc, 'bash').licenseDeclared, 'GPL-3.0-or-later');
    assert.equal(packageNamed(doc, 'base-files').licenseDeclared, 'NOASSERTION');
    assert.equal(
      packageNamed(doc, 'libc6').licenseDeclared,
      'LGPL-2.1-or-later AND GPL-2.0-or-later',
    );
    assert.equal(
      packageNamed(doc, 'tzdata').licenseDeclared,
      'LicenseRef-public-domain AND BSD-3-Clause',
    );
    assert.deepEqual(doc.hasExtractedLicensingInfos, [
      {
        licenseId: 'LicenseRef-public-domain',
        name: 'public-domain',
        extractedText: 'public-domain',
      },
    ]);
    for (const pkg of doc.packages) {
      if (pkg.licenseDeclared !== 'NOASSERTION')
        assert.ok(isSpdxExpression(pkg.licenseDeclared), pkg.name);
    }
  });

  it('parenthesises compound expressions when joining several', () => {
    const inventory = sampleInventory();
    inventory.packages[0]!.licenses = [
      { expression: 'MIT OR Apache-2.0' },
      { text: 'Some Licence, v1' },
    ];
    const { doc } = render(inventory);
    assert.equal(
      packageNamed(doc, 'musl').licenseDeclared,
      '(MIT OR Apache-2.0) AND LicenseRef-Some-Licence--v1',
    );
    assertValid(doc);
  });

  it('relates document, image, OS and packages, and packages to their dependencies', () => {
    const { doc } = render(sampleInventory());
    const idOf = new Map(doc.packages.map((p) => [p.name, p.SPDXID]));
    const has = (from: string, type: string, to: string) =>
      doc.relationships.some(
        (r) =>
          r.spdxElementId === from && r.relationshipType === type && r.relatedSpdxElement === to,
      );
    assert.ok(has('SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-Target'));
    assert.ok(has('SPDXRef-Target', 'CONTAINS', 'SPDXRef-OperatingSystem'));
    for (const pkg of sampleInventory().packages) {
      assert.ok(has('SPDXRef-OperatingSystem', 'CONTAINS', idOf.get(pkg.name)!), pkg.name);
    }
    assert.ok(has(idOf.get('bash')!, 'DEPENDS_ON', idOf.get('libc6')!));
    assert.ok(has(idOf.get('libc6')!, 'DEPENDS_ON', idOf.get('libgcc-s1')!));
    const dependsOn = doc.relationships.filter((r) => r.relationshipType === 'DEPENDS_ON');
    const expected = sampleInventory().packages.reduce((n, p) => n + p.dependsOn.length, 0);
    assert.equal(dependsOn.length, expected);
  });

  it('describes an empty root filesystem as a FILE package with nothing in it', () => {
    const { doc } = render(emptyInventory());
    assert.deepEqual(
      doc.packages.map((p) => [p.SPDXID, p.primaryPackagePurpose]),
      [['SPDXRef-Target', 'FILE']],
    );
    assert.deepEqual(doc.relationships, [
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-Target',
      },
    ]);
    assert.equal(doc.hasExtractedLicensingInfos, undefined);
  });
});
