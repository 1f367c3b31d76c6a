import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parseCoreMetadata } from './core-metadata.js';

const site = fixturePath('python', 'venv', 'opt/venv/lib/python3.11/site-packages');
const debian = fixturePath('python', 'debian-gi', 'usr/lib/python3/dist-packages');

function parse(path: string) {
  const warnings: string[] = [];
  const metadata = parseCoreMetadata(readFileSync(path), (m) => warnings.push(m));
  return { metadata, warnings };
}

describe('parseCoreMetadata', () => {
  it('reads a wheel METADATA written by pip (requests 2.34.2): extras-only requirements left out', () => {
    const { metadata, warnings } = parse(`${site}/requests-2.34.2.dist-info/METADATA`);
    assert.deepEqual(warnings, []);
    assert.deepEqual(metadata, {
      name: 'requests',
      version: '2.34.2',
      summary: 'Python HTTP for Humans.',
      licenses: [{ expression: 'Apache-2.0' }],
      requires: ['certifi', 'charset-normalizer', 'idna', 'urllib3'],
    });
  });

  it('reads License-Expression (PEP 639, urllib3 2.8.0)', () => {
    const { metadata } = parse(`${site}/urllib3-2.8.0.dist-info/METADATA`);
    assert.deepEqual(metadata?.licenses, [{ expression: 'MIT' }]);
    assert.deepEqual(metadata?.requires, []);
  });

  it('reads a Metadata-Version 1.1 single-file egg-info whose Description folds over many lines (pycairo)', () => {
    const { metadata } = parse(`${debian}/pycairo-1.20.1.egg-info`);
    assert.deepEqual(metadata, {
      name: 'pycairo',
      version: '1.20.1',
      summary: 'Python interface for cairo',
      licenses: [{ expression: 'LGPL-2.1-only OR MPL-1.1' }],
      requires: [],
    });
  });

  it('keeps the name as written (PyGObject); the classifier gives the SPDX licence', () => {
    const { metadata } = parse(`${debian}/PyGObject-3.42.2.egg-info/PKG-INFO`);
    assert.equal(metadata?.name, 'PyGObject');
    assert.deepEqual(metadata?.licenses, [{ expression: 'LGPL-2.0-or-later' }]);
  });

  it('warns and gives nothing for a file without Name or Version', () => {
    const noVersion = parseCoreMetadata(
      Buffer.from('Metadata-Version: 2.1\nName: x\n\nbody'),
      (m) => assert.equal(m, "no Version field; not a Python package's metadata"),
    );
    assert.equal(noVersion, undefined);
    const warnings: string[] = [];
    assert.equal(
      parseCoreMetadata(Buffer.from([0x00, 0xff, 0x13, 0x37]), (m) => warnings.push(m)),
      undefined,
    );
    assert.deepEqual(warnings, ["no Name field; not a Python package's metadata"]);
  });

  it('stops at the first empty line, as the email parser importlib.metadata uses does', () => {
    const text = 'Name: a\r\nVersion: 1\r\n\r\nName: b\r\nLicense: MIT\r\n';
    const metadata = parseCoreMetadata(Buffer.from(text), () => assert.fail('no warning'));
    assert.deepEqual(metadata, { name: 'a', version: '1', licenses: [], requires: [] });
  });
});
