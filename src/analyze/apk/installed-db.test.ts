import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apkLicense } from './license.js';
import { parseApkInstalled } from './installed-db.js';

function parse(text: string) {
  const warnings: string[] = [];
  return { records: parseApkInstalled(text, (m) => warnings.push(m)), warnings };
}

describe('parseApkInstalled', () => {
  it('reads fields, drops version constraints and conflicts, joins F: and R: into files', () => {
    const { records, warnings } = parse(
      [
        'C:Q1abc=',
        'P:musl-utils',
        'V:1.2.4-r2',
        'A:x86_64',
        'L:MIT AND BSD-2-Clause AND GPL-2.0-or-later',
        'o:musl',
        'D:!uclibc-utils scanelf musl=1.2.4-r2 so:libc.musl-x86_64.so.1',
        'p:cmd:getconf=1.2.4-r2 cmd:ldd=1.2.4-r2 pc:musl>=1',
        'F:sbin',
        'R:ldconfig',
        'a:0:0:755',
        'F:usr/bin',
        'R:getconf',
        'R:ldd',
        '',
      ].join('\n'),
    );
    assert.deepEqual(warnings, []);
    assert.deepEqual(records, [
      {
        name: 'musl-utils',
        version: '1.2.4-r2',
        arch: 'x86_64',
        license: 'MIT AND BSD-2-Clause AND GPL-2.0-or-later',
        origin: 'musl',
        depends: ['scanelf', 'musl', 'so:libc.musl-x86_64.so.1'],
        provides: ['cmd:getconf', 'cmd:ldd', 'pc:musl'],
        files: ['sbin/ldconfig', 'usr/bin/getconf', 'usr/bin/ldd'],
      },
    ]);
  });

  it('skips a record without a version (as in Trivy test data) and one with a garbage line, with warnings', () => {
    const { records, warnings } = parse(
      'P:ok\nV:1-r0\n\nP:invalidPackageWithoutAVersion\n\nP:bad\nV:1-r0\n??\n\n\nP:ok2\nV:2-r0\n',
    );
    assert.deepEqual(
      records.map((r) => r.name),
      ['ok', 'ok2'],
    );
    assert.deepEqual(warnings, [
      'record at line 4 (invalidPackageWithoutAVersion): no V: (version) line; skipped',
      'record at line 6: line 8: not a "X:value" line; skipped',
    ]);
  });
});

describe('apkLicense', () => {
  it('keeps valid SPDX, converts old Alpine names when all map, else keeps the text', () => {
    assert.deepEqual(apkLicense('GPL-2.0-only'), { expression: 'GPL-2.0-only' });
    assert.deepEqual(apkLicense('GPL2+'), { expression: 'GPL-2.0-or-later', text: 'GPL2+' });
    assert.deepEqual(apkLicense('GPL2'), { expression: 'GPL-2.0-only', text: 'GPL2' });
    assert.deepEqual(apkLicense('MIT GPL2+'), {
      expression: 'MIT AND GPL-2.0-or-later',
      text: 'MIT GPL2+',
    });
    assert.deepEqual(apkLicense('zlib'), { expression: 'Zlib', text: 'zlib' });
    assert.deepEqual(apkLicense('MIT BSD GPL2+'), { text: 'MIT BSD GPL2+' });
    assert.deepEqual(apkLicense('custom'), { text: 'custom' });
    assert.deepEqual(apkLicense('BSD-3-Clause AND Public Domain'), {
      text: 'BSD-3-Clause AND Public Domain',
    });
  });
});
