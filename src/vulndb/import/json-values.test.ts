import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { type JsonPath, streamJsonValues } from './json-values.js';

const scratch = scratchDir('json-values');
after(() => scratch.remove());

function file(name: string, content: string | Buffer): string {
  const path = join(scratch.dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(path: string, select: (at: JsonPath) => boolean) {
  const seen: [JsonPath, unknown][] = [];
  const topLevel = await streamJsonValues(path, select, (at, value) => seen.push([at, value]));
  return { topLevel, seen };
}

const DOC =
  '{"format": "NVD_CVE", "vulnerabilities": [{"cve": {"id": "A"}}, 7, {"cve": {"id": "B", "x": [1, null]}}]}';

describe('streamJsonValues', () => {
  it('hands over the selected values whole, with their paths, in document order', async () => {
    const { topLevel, seen } = await collect(
      file('doc.json', DOC),
      (at) =>
        (at.length === 1 && at[0] === 'format') || (at.length === 2 && at[0] === 'vulnerabilities'),
    );
    assert.equal(topLevel, 'object');
    assert.deepEqual(seen, [
      [['format'], 'NVD_CVE'],
      [['vulnerabilities', 0], { cve: { id: 'A' } }],
      [['vulnerabilities', 1], 7],
      [['vulnerabilities', 2], { cve: { id: 'B', x: [1, null] } }],
    ]);
  });

  it('selects at any depth, and reads gzip and a byte-order mark', async () => {
    const packed = file('doc.gz', gzipSync(Buffer.from(`\ufeff${DOC}`)));
    const { seen } = await collect(packed, (at) => at.length === 3 && at[2] === 'cve');
    assert.deepEqual(seen, [
      [['vulnerabilities', 0, 'cve'], { id: 'A' }],
      [['vulnerabilities', 2, 'cve'], { id: 'B', x: [1, null] }],
    ]);
  });

  it('a chunk boundary inside a multi-byte character does not corrupt it', async () => {
    const name = 'é'.repeat(70000);
    const { seen } = await collect(
      file('wide.json', JSON.stringify({ name })),
      (at) => at.length === 1,
    );
    assert.deepEqual(seen, [[['name'], name]]);
  });

  it('reports the top-level kind of arrays and scalars', async () => {
    assert.equal((await collect(file('array.json', '[1, 2]'), () => false)).topLevel, 'array');
    assert.equal((await collect(file('scalar.json', ' 42 '), () => false)).topLevel, 'scalar');
  });

  it('empty, truncated and malformed files throw InputError naming the file', async () => {
    const cases: [string, string, string][] = [
      ['empty.json', ' \n', 'invalid JSON: the file is empty'],
      [
        'truncated.json',
        DOC.slice(0, 60),
        'invalid JSON: the file ends inside the document (truncated?)',
      ],
      ['garbage.json', '{"a": 1} trailing', 'invalid JSON: unexpected characters'],
    ];
    for (const [name, text, problem] of cases) {
      const path = file(name, text);
      await assert.rejects(
        collect(path, () => true),
        (err: unknown) => {
          assert.ok(err instanceof InputError, name);
          assert.equal(err.subject, path);
          assert.equal(err.problem, problem);
          return true;
        },
      );
    }
    const missing = join(scratch.dir, 'missing.json');
    await assert.rejects(
      collect(missing, () => true),
      { name: 'InputError', subject: missing },
    );
  });
});
