import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../errors.js';
import { formatReference, parseImageReference, taggedName } from './reference.js';

const D = `sha256:${'a'.repeat(64)}`;

test('parses references with Docker Hub defaults and explicit hosts', () => {
  const cases: [string, string, string, string][] = [
    // input, endpoint, repository, normalised
    ['alpine', 'registry-1.docker.io', 'library/alpine', 'docker.io/library/alpine:latest'],
    ['alpine:3.19', 'registry-1.docker.io', 'library/alpine', 'docker.io/library/alpine:3.19'],
    [
      'docker.io/alpine',
      'registry-1.docker.io',
      'library/alpine',
      'docker.io/library/alpine:latest',
    ],
    [
      'index.docker.io/library/alpine',
      'registry-1.docker.io',
      'library/alpine',
      'docker.io/library/alpine:latest',
    ],
    ['bitnami/redis:7', 'registry-1.docker.io', 'bitnami/redis', 'docker.io/bitnami/redis:7'],
    ['localhost/app', 'localhost', 'app', 'localhost/app:latest'],
    ['localhost:5000/team/app:v1', 'localhost:5000', 'team/app', 'localhost:5000/team/app:v1'],
    ['127.0.0.1:5000/app', '127.0.0.1:5000', 'app', '127.0.0.1:5000/app:latest'],
    ['ghcr.io/org/tool:1.2.3', 'ghcr.io', 'org/tool', 'ghcr.io/org/tool:1.2.3'],
    ['quay.io/a/b/c', 'quay.io', 'a/b/c', 'quay.io/a/b/c:latest'],
    [`alpine@${D}`, 'registry-1.docker.io', 'library/alpine', `docker.io/library/alpine@${D}`],
    [`reg.example:443/x:v2@${D}`, 'reg.example:443', 'x', `reg.example:443/x:v2@${D}`],
    [
      'my_org/some-app__x.y:tag_1.0-rc',
      'registry-1.docker.io',
      'my_org/some-app__x.y',
      'docker.io/my_org/some-app__x.y:tag_1.0-rc',
    ],
  ];
  for (const [input, endpoint, repository, normalised] of cases) {
    const ref = parseImageReference(input);
    assert.equal(ref.endpoint, endpoint, input);
    assert.equal(ref.repository, repository, input);
    assert.equal(formatReference(ref), normalised, input);
  }
});

test('a digest wins over a tag: no tag is implied and the image is not reported as tagged', () => {
  const pinned = parseImageReference(`127.0.0.1:5000/app@${D}`);
  assert.equal(pinned.tag, undefined);
  assert.equal(pinned.digest, D);
  assert.equal(taggedName(pinned), undefined);
  assert.equal(taggedName(parseImageReference(`127.0.0.1:5000/app:v1@${D}`)), undefined);
  assert.equal(taggedName(parseImageReference('127.0.0.1:5000/app')), '127.0.0.1:5000/app:latest');
});

test('rejects malformed references with an InputError naming the reference', () => {
  const bad = [
    '',
    ' alpine',
    'Alpine',
    'host.example/Upper',
    'alpine:',
    'alpine:bad/tag',
    'alpine@sha256:1234',
    `alpine@md5:${'a'.repeat(32)}`,
    'host.example/',
    'a//b',
    '-lead',
    `x:${'t'.repeat(129)}`,
    'bad_host.example:port/x',
  ];
  for (const input of bad) {
    assert.throws(
      () => parseImageReference(input),
      (err: unknown) =>
        err instanceof InputError &&
        err.subject === input &&
        /invalid image reference/.test(err.problem),
      JSON.stringify(input),
    );
  }
});
