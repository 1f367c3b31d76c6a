import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocuments } from '../../config/documents.js';
import { ManifestNode } from '../../config/kubernetes/node.js';
import { pointer, removeField, setField } from './context.js';

const [document] = parseDocuments(
  `spec:
  securityContext: null
  containers:
    - name: a
      securityContext:
        capabilities: {drop: [NET_RAW]}
    - name: b
`,
  'pod.yaml',
);
const spec = ManifestNode.root({ file: 'pod.yaml', document: document! }).get('spec');
const [a, b] = spec.get('containers').items();

describe('JSON Patch of one field', () => {
  it('points with RFC 6901 escapes', () => {
    assert.equal(
      pointer(['metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/app']),
      '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app',
    );
    assert.equal(pointer(['a~b', 0]), '/a~0b/0');
  });

  it('replaces a written field', () => {
    assert.deepEqual(setField(a!.at('securityContext', 'capabilities', 'drop'), ['ALL']), [
      {
        op: 'replace',
        path: '/spec/containers/0/securityContext/capabilities/drop',
        value: ['ALL'],
      },
    ]);
  });

  it('adds a missing field under its nearest written ancestor, creating the maps between', () => {
    assert.deepEqual(setField(a!.at('securityContext', 'allowPrivilegeEscalation'), false), [
      {
        op: 'add',
        path: '/spec/containers/0/securityContext/allowPrivilegeEscalation',
        value: false,
      },
    ]);
    assert.deepEqual(setField(b!.at('securityContext', 'capabilities', 'drop'), ['ALL']), [
      {
        op: 'add',
        path: '/spec/containers/1/securityContext',
        value: { capabilities: { drop: ['ALL'] } },
      },
    ]);
    // A null is unset: adding over it replaces the null.
    assert.deepEqual(setField(spec.at('securityContext', 'runAsNonRoot'), true), [
      { op: 'add', path: '/spec/securityContext', value: { runAsNonRoot: true } },
    ]);
  });

  it('removes a field', () => {
    assert.deepEqual(removeField(a!.get('name')), [
      { op: 'remove', path: '/spec/containers/0/name' },
    ]);
  });
});
