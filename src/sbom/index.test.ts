// renderInventory: each format through the one entry point, with the CycloneDX library loaded only when asked for
// (it is sizeable, and most runs print a table or JSON).

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { sampleInventory } from '../testing/sample-inventory.js';
import { SBOM_FORMATS, renderInventory } from './index.js';

const require = createRequire(import.meta.url);
const cycloneDxLoaded = () =>
  Object.keys(require.cache).some((path) => path.includes('@cyclonedx/cyclonedx-library'));

describe('renderInventory', () => {
  it('loads the CycloneDX library only for the cyclonedx format', async () => {
    for (const format of SBOM_FORMATS.filter((f) => f !== 'cyclonedx')) {
      await renderInventory(sampleInventory(), format, { toolVersion: '1' });
    }
    assert.equal(cycloneDxLoaded(), false);
    const text = await renderInventory(sampleInventory(), 'cyclonedx', { toolVersion: '1' });
    assert.equal(cycloneDxLoaded(), true);
    assert.equal((JSON.parse(text) as { bomFormat: string }).bomFormat, 'CycloneDX');
  });

  it('gives each format its own output', async () => {
    const outputs = await Promise.all(
      SBOM_FORMATS.map((format) =>
        renderInventory(sampleInventory(), format, { toolVersion: '1' }),
      ),
    );
    assert.equal(new Set(outputs).size, SBOM_FORMATS.length);
    assert.match(outputs[SBOM_FORMATS.indexOf('spdx')]!, /"spdxVersion": "SPDX-2.3"/);
    assert.match(outputs[SBOM_FORMATS.indexOf('table')]!, /^Target: /);
  });
});
