import assert from 'node:assert/strict';
import { it } from 'node:test';
import { registryOf } from './registry-of.js';

it('names the registry of a reference as Docker normalises it', () => {
  assert.equal(registryOf('nginx'), 'docker.io');
  assert.equal(registryOf('library/nginx:1.25.3'), 'docker.io');
  assert.equal(registryOf('index.docker.io/library/alpine:3.19'), 'docker.io');
  assert.equal(registryOf('ghcr.io/aquasecurity/trivy:0.50.0'), 'ghcr.io');
  assert.equal(registryOf('localhost/app'), 'localhost');
  assert.equal(registryOf('127.0.0.1:5000/team/app@sha256:' + 'ab'.repeat(32)), '127.0.0.1:5000');
  assert.equal(registryOf('registry.example.com:5000/shop/web:2.4.1'), 'registry.example.com:5000');
});

it('names none for an image id or what is not a reference', () => {
  assert.equal(registryOf(`sha256:${'ab'.repeat(32)}`), undefined);
  assert.equal(registryOf('ab'.repeat(32)), undefined);
  assert.equal(registryOf('Not A Reference'), undefined);
  assert.equal(registryOf(''), undefined);
});
