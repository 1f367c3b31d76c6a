import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInstalledFiles, parseRecord } from './installed-files.js';

const site = 'opt/venv/lib/python3.11/site-packages';

describe('parseRecord', () => {
  it('resolves paths against the site directory, with .. and absolute paths', () => {
    const record = [
      '../../../bin/normalizer,sha256=8DxeZQhZNXPleb0RZ2akLI2vrK5L9GPx404PcRZEeG4,240',
      'charset_normalizer/__init__.py,sha256=abc,100',
      'charset_normalizer-3.5.2.dist-info/RECORD,,',
      '/usr/share/man/man1/tool.1,,',
      '"odd,name.py",sha256=x,1',
      '"say ""hi"".py",,',
      '',
    ].join('\r\n');
    assert.deepEqual(parseRecord(record, site), [
      'opt/venv/bin/normalizer',
      `${site}/charset_normalizer-3.5.2.dist-info/RECORD`,
      `${site}/charset_normalizer/__init__.py`,
      `${site}/odd,name.py`,
      `${site}/say "hi".py`,
      'usr/share/man/man1/tool.1',
    ]);
  });

  it('drops paths that climb out of the root and counts duplicates once', () => {
    assert.deepEqual(parseRecord('../../../../../../../etc/passwd,,\na.py,,\na.py,,\n', 'x/y'), [
      'x/y/a.py',
    ]);
  });
});

describe('parseInstalledFiles', () => {
  it('resolves paths against the .egg-info directory', () => {
    assert.deepEqual(
      parseInstalledFiles(
        '../foo/__init__.py\nPKG-INFO\n\n../../../../bin/foo\n',
        'usr/lib/python3/dist-packages/foo-1.egg-info',
      ),
      [
        'usr/bin/foo',
        'usr/lib/python3/dist-packages/foo-1.egg-info/PKG-INFO',
        'usr/lib/python3/dist-packages/foo/__init__.py',
      ],
    );
  });
});
