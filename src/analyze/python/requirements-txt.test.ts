import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parseRequirementsTxt } from './requirements-txt.js';

const srv = fixturePath('python', 'apps', 'srv');

describe('parseRequirementsTxt', () => {
  it('reads pip-compile output with hashes, continuation lines and markers (pyca/cryptography)', () => {
    const entries = parseRequirementsTxt(readFileSync(`${srv}/build/requirements.txt`));
    assert.deepEqual(entries, [
      { name: 'cffi', version: '1.17.0', marker: 'platform_python_implementation != "PyPy"' },
      { name: 'maturin', version: '1.7.0' },
      { name: 'pycparser', version: '2.22' },
      { name: 'tomli', version: '2.0.1' },
      { name: 'setuptools', version: '72.1.0' },
    ]);
  });

  it('reads pins followed by inline comments (pallets/flask requirements/dev.txt)', () => {
    const entries = parseRequirementsTxt(readFileSync(`${srv}/flask/requirements/dev.txt`));
    assert.equal(entries.length, 49);
    assert.deepEqual(entries[0], { name: 'alabaster', version: '0.7.12' });
    assert.deepEqual(
      entries.find((e) => e.name === 'sphinxcontrib-serializinghtml'),
      { name: 'sphinxcontrib-serializinghtml', version: '1.1.4' },
    );
  });

  it('counts only exact pins; skips options (-r, -c, -e), URLs, editables and ranges', () => {
    const text = [
      '--index-url https://example.org/simple',
      '-r requirements-base.txt',
      '--requirement=other.txt',
      '-c constraints.txt',
      '-e git+https://github.com/x/y.git#egg=y',
      'Django>=4.2,<5',
      'requests[socks]==2.31.0 ; python_version >= "3.8"  # pinned',
      'Flask_Login === 0.6.3',
      'numpy==1.26.*',
      'pkg @ https://example.org/pkg-1.0.tar.gz',
      'version-from-env==${VERSION}',
      'sqlalchemy==2.0.0,<3',
      '#commented==1.0',
      'requests==2.31.0',
    ].join('\n');
    const entries = parseRequirementsTxt(Buffer.from(text));
    assert.deepEqual(entries, [
      { name: 'requests', version: '2.31.0', marker: 'python_version >= "3.8"' },
      { name: 'flask-login', version: '0.6.3' },
    ]);
  });

  it('decodes a UTF-16LE file with a byte order mark (as PowerShell writes pip freeze)', () => {
    const content = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('six==1.16.0\r\nidna==3.3\r\n', 'utf16le'),
    ]);
    assert.deepEqual(parseRequirementsTxt(content), [
      { name: 'six', version: '1.16.0' },
      { name: 'idna', version: '3.3' },
    ]);
  });
});
