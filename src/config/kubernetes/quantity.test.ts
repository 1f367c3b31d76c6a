import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuantity } from './quantity.js';

describe('parseQuantity (resource.Quantity)', () => {
  it('reads binary and decimal suffixes, millis and exponents as Kubernetes does', () => {
    const table: [string | number, number][] = [
      ['512Mi', 512 * 1024 * 1024],
      ['1Gi', 1024 ** 3],
      ['1.5Gi', 1.5 * 1024 ** 3],
      ['64Ki', 65536],
      ['2Ti', 2 * 1024 ** 4],
      ['1G', 1e9],
      ['128M', 128e6],
      ['100k', 100000],
      ['500m', 0.5],
      ['100m', 0.1],
      ['250m', 0.25],
      ['1.5', 1.5],
      ['2', 2],
      ['.5', 0.5],
      ['1.', 1],
      ['+3', 3],
      ['1e3', 1000],
      ['12E6', 12e6],
      ['5e-3', 0.005],
      ['100u', 0.0001],
      ['1n', 1e-9],
      [' 256Mi ', 256 * 1024 * 1024],
      [2, 2],
      [0.25, 0.25],
    ];
    for (const [written, bytes] of table)
      assert.equal(parseQuantity(written), bytes, String(written));
  });

  it('refuses what resource.Quantity refuses', () => {
    for (const bad of ['', 'lots', '1GB', '1gi', '512 Mi', 'Mi', '1.2.3', '0x10', '1e', '--1']) {
      assert.equal(parseQuantity(bad), undefined, bad);
    }
    assert.equal(parseQuantity(Number.NaN), undefined);
  });
});
