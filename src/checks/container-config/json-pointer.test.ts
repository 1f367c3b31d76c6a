import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonPath } from '../../config/documents.js';
import { jsonPathSegments, jsonPathToPointer } from './json-pointer.js';

describe('jsonPathToPointer', () => {
  it('turns keys and indexes into RFC 6901 reference tokens', () => {
    assert.equal(
      jsonPathToPointer('$.spec.template.spec.containers[0].securityContext.privileged'),
      '/spec/template/spec/containers/0/securityContext/privileged',
    );
    assert.equal(jsonPathToPointer('$.services.web.cap_add[2]'), '/services/web/cap_add/2');
    assert.equal(jsonPathToPointer('$[0].HostConfig.Privileged'), '/0/HostConfig/Privileged');
    assert.equal(jsonPathToPointer('$'), '');
  });

  it('escapes ~ and / (RFC 6901 section 3) in quoted keys', () => {
    assert.equal(
      jsonPathToPointer(
        '$.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
      ),
      '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app',
    );
    assert.equal(jsonPathToPointer('$["a~b/c"]["say \\"hi\\""]'), '/a~0b~1c/say "hi"');
  });

  it('reads back every path jsonPath() writes', () => {
    const paths: (string | number)[][] = [
      ['services', 'my-app', 'volumes', 3],
      ['spec', 'containers', 0, 'env', 1, 'value'],
      ['x', '0', 'a.b', 'ü', ''],
    ];
    for (const path of paths) assert.deepEqual(jsonPathSegments(jsonPath(path)), path);
  });

  it('refuses what is not a JSON path', () => {
    assert.equal(jsonPathToPointer('spec.containers'), undefined);
    assert.equal(jsonPathToPointer('$.spec[x]'), undefined);
    assert.equal(jsonPathToPointer('$.spec["open'), undefined);
    assert.equal(jsonPathToPointer('$..spec'), undefined);
  });
});
