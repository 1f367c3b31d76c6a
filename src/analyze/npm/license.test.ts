import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { npmLicenses } from './license.js';

describe('npmLicenses', () => {
  it('an SPDX expression string', () => {
    assert.deepEqual(npmLicenses('(MIT OR Apache-2.0)'), [{ expression: '(MIT OR Apache-2.0)' }]);
  });
  it('prose and UNLICENSED stay text', () => {
    assert.deepEqual(npmLicenses('SEE LICENSE IN LICENSE.md'), [
      { text: 'SEE LICENSE IN LICENSE.md' },
    ]);
    assert.deepEqual(npmLicenses('UNLICENSED'), [{ text: 'UNLICENSED' }]);
  });
  it('the old object and array forms (busboy, utils-merge)', () => {
    assert.deepEqual(npmLicenses({ type: 'MIT', url: 'http://x/LICENSE' }), [
      { expression: 'MIT' },
    ]);
    assert.deepEqual(
      npmLicenses(undefined, [{ type: 'MIT', url: 'http://x' }, { type: 'Apache-2.0' }, 'MIT']),
      [{ expression: 'MIT' }, { expression: 'Apache-2.0' }],
    );
  });
  it('nothing usable gives no licence', () => {
    assert.deepEqual(npmLicenses(null, []), []);
    assert.deepEqual(npmLicenses({ url: 'x' }), []);
    assert.deepEqual(npmLicenses('  '), []);
  });
});
