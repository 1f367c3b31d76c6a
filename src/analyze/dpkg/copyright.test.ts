import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { dep5ToSpdx, licensesFromCopyright } from './copyright.js';

const copyright = (pkg: string) =>
  readFileSync(fixturePath('dpkg', 'debian12', 'usr', 'share', 'doc', pkg, 'copyright'), 'utf8');

describe('dep5ToSpdx', () => {
  const table: [string, string | undefined][] = [
    ['GPL-2+', 'GPL-2.0-or-later'],
    ['GPL-2', 'GPL-2.0-only'],
    ['GPL-2.0+', 'GPL-2.0-or-later'],
    ['LGPL-2.1+', 'LGPL-2.1-or-later'],
    ['LGPL-2', 'LGPL-2.0-only'],
    ['GPL-1+ or Artistic', 'GPL-1.0-or-later OR Artistic-1.0'],
    ['Expat', 'MIT'],
    ['BSD-3-clause', 'BSD-3-Clause'],
    ['Apache-2.0', 'Apache-2.0'],
    ['Apache-2', 'Apache-2.0'],
    ['zlib', 'Zlib'],
    ['CC0', 'CC0-1.0'],
    ['GFDL-NIV-1.3+', 'GFDL-1.3-no-invariants-or-later'],
    ['GPL-2.0-or-later', 'GPL-2.0-or-later'],
    ['BSL-1.0 and MIT', 'BSL-1.0 AND MIT'],
    ['LGPL-3+ or GPL-2+', 'LGPL-3.0-or-later OR GPL-2.0-or-later'],
    ['GPL-2+ and LGPL-2.1+ or MIT', '(GPL-2.0-or-later AND LGPL-2.1-or-later) OR MIT'],
    ['GPL-2+ or BSD-3-clause, and MIT', '(GPL-2.0-or-later OR BSD-3-Clause) AND MIT'],
    ['GPL-2+ with Autoconf exception', 'GPL-2.0-or-later WITH Autoconf-exception-2.0'],
    ['GPL-3+ with Autoconf exception', 'GPL-3.0-or-later WITH Autoconf-exception-3.0'],
    ['GPL-3+ with Bison exception', 'GPL-3.0-or-later WITH Bison-exception-2.2'],
    ['GPL-2 with Linux-syscall-note exception', 'GPL-2.0-only WITH Linux-syscall-note'],
    ['Apache-2.0 with LLVM exception', 'Apache-2.0 WITH LLVM-exception'],
    ['GPL-2+ with Libtool exception', 'GPL-2.0-or-later WITH Libtool-exception'],
    // No certain SPDX equivalent: left to the caller to keep as text.
    ['public-domain', undefined],
    ['GPL', undefined],
    ['permissive', undefined],
    ['GPL-2+ with OpenSSL exception', undefined],
    ['GPL-2+ with Bison exception', undefined],
    ['BSD-3-clause or GPL', undefined],
    ['MIT/X11', undefined],
  ];
  for (const [dep5, spdx] of table) {
    it(`${dep5} -> ${spdx ?? '(none)'}`, () => assert.equal(dep5ToSpdx(dep5), spdx));
  }
});

describe('licensesFromCopyright on real Debian 12 files', () => {
  it('libcap2 (DEP-5): one expression per distinct Files licence', () => {
    assert.deepEqual(licensesFromCopyright(copyright('libcap2')), [
      { expression: 'BSD-3-Clause OR GPL-2.0-only' },
      { expression: 'BSD-3-Clause OR GPL-2.0-or-later' },
    ]);
  });

  it('zlib1g (DEP-5 with the old http Format URL)', () => {
    assert.deepEqual(licensesFromCopyright(copyright('zlib1g')), [{ expression: 'Zlib' }]);
  });

  it('base-passwd (DEP-5): unmappable names stay text', () => {
    assert.deepEqual(licensesFromCopyright(copyright('base-passwd')), [
      { expression: 'GPL-2.0-only' },
      { text: 'public-domain' },
    ]);
  });

  it('libc6 (not DEP-5): GNU common-licenses references are reported as text, never guessed as -only/-or-later', () => {
    assert.deepEqual(licensesFromCopyright(copyright('libc6')), [
      { text: 'GPL-2' },
      { text: 'LGPL-2.1' },
    ]);
  });

  it('gcc-12-base (not DEP-5): Artistic maps, trailing full stops are trimmed', () => {
    assert.deepEqual(licensesFromCopyright(copyright('gcc-12-base')), [
      { expression: 'Artistic-1.0' },
      { text: 'GFDL-1.2' },
      { text: 'GPL' },
      { text: 'GPL-2' },
      { text: 'GPL-3' },
      { text: 'LGPL' },
    ]);
  });

  it('libcrypt1 (not DEP-5, no licence file named): nothing', () => {
    assert.deepEqual(licensesFromCopyright(copyright('libcrypt1')), []);
  });

  it('a plain reference to Apache-2.0 or BSD in a free-form file', () => {
    const text =
      'On Debian systems see /usr/share/common-licenses/Apache-2.0 and /usr/share/common-licenses/BSD.\n';
    assert.deepEqual(licensesFromCopyright(text), [
      { expression: 'Apache-2.0' },
      { expression: 'BSD-3-Clause' },
    ]);
  });
});
