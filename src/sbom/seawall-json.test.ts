// Seawall JSON: the Inventory itself, reproducible (sorted keys and lists), and parsing back to an equal Inventory.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyInventory, sampleInventory } from '../testing/sample-inventory.js';
import { renderSeawallJson } from './seawall-json.js';

function keysSortedEverywhere(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSortedEverywhere);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  const sorted = [...keys].sort();
  return (
    keys.every((key, i) => key === sorted[i]) && Object.values(value).every(keysSortedEverywhere)
  );
}

describe('renderSeawallJson', () => {
  it('parses back to the inventory it was rendered from', () => {
    assert.deepEqual(JSON.parse(renderSeawallJson(sampleInventory())), sampleInventory());
    assert.deepEqual(JSON.parse(renderSeawallJson(emptyInventory())), emptyInventory());
  });

  it('writes every object with sorted keys, indented, ending in a newline', () => {
    const text = renderSeawallJson(sampleInventory());
    assert.ok(keysSortedEverywhere(JSON.parse(text)));
    assert.ok(text.startsWith('{\n  "os": {\n'));
    assert.ok(text.endsWith('}\n'));
  });

  it('gives the same text whatever order the packages, files and warnings came in', () => {
    const shuffled = sampleInventory();
    shuffled.packages.reverse();
    for (const pkg of shuffled.packages) pkg.files.reverse();
    shuffled.warnings.unshift('a warning that sorts first');
    const expected = sampleInventory();
    expected.warnings.unshift('a warning that sorts first');
    assert.equal(renderSeawallJson(shuffled), renderSeawallJson(expected));
  });

  it('keeps the order of lists whose order means something: env, cmd and licences', () => {
    const inventory = sampleInventory();
    inventory.target.config!.env = ['Z=1', 'A=2'];
    inventory.packages[0]!.licenses = [{ expression: 'MIT' }, { expression: 'Apache-2.0' }];
    const parsed = JSON.parse(renderSeawallJson(inventory)) as typeof inventory;
    assert.deepEqual(parsed.target.config!.env, ['Z=1', 'A=2']);
    assert.deepEqual(parsed.packages[0]!.licenses, inventory.packages[0]!.licenses);
  });

  it('drops keys whose value is undefined, as a scan may leave them', () => {
    const inventory = { ...emptyInventory(), os: undefined };
    assert.ok(!renderSeawallJson(inventory).includes('"os"'));
  });
});
