// Every format on a real image: the debootstrap test image (two layers, about 90 dpkg packages with their file
// lists and DEP-5 licences) renders to schema-valid CycloneDX and SPDX, and its CycloneDX reads back losslessly.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import type { Inventory } from '../model/inventory.js';
import { buildInventory } from '../scan/build-inventory.js';
import { fixturePath } from '../testing/fixtures.js';
import { testImages } from '../testing/images.js';
import { inventoryFromCycloneDx } from './cyclonedx-reader.js';
import { renderInventory } from './index.js';

const OPTIONS = { toolVersion: '0.0.0-test' };

describe('SBOMs of the real test image', () => {
  let inventory: Inventory;
  before(async () => {
    inventory = await buildInventory(`oci:${testImages().oci}:purged`, { noCache: true });
  });

  it('found the packages to render', () => {
    assert.ok(inventory.packages.length > 50, `${inventory.packages.length} packages`);
    assert.ok(inventory.packages.some((p) => p.files.length > 0 && p.licenses.length > 0));
  });

  it('renders valid CycloneDX 1.6 that reads back into the same inventory', async () => {
    const text = await renderInventory(inventory, 'cyclonedx', OPTIONS);
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    assert.equal(await validator.validate(text), null);
    const seawallJson = await renderInventory(inventory, 'json', OPTIONS);
    assert.deepEqual(inventoryFromCycloneDx(JSON.parse(text)), JSON.parse(seawallJson));
  });

  it('renders valid SPDX 2.3 naming every package once', async () => {
    const doc = JSON.parse(await renderInventory(inventory, 'spdx', OPTIONS)) as {
      packages: { name: string }[];
    };
    const schema = JSON.parse(readFileSync(fixturePath('sbom', 'spdx-schema-2.3.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema as object);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.equal(doc.packages.length, inventory.packages.length + (inventory.os ? 2 : 1));
  });

  it('renders a table row per package', async () => {
    const lines = (await renderInventory(inventory, 'table', OPTIONS)).split('\n');
    const header = lines.findIndex((line) => line.startsWith('NAME '));
    const rows = lines.slice(header + 1, lines.indexOf('', header));
    assert.deepEqual(
      rows.map((row) => row.split(' ')[0]),
      inventory.packages.map((p) => p.name),
    );
  });
});
