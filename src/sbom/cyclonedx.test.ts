// CycloneDX output: valid against the official 1.6 schema (as shipped in the CycloneDX library), reproducible, and
// carrying the Inventory's facts where CycloneDX readers look for them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import type { Inventory } from '../model/inventory.js';
import { emptyInventory, sampleInventory } from '../testing/sample-inventory.js';
import { renderCycloneDx } from './cyclonedx.js';

const OPTIONS = { toolVersion: '1.2.3' };
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

interface CdxProperty {
  name: string;
  value: string;
}
interface CdxComponent {
  type: string;
  name: string;
  version?: string;
  'bom-ref'?: string;
  purl?: string;
  publisher?: string;
  description?: string;
  licenses?: {
    expression?: string;
    license?: { id?: string; name?: string; properties?: CdxProperty[] };
  }[];
  properties?: CdxProperty[];
}
interface CdxBom {
  serialNumber: string;
  metadata: {
    timestamp?: string;
    tools: { components: CdxComponent[] };
    component: CdxComponent;
    properties?: CdxProperty[];
  };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

function render(inventory: Inventory, timestamp?: Date): { text: string; bom: CdxBom } {
  const text = renderCycloneDx(inventory, { ...OPTIONS, timestamp });
  return { text, bom: JSON.parse(text) as CdxBom };
}

function prop(component: CdxComponent, name: string): string[] {
  return (component.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
}

function byName(bom: CdxBom, name: string): CdxComponent {
  const found = bom.components.find((c) => c.name === name);
  assert.ok(found, `component ${name}`);
  return found;
}

describe('renderCycloneDx', () => {
  it('is valid CycloneDX 1.6 for the sample and for an empty inventory', async () => {
    for (const inventory of [sampleInventory(), emptyInventory()]) {
      const { text } = render(inventory);
      assert.equal(await validator.validate(text), null);
      assert.equal(await validator.validate(render(inventory, new Date(0)).text), null);
    }
  });

  it('is reproducible: no timestamp, and a serial number that depends on content only', () => {
    const first = render(sampleInventory());
    assert.equal(render(sampleInventory()).text, first.text);
    assert.equal(first.bom.metadata.timestamp, undefined);
    assert.match(
      first.bom.serialNumber,
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.notEqual(render(emptyInventory()).bom.serialNumber, first.bom.serialNumber);
  });

  it('writes the timestamp when one is given, and the serial number follows it', () => {
    const when = new Date('2024-05-06T07:08:09.000Z');
    const { bom } = render(sampleInventory(), when);
    assert.equal(bom.metadata.timestamp, '2024-05-06T07:08:09.000Z');
    assert.notEqual(bom.serialNumber, render(sampleInventory()).bom.serialNumber);
    assert.equal(render(sampleInventory(), when).bom.serialNumber, bom.serialNumber);
  });

  it('describes the image as the root component and names seawall as the tool', () => {
    const { bom } = render(sampleInventory());
    assert.deepEqual(bom.metadata.tools.components, [
      { type: 'application', name: 'seawall', version: '1.2.3' },
    ]);
    const root = bom.metadata.component;
    assert.equal(root.type, 'container');
    assert.equal(root.name, 'seawall-sample/debian:12');
    assert.equal(root.version, sampleInventory().target.manifestDigest);
    assert.deepEqual(prop(root, 'seawall:image:repoTag'), ['seawall-sample/debian:12']);
    assert.deepEqual(prop(root, 'seawall:target:layer:1:diffId'), [
      sampleInventory().target.layers[1]!.diffId,
    ]);
    assert.deepEqual(
      bom.metadata.properties?.map((p) => p.name),
      ['seawall:warning'],
    );
  });

  it('describes a root filesystem as a file component without a version', () => {
    const { bom } = render(emptyInventory());
    assert.equal(bom.metadata.component.type, 'file');
    assert.equal(bom.metadata.component.version, undefined);
    assert.deepEqual(bom.components, []);
    assert.deepEqual(bom.dependencies, [{ ref: 'seawall:target' }]);
  });

  it('writes the OS as an operating-system component and each package as a library keyed by its purl', () => {
    const { bom } = render(sampleInventory());
    const os = bom.components[0]!;
    assert.deepEqual(
      [os.type, os.name, os.version, os.description],
      ['operating-system', 'debian', '12', 'Debian GNU/Linux 12 (bookworm)'],
    );
    assert.equal(bom.components.length, 1 + sampleInventory().packages.length);
    for (const pkg of sampleInventory().packages) {
      const component = byName(bom, pkg.name);
      assert.equal(component.type, 'library');
      assert.equal(component['bom-ref'], pkg.purl);
      assert.equal(component.purl, pkg.purl);
    }
    const bash = byName(bom, 'bash');
    assert.equal(bash.version, '5.2.15-2+b2');
    assert.equal(bash.publisher, 'Matthias Klose <doko@debian.org>');
    assert.deepEqual(prop(bash, 'seawall:package:sourceVersion'), ['5.2.15-2']);
    assert.deepEqual(prop(bash, 'seawall:package:files'), [
      'bin/bash\netc/bash.bashrc\nusr/share/doc/bash/copyright',
    ]);
    assert.deepEqual(prop(bash, 'seawall:layer:diffId'), [
      sampleInventory().target.layers[0]!.diffId,
    ]);
    const rpm = byName(bom, 'openssl-libs');
    assert.equal(rpm.version, '1:3.1.1-4.fc39', 'the rpm epoch is shown as rpm prints it');
    assert.deepEqual(prop(rpm, 'seawall:package:epoch'), ['1']);
  });

  it('maps licences to an SPDX id, an expression, or named entries that keep DEP-5 names', () => {
    const { bom } = render(sampleInventory());
    assert.deepEqual(byName(bom, 'bash').licenses, [{ license: { id: 'GPL-3.0-or-later' } }]);
    assert.deepEqual(byName(bom, 'libgcc-s1').licenses, [
      { expression: 'GPL-3.0-or-later WITH GCC-exception-3.1' },
    ]);
    assert.deepEqual(byName(bom, 'libc6').licenses, [
      { license: { id: 'LGPL-2.1-or-later' } },
      { license: { id: 'GPL-2.0-or-later' } },
    ]);
    assert.deepEqual(byName(bom, 'ca-certificates').licenses, [
      {
        license: {
          name: 'GPL-2+',
          properties: [
            { name: 'seawall:license:expression', value: 'GPL-2.0-or-later' },
            { name: 'seawall:license:text', value: 'GPL-2+' },
          ],
        },
      },
      { license: { id: 'MPL-2.0' } },
    ]);
    assert.deepEqual(byName(bom, 'tzdata').licenses?.[0], { license: { name: 'public-domain' } });
    assert.equal(byName(bom, 'base-files').licenses, undefined);
  });

  it('draws the dependency graph: target -> OS -> every package, and package -> its dependencies', () => {
    const { bom } = render(sampleInventory());
    const graph = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    assert.deepEqual(graph.get('seawall:target'), ['seawall:os']);
    assert.deepEqual(
      graph.get('seawall:os'),
      sampleInventory().packages.map((p) => p.purl),
    );
    for (const pkg of sampleInventory().packages) {
      assert.deepEqual(graph.get(pkg.purl), pkg.dependsOn, pkg.name);
    }
  });

  it('hangs packages straight off the target when no OS was recognised', () => {
    const inventory = sampleInventory();
    delete inventory.os;
    const { bom } = render(inventory);
    const root = bom.dependencies.find((d) => d.ref === 'seawall:target');
    assert.deepEqual(
      root?.dependsOn,
      inventory.packages.map((p) => p.purl),
    );
  });

  it('keeps bom-refs unique when two packages share a purl', async () => {
    const inventory = sampleInventory();
    const copy = structuredClone(inventory.packages[1]!);
    copy.location = 'var/lib/dpkg/status.d/base-files';
    inventory.packages.push(copy);
    const { text, bom } = render(inventory);
    const refs = bom.components.map((c) => c['bom-ref']);
    assert.equal(new Set(refs).size, refs.length);
    assert.ok(refs.includes(`${copy.purl}#2`));
    assert.equal(await validator.validate(text), null);
  });
});
