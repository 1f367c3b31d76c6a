import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { manifestAttribute, parseManifestMainSection } from './manifest.js';

const realManifest = (name: string) =>
  readFileSync(fixturePath('java', 'manifests', name), 'latin1');

function parse(text: string, complete = true) {
  const warnings: string[] = [];
  const attributes = parseManifestMainSection(text, (m) => warnings.push(m), complete);
  return { attributes, warnings };
}

describe('parseManifestMainSection', () => {
  it("reads Debian's commons-logging 1.2 manifest (CRLF, 72-byte lines continued)", () => {
    const { attributes, warnings } = parse(realManifest('commons-logging-1.2.MF'));
    assert.deepEqual(warnings, []);
    assert.equal(attributes.size, 24);
    assert.equal(manifestAttribute(attributes, 'Implementation-Version'), '1.2');
    assert.equal(manifestAttribute(attributes, 'Implementation-Vendor-Id'), 'org.apache');
    assert.equal(
      manifestAttribute(attributes, 'Bundle-SymbolicName'),
      'org.apache.commons.logging',
    );
    assert.equal(
      manifestAttribute(attributes, 'Bundle-License'),
      'http://www.apache.org/licenses/LICENSE-2.0.txt',
    );
    assert.equal(
      manifestAttribute(attributes, 'Export-Package'),
      'org.apache.commons.logging;version="1.2.0",org.apache.commons.logging.impl;version="1.2.0"',
    );
    assert.equal(
      manifestAttribute(attributes, 'Bundle-Description'),
      'Commons Logging is a thin adapter allowing configurable bridging to other,    well known logging systems.',
    );
  });

  it("reads libmongodb-java's bson manifest, whose version is in Bundle-Version only", () => {
    const { attributes, warnings } = parse(realManifest('bson-3.6.3.MF'));
    assert.deepEqual(warnings, []);
    assert.equal(manifestAttribute(attributes, 'Bundle-Version'), '3.6.3');
    assert.equal(manifestAttribute(attributes, 'Implementation-Version'), undefined);
    assert.equal(manifestAttribute(attributes, 'bundle-symbolicname'), 'org.mongodb.bson');
  });

  it('stops at the first blank line: per-entry sections are not the main section', () => {
    const text =
      'Manifest-Version: 1.0\nImplementation-Version: 1.0\n\nName: a/B.class\nSHA-256-Digest: xyz\nImplementation-Version: 9\n';
    const { attributes } = parse(text);
    assert.deepEqual(
      [...attributes],
      [
        ['manifest-version', '1.0'],
        ['implementation-version', '1.0'],
      ],
    );
  });

  it('a repeated attribute: the later one wins, whatever its case', () => {
    const { attributes } = parse('Bundle-Version: 1\nbundle-version: 2\n');
    assert.equal(manifestAttribute(attributes, 'Bundle-Version'), '2');
    assert.equal(attributes.size, 1);
  });

  it('drops the cut-off last line of an incomplete text, keeps it when complete', () => {
    const text = 'Manifest-Version: 1.0\r\nImplementation-Version: 2.3';
    assert.equal(
      manifestAttribute(parse(text, false).attributes, 'Implementation-Version'),
      undefined,
    );
    assert.equal(manifestAttribute(parse(text, true).attributes, 'Implementation-Version'), '2.3');
    const ended = 'Manifest-Version: 1.0\r\n\r\nName: x';
    assert.equal(parse(ended, false).attributes.size, 1);
  });

  it('warns about lines that are not headers and continuations of nothing, keeps the rest', () => {
    const { attributes, warnings } = parse(
      ' dangling\nManifest-Version: 1.0\nno header here\nA: b\n',
    );
    assert.deepEqual(warnings, [
      'line 1: continuation of nothing',
      'line 3: not a "Name: value" header',
    ]);
    assert.deepEqual([...attributes.keys()], ['manifest-version', 'a']);
  });

  it('an empty value reads as absent', () => {
    assert.equal(
      manifestAttribute(parse('Bundle-License: \n').attributes, 'Bundle-License'),
      undefined,
    );
  });
});
