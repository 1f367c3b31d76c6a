import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composerLicenses } from './composer-license.js';

describe('composerLicenses', () => {
  it('a list is a choice between its licences (Composer schema: disjunctive)', () => {
    assert.deepEqual(composerLicenses(['LGPL-2.1-only', 'GPL-3.0-or-later']), [
      { expression: 'LGPL-2.1-only OR GPL-3.0-or-later' },
    ]);
    assert.deepEqual(composerLicenses(['MIT', 'Apache-2.0 AND BSD-3-Clause']), [
      { expression: 'MIT OR (Apache-2.0 AND BSD-3-Clause)' },
    ]);
  });

  it("Composer's lower-case operators become SPDX ones", () => {
    assert.deepEqual(composerLicenses(['(LGPL-2.1-only or GPL-3.0-or-later)']), [
      { expression: '(LGPL-2.1-only OR GPL-3.0-or-later)' },
    ]);
  });

  it('names SPDX does not know stay text, each on its own', () => {
    assert.deepEqual(composerLicenses(['proprietary']), [{ text: 'proprietary' }]);
    assert.deepEqual(composerLicenses(['MIT', 'proprietary']), [
      { expression: 'MIT' },
      { text: 'proprietary' },
    ]);
    assert.deepEqual(composerLicenses([]), []);
  });
});
