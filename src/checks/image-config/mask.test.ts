import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskSecret, maskUrlSecrets } from './mask.js';

describe('maskSecret', () => {
  it('keeps more of longer values, never the middle', () => {
    assert.equal(maskSecret('abc'), '***');
    assert.equal(maskSecret('hunter2'), 'h*****2');
    assert.equal(maskSecret('Tr0ub4dor&3'), 'Tr*******&3');
    assert.equal(
      maskSecret('sk_live_4eC39HqLyjWDarjtT1zdp7dc'),
      'sk_l************************p7dc',
    );
  });
  it('keeps the length', () => {
    for (const v of ['', 'a', 'abcd', 'abcdefgh', 'x'.repeat(40)])
      assert.equal(maskSecret(v).length, v.length);
  });
});

describe('maskUrlSecrets', () => {
  it('masks a password and query values, and leaves a plain URL alone', () => {
    assert.equal(
      maskUrlSecrets('https://deploy:hunter22@example.com/a.tgz?token=abcdef123456&v=1'),
      'https://deploy:hu****22@example.com/a.tgz?token=ab********56&v=*',
    );
    assert.equal(maskUrlSecrets('https://example.com/a.tgz'), 'https://example.com/a.tgz');
  });
});
