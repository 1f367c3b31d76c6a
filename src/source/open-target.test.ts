import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTarget } from './open-target.js';

describe('parseTarget', () => {
  it('splits prefixes, tags and digests', () => {
    assert.deepEqual(parseTarget('oci:/x/layout:v1'), {
      kind: 'oci',
      location: '/x/layout',
      selector: { tag: 'v1' },
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    assert.deepEqual(parseTarget(`oci:/x/layout@${digest}`), {
      kind: 'oci',
      location: '/x/layout',
      selector: { digest },
    });
    assert.deepEqual(parseTarget('oci-archive:/x/a.tar:latest'), {
      kind: 'oci-archive',
      location: '/x/a.tar',
      selector: { tag: 'latest' },
    });
    assert.deepEqual(parseTarget('docker-archive:/x/a.tar'), {
      kind: 'docker-archive',
      location: '/x/a.tar',
      selector: {},
    });
    assert.deepEqual(parseTarget('registry:127.0.0.1:5000/app:1.0'), {
      kind: 'registry',
      location: '127.0.0.1:5000/app:1.0',
      selector: {},
    });
    assert.deepEqual(parseTarget('dir:/srv/root'), {
      kind: 'dir',
      location: '/srv/root',
      selector: {},
    });
  });

  it('treats a tag-like suffix containing a slash as part of the path', () => {
    assert.deepEqual(parseTarget('oci:rel:dir/layout'), {
      kind: 'oci',
      location: 'rel:dir/layout',
      selector: {},
    });
  });

  it('leaves unknown prefixes and bare paths to auto-detection', () => {
    assert.deepEqual(parseTarget('./image.tar'), {
      kind: 'auto',
      location: './image.tar',
      selector: {},
    });
    assert.deepEqual(parseTarget('foo:bar'), { kind: 'auto', location: 'foo:bar', selector: {} });
  });

  it('refuses a prefix with nothing after it', () => {
    assert.throws(() => parseTarget('oci:'), /needs a location/);
  });
});
