import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { parseDocuments } from '../documents.js';
import { ManifestNode } from './node.js';

const text = `apiVersion: v1
kind: Pod
spec:
  hostNetwork: yes
  priority: 1.5
  containers:
    - name: app
      securityContext:
        privileged: null
        runAsUser: 1000
      ports: {http: 80}
`;

function root(): ManifestNode {
  const [document] = parseDocuments(text, 'pod.yaml');
  return ManifestNode.root({ file: 'pod.yaml', document: document! });
}

describe('ManifestNode', () => {
  it('walks maps and lists, keeping the path, the JSON path and the line', () => {
    const container = root().get('spec').get('containers').items()[0]!;
    assert.deepEqual(container.path, ['spec', 'containers', 0]);
    const user = container.at('securityContext', 'runAsUser');
    assert.equal(user.integer(), 1000);
    assert.deepEqual(user.origin, {
      file: 'pod.yaml',
      jsonPath: '$.spec.containers[0].securityContext.runAsUser',
      line: 10,
    });
  });

  it('treats null and missing fields as unset, with the line of the nearest written ancestor', () => {
    const sc = root().at('spec', 'containers').items()[0]!.get('securityContext');
    assert.equal(sc.get('privileged').present, false);
    assert.equal(sc.get('privileged').boolean(), undefined);
    const missing = sc.at('capabilities', 'add');
    assert.deepEqual(missing.items(), []);
    assert.equal(missing.jsonPath, '$.spec.containers[0].securityContext.capabilities.add');
    assert.equal(missing.line, 8);
  });

  it('names the line and field of a value of the wrong type', () => {
    const spec = root().get('spec');
    assert.throws(
      () => spec.get('hostNetwork').boolean(),
      (err: unknown) =>
        err instanceof InputError &&
        err.message === 'pod.yaml: line 4: $.spec.hostNetwork must be true or false, found "yes"',
    );
    assert.throws(
      () => spec.get('priority').integer(),
      /line 5: \$\.spec\.priority must be an integer, found 1\.5/,
    );
    const container = spec.get('containers').items()[0]!;
    assert.throws(
      () => container.get('ports').items(),
      /line 11: .*ports must be a list, found a map/,
    );
    assert.throws(() => container.get('name').get('first'), /name must be a map, found "app"/);
    assert.equal(spec.get('priority').text(), '1.5');
  });
});
