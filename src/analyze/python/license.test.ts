import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pythonLicenses } from './license.js';

describe('pythonLicenses', () => {
  it('prefers a PEP 639 License-Expression, then an SPDX License field', () => {
    assert.deepEqual(
      pythonLicenses({ licenseExpression: 'MIT', license: 'BSD', classifiers: [] }),
      [{ expression: 'MIT' }],
    );
    assert.deepEqual(
      pythonLicenses({
        license: 'LGPL-2.1-only OR MPL-1.1',
        classifiers: ['License :: OSI Approved :: MIT License'],
      }),
      [{ expression: 'LGPL-2.1-only OR MPL-1.1' }],
    );
  });

  it('maps certain classifiers to SPDX before a free-text License field (chardet: "LGPL")', () => {
    assert.deepEqual(
      pythonLicenses({
        license: 'LGPL',
        classifiers: [
          'License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)',
          'Programming Language :: Python',
        ],
      }),
      [{ expression: 'LGPL-2.0-or-later' }],
    );
  });

  it('keeps free text when classifiers are vague (requests: "Apache 2.0", "Apache Software License")', () => {
    assert.deepEqual(
      pythonLicenses({
        license: 'Apache 2.0',
        classifiers: ['License :: OSI Approved :: Apache Software License'],
      }),
      [{ text: 'Apache 2.0' }],
    );
  });

  it('falls back to the vague classifier names, and ignores UNKNOWN and pasted licence texts', () => {
    assert.deepEqual(
      pythonLicenses({
        license: 'Copyright (c) 2005-2023, NumPy Developers.\nAll rights reserved.',
        classifiers: ['License :: OSI Approved :: BSD License', 'License :: OSI Approved'],
      }),
      [{ text: 'BSD License' }],
    );
    assert.deepEqual(pythonLicenses({ license: 'UNKNOWN', classifiers: [] }), []);
  });

  it('keeps an invalid License-Expression as text', () => {
    assert.deepEqual(pythonLicenses({ licenseExpression: 'MIT OR', classifiers: [] }), [
      { text: 'MIT OR' },
    ]);
  });
});
