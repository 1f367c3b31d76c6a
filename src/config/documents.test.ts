import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { jsonPath, parseDocuments } from './documents.js';

describe('parseDocuments', () => {
  it('locates keys and items in every document of a multi-document file', () => {
    const text =
      'kind: Pod\nspec:\n  containers:\n    - name: a\n      image: x\n---\nkind: Job\nspec: {}\n';
    const [pod, job] = parseDocuments(text, 'f.yaml');
    assert.equal(pod!.lineAt(['kind']), 1);
    assert.equal(pod!.lineAt(['spec', 'containers']), 3);
    assert.equal(pod!.lineAt(['spec', 'containers', 0, 'image']), 5);
    // A path that does not exist falls back to its nearest existing ancestor.
    assert.equal(pod!.lineAt(['spec', 'containers', 0, 'securityContext', 'privileged']), 4);
    assert.equal(job!.index, 1);
    assert.equal(job!.lineAt(['spec']), 8);
  });

  it('locates the items of a JSON array that is the whole document, even of one item', () => {
    const [doc] = parseDocuments(
      '[\n  {\n    "Id": "abc",\n    "HostConfig": {}\n  }\n]\n',
      'i.json',
    );
    assert.equal(doc!.lineAt([0]), 2);
    assert.equal(doc!.lineAt([0, 'HostConfig']), 4);
  });

  it('locates a merged-in value where the alias is used, not where the anchor was written', () => {
    const text =
      'x: &common\n  restart: always\nservices:\n  web:\n    image: nginx\n    <<: *common\n';
    const [doc] = parseDocuments(text, 'c.yaml');
    assert.equal(doc!.lineAt(['services', 'web', '<<', 'restart']), 6);
    assert.equal(doc!.lineAt(['x', 'restart']), 2);
  });

  it('skips empty documents but keeps the others numbered by position; a repeated key takes the last value', () => {
    const docs = parseDocuments('a: 1\n---\n---\nb: 2\nb: 3\n', 'm.yaml');
    assert.deepEqual(
      docs.map((d) => [d.index, d.value]),
      [
        [0, { a: 1 }],
        [2, { b: 3 }],
      ],
    );
  });

  it('reads the YAML 1.2 core schema: yes, no and dates stay strings', () => {
    const [doc] = parseDocuments('a: yes\nb: 2024-01-02\nc: 0o17\nd: true\n', 'v.yaml');
    assert.deepEqual(doc!.value, { a: 'yes', b: '2024-01-02', c: 15, d: true });
  });

  it('refuses a document of more than 100 aliases (billion laughs) with one line', () => {
    const layers = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      layers.push(`${name}: &${name} [${Array(20).fill(`*${prev}`).join(', ')}]`);
    }
    assert.throws(
      () => parseDocuments(`${layers.join('\n')}\n`, 'laughs.yaml'),
      (err: unknown) =>
        err instanceof InputError &&
        err.subject === 'laughs.yaml' &&
        /more than 100 aliases/.test(err.problem),
    );
  });

  it('names the file and line of a syntax error', () => {
    assert.throws(
      () => parseDocuments('a: 1\nb: [1, 2\nc: 3\n', 'bad.yaml'),
      (err: unknown) =>
        err instanceof InputError && err.subject === 'bad.yaml' && /^line \d+: /.test(err.problem),
    );
  });
});

describe('jsonPath', () => {
  it('writes identifiers with dots and anything else in brackets', () => {
    assert.equal(jsonPath(['spec', 'containers', 0, 'x-y']), '$.spec.containers[0]["x-y"]');
  });
});
