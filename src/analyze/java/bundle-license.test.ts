import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundleLicenses } from './bundle-license.js';

describe('bundleLicenses', () => {
  it('an SPDX identifier with OSGi parameters', () => {
    assert.deepEqual(
      bundleLicenses('Apache-2.0;link="https://www.apache.org/licenses/LICENSE-2.0.txt"'),
      [{ expression: 'Apache-2.0' }],
    );
  });

  it('well-known licence URLs map to their identifier, others stay text', () => {
    assert.deepEqual(bundleLicenses('http://www.apache.org/licenses/LICENSE-2.0.txt'), [
      { expression: 'Apache-2.0' },
    ]);
    assert.deepEqual(bundleLicenses('https://opensource.org/licenses/MIT/'), [
      { expression: 'MIT' },
    ]);
    assert.deepEqual(bundleLicenses('https://example.com/our-licence.html'), [
      { text: 'https://example.com/our-licence.html' },
    ]);
  });

  it('several clauses, a comma inside a quoted description, and the EXTERNAL marker', () => {
    assert.deepEqual(
      bundleLicenses(
        'EPL-2.0;description="Eclipse, v2", GPL-2.0-only WITH Classpath-exception-2.0, <<EXTERNAL>>',
      ),
      [{ expression: 'EPL-2.0' }, { expression: 'GPL-2.0-only WITH Classpath-exception-2.0' }],
    );
    assert.deepEqual(bundleLicenses(undefined), []);
  });
});
