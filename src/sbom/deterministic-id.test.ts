// Content-derived UUIDs: well-formed RFC 9562 version 8, equal for equal content, different otherwise.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidFromContent } from './deterministic-id.js';

describe('uuidFromContent', () => {
  it('is a version-8, RFC-variant UUID that depends only on the content', () => {
    const uuid = uuidFromContent('hello');
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(uuidFromContent('hello'), uuid);
    assert.notEqual(uuidFromContent('hello!'), uuid);
    // sha256("hello") starts 2cf24dba5fb0a30e26e83b2ac5b9e29e: only the version and variant bits are changed.
    assert.equal(uuid, '2cf24dba-5fb0-830e-a6e8-3b2ac5b9e29e');
  });
});
