import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import type { AdvisoryRecord, ImportSink } from '../advisory.js';
import { importOsv } from './osv-files.js';

/** An in-memory sink: what the importer handed over, in order. */
class Collector implements ImportSink {
  readonly records: AdvisoryRecord[] = [];
  readonly warnings: string[] = [];
  advisory(record: AdvisoryRecord): void {
    this.records.push(record);
  }
  cveMetrics(): void {
    throw new Error('an OSV import gives no CVE metrics');
  }
  epss(): void {
    throw new Error('an OSV import gives no EPSS scores');
  }
  kev(): void {
    throw new Error('an OSV import gives no KEV entries');
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  get ids(): string[] {
    return this.records.map((r) => r.id);
  }
}

async function run(path: string, options = {}) {
  const sink = new Collector();
  const imported = await importOsv(path, sink, options);
  assert.equal(imported, sink.records.length);
  return { imported, ids: sink.ids, records: sink.records, warnings: sink.warnings };
}

const records = fixturePath('osv', 'records');
const malformed = fixturePath('osv', 'malformed');
const GO_FILES = ['GO-2024-2442.json', 'GO-2024-2491.json', 'GO-2024-2598.json'].map((f) =>
  join(records, 'go', f),
);

/** Every record fixture, in the order a sorted walk of records/ meets them. */
const ALL_IDS = [
  'ALPINE-CVE-2019-1547',
  'DSA-5380-1',
  'GO-2024-2442',
  'GO-2024-2491',
  'GO-2024-2598',
  'PYSEC-2020-341',
  'PYSEC-2020-342',
  'PYSEC-2021-76',
  'PYSEC-2022-42969',
  'PYSEC-2023-73',
  'PYSEC-2024-102',
];

/** Zips `files` with the zip CLI; `junkPaths` stores them flat, as osv.dev's all.zip does. */
function zipOf(
  zipPath: string,
  files: string[],
  options: { cwd?: string; junkPaths?: boolean } = {},
) {
  const flags = options.junkPaths === false ? ['-q', '-r'] : ['-q', '-j'];
  execFileSync('zip', [...flags, zipPath, ...files], { cwd: options.cwd });
  return zipPath;
}

describe('importOsv: files and directories', () => {
  it('a YAML file holding one record', async () => {
    const result = await run(join(records, 'pypi', 'PYSEC-2024-102.yaml'));
    assert.deepEqual(result.ids, ['PYSEC-2024-102']);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.records[0]!.affected[0]!.ranges.length, 3);
  });

  it('a JSON file holding one record', async () => {
    const result = await run(join(records, 'go', 'GO-2024-2491.json'));
    assert.deepEqual(result.ids, ['GO-2024-2491']);
    assert.equal(result.records[0]!.affected[0]!.scheme, 'go');
  });

  it('a directory: walked in sorted order, every JSON and YAML file, nothing else', async () => {
    const result = await run(records);
    assert.deepEqual(result.ids, ALL_IDS);
    assert.deepEqual(result.warnings, []);
  });

  it('malformed files and records are warnings naming the file and id; the import goes on', async () => {
    const result = await run(malformed);
    assert.deepEqual(result.ids, ['ALPINE-CVE-2019-1547', 'GO-2024-2491', 'GO-2024-2598']);
    const at = (name: string) => join(malformed, name);
    assert.deepEqual(result.warnings.slice(0, 5), [
      `${at('ALPINE-CVE-2019-1547.json')}: ALPINE-CVE-2019-1547: affected[1] left out: openssl: a range with no events`,
      `${at('GO-2024-2491.json')}: GO-2024-2491: affected[0] left out: github.com/opencontainers/runc: an event of an unknown kind (fixd)`,
      `${at('mixed-array.json')}: (no id): not an OSV record (a JSON object): got "not a record"`,
      `${at('mixed-array.json')}: PYSEC-2024-102: affected is not an array: got an object`,
      `${at('no-id.yaml')}: (no id): no id`,
    ]);
    assert.equal(result.warnings.length, 7);
    assert.match(result.warnings[5]!, /^\S+\/not-yaml\.yaml: not valid YAML: /);
    assert.match(result.warnings[6]!, /^\S+\/truncated\.json: not valid JSON: /);
    // The bad entry is left out, the good one kept.
    assert.deepEqual(
      result.records[0]!.affected.map((p) => p.release),
      ['v3.11'],
    );
  });

  it('several YAML documents in one file are several records', async () => {
    const scratch = scratchDir('osv-yaml');
    try {
      const file = join(scratch.dir, 'two.yaml');
      writeFileSync(
        file,
        [
          readFileSync(join(records, 'pypi', 'PYSEC-2022-42969.yaml'), 'utf8'),
          readFileSync(join(records, 'pypi', 'PYSEC-2020-341.yaml'), 'utf8'),
        ].join('---\n'),
      );
      assert.deepEqual((await run(file)).ids, ['PYSEC-2022-42969', 'PYSEC-2020-341']);
    } finally {
      scratch.remove();
    }
  });

  it('YAML: unquoted versions stay the strings written (1.10 is not 1.1), and null is no value', async () => {
    const scratch = scratchDir('osv-yaml');
    try {
      const file = join(scratch.dir, 'numbers.yaml');
      const text = readFileSync(join(records, 'pypi', 'PYSEC-2020-341.yaml'), 'utf8')
        .replace('- fixed: "2.3"', '- fixed: 2.30')
        .replace('- introduced: "0"', '- introduced: 0')
        .replace('  - "2.0"', '  - 2.0')
        .replace('modified: "2022-01-05T02:16:25.743194Z"', 'withdrawn: null');
      writeFileSync(file, text);
      const { records: got, warnings } = await run(file);
      assert.deepEqual(warnings, []);
      assert.deepEqual(got[0]!.affected[0]!.ranges, [{ introduced: '0', fixed: '2.30' }]);
      const versions = got[0]!.affected[0]!.versions;
      assert.ok(versions.includes('2') && versions.includes('2.0'));
      assert.ok(versions.every((v) => typeof v === 'string'));
      assert.equal(got[0]!.withdrawn, undefined);
    } finally {
      scratch.remove();
    }
  });

  it('a path that is missing, or not an OSV file, is an input error', async () => {
    await assert.rejects(importOsv(join(records, 'missing.json'), new Collector()), (err) => {
      assert.ok(err instanceof InputError);
      assert.match(err.problem, /^cannot read: /);
      return true;
    });
    await assert.rejects(importOsv(fixturePath('osv', 'README.md'), new Collector()), (err) => {
      assert.ok(err instanceof InputError);
      assert.match(err.problem, /^not an OSV source/);
      return true;
    });
  });

  it('a file over the record limit is skipped with a warning', async () => {
    const file = join(records, 'go', 'GO-2024-2491.json');
    assert.deepEqual(await run(file, { maxRecordBytes: 1000 }), {
      imported: 0,
      ids: [],
      records: [],
      warnings: [`${file}: larger than the 1000-byte limit for one record: skipped`],
    });
  });
});

describe('importOsv: a large JSON array is streamed element by element', () => {
  const scratch = scratchDir('osv-array');
  const runc = JSON.parse(readFileSync(join(records, 'go', 'GO-2024-2491.json'), 'utf8')) as object;
  const copies = 700;
  const text = JSON.stringify(
    Array.from({ length: copies }, (_, i) => ({ ...runc, id: `GO-TEST-${i}` })),
  );
  after(() => scratch.remove());

  it('imports every element of an array larger than the read-whole size', async () => {
    const file = join(scratch.dir, 'all.json');
    writeFileSync(file, text);
    assert.ok(text.length > 1024 * 1024);
    const result = await run(file);
    assert.equal(result.imported, copies);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.ids.slice(0, 2), ['GO-TEST-0', 'GO-TEST-1']);
    assert.deepEqual(result.records[699]!.affected[0]!.ranges, [
      { introduced: '1.0.0-rc93', fixed: '1.1.12' },
    ]);
  });

  it('keeps the elements before a truncation and warns about the file', async () => {
    const file = join(scratch.dir, 'cut.json');
    writeFileSync(file, text.slice(0, text.length - 100));
    const result = await run(file);
    assert.equal(result.imported, copies - 1);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /cut\.json: not valid JSON: /);
  });
});

describe('importOsv: zip dumps', () => {
  const scratch = scratchDir('osv-zip');
  let flat = '';
  before(() => {
    flat = zipOf(join(scratch.dir, 'all.zip'), [
      ...GO_FILES,
      join(records, 'debian', 'DSA-5380-1.json'),
      join(malformed, 'truncated.json'),
      join(malformed, 'notes.txt'),
    ]);
  });
  after(() => scratch.remove());

  it('reads an all.zip-style dump entry by entry; a bad entry is a warning naming ZIP!/entry', async () => {
    const result = await run(flat);
    assert.deepEqual(result.ids, ['GO-2024-2442', 'GO-2024-2491', 'GO-2024-2598', 'DSA-5380-1']);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /all\.zip!\/truncated\.json: not valid JSON: /);
    assert.ok(result.warnings[0]!.startsWith(`${flat}!/truncated.json: `));
    assert.deepEqual(result.records[3]!.affected[0]!.ranges, [
      { introduced: '0', fixed: '2:1.20.11-1+deb11u6' },
    ]);
  });

  it('walks nested folders in a zip, YAML included, skipping directory entries', async () => {
    const nested = zipOf(join(scratch.dir, 'nested.zip'), ['records'], {
      cwd: fixturePath('osv'),
      junkPaths: false,
    });
    const result = await run(nested);
    assert.deepEqual([...result.ids].sort(), ALL_IDS);
    assert.deepEqual(result.warnings, []);
  });

  it('skips an entry over the record limit, whatever it compresses to (a zip bomb)', async () => {
    const bombFile = join(scratch.dir, 'bomb.json');
    writeFileSync(bombFile, Buffer.alloc(4 * 1024 * 1024, 0x20));
    const bomb = zipOf(join(scratch.dir, 'bomb.zip'), [bombFile, GO_FILES[1]!]);
    const result = await run(bomb, { maxRecordBytes: 1024 * 1024 });
    assert.deepEqual(result.ids, ['GO-2024-2491']);
    assert.deepEqual(result.warnings, [
      `${bomb}!/bomb.json: larger than the 1 MiB limit for one record: skipped`,
    ]);

    const limited = await run(flat, { maxRecordBytes: 2000 });
    assert.deepEqual(limited.ids, ['GO-2024-2442', 'GO-2024-2598', 'DSA-5380-1']);
    assert.ok(
      limited.warnings.includes(
        `${flat}!/GO-2024-2491.json: larger than the 2000-byte limit for one record: skipped`,
      ),
    );
  });

  it('a .zip that is not a zip archive is an input error', async () => {
    const fake = join(scratch.dir, 'fake.zip');
    copyFileSync(GO_FILES[0]!, fake);
    await assert.rejects(importOsv(fake, new Collector()), (err) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.subject, fake);
      assert.match(err.problem, /^not a zip archive \(/);
      return true;
    });
  });
});
