// Golden files: every format of the sample and empty inventories, byte for byte, through renderInventory.
// Regenerate after an intended change with:
//   npx tsc -p . && UPDATE_GOLDENS=1 node --test dist/sbom/goldens.test.js
// and review the diff of test/fixtures/sbom/golden/ before committing it.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import type { Inventory } from '../model/inventory.js';
import { fixturePath } from '../testing/fixtures.js';
import { emptyInventory, sampleInventory } from '../testing/sample-inventory.js';
import { renderInventory, type SbomFormat } from './index.js';

const EXTENSIONS: Record<SbomFormat, string> = {
  cyclonedx: 'cdx.json',
  spdx: 'spdx.json',
  json: 'seawall.json',
  table: 'table.txt',
};
/** A fixed tool version, so that goldens do not change with every release. */
const OPTIONS = { toolVersion: '0.0.0-golden' };
const INVENTORIES: [string, () => Inventory][] = [
  ['sample', sampleInventory],
  ['empty', emptyInventory],
];

describe('golden SBOMs', () => {
  for (const [name, inventory] of INVENTORIES) {
    for (const format of Object.keys(EXTENSIONS) as SbomFormat[]) {
      it(`${name} as ${format}`, async () => {
        const file = fixturePath('sbom', 'golden', `${name}.${EXTENSIONS[format]}`);
        const text = await renderInventory(inventory(), format, OPTIONS);
        if (process.env.UPDATE_GOLDENS) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
        assert.equal(text, readFileSync(file, 'utf8'), `${file} differs; see the top of this test`);
      });
    }
  }
});
