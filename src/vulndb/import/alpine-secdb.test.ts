import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { AdvisoryRecord } from '../advisory.js';
import { InputError } from '../../errors.js';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import { entryIds, importAlpineSecdb } from './alpine-secdb.js';

const yamlFixture = fixturePath('alpine', 'v3.11-main-subset.yaml');
const jsonFixture = fixturePath('alpine', 'v3.11-main-subset.json');
const scratch = scratchDir('alpine-secdb');
after(() => scratch.remove());

async function importFile(path: string): Promise<{ sink: CollectingSink; count: number }> {
  const sink = new CollectingSink();
  const count = await importAlpineSecdb(path, sink);
  return { sink, count };
}

function apk(id: string, name: string, fixed: string[], aliases: string[] = []): AdvisoryRecord {
  return {
    id,
    source: 'alpine-secdb',
    aliases,
    cvss: [],
    references: [],
    affected: [
      {
        ecosystem: 'Alpine',
        release: 'v3.11',
        name,
        scheme: 'apk',
        ranges: fixed.map((version) => ({ introduced: '0', fixed: version })),
        versions: [],
      },
    ],
  };
}

describe('importAlpineSecdb on a real v3.11 main.yaml subset', async () => {
  const { sink, count } = await importFile(yamlFixture);
  const namesOf = (name: string) =>
    sink.advisories.filter((r) => r.affected[0]!.name === name).map((r) => r.id);

  it('emits one record per (id, package) of the branch, packages in file order, ids sorted', () => {
    assert.equal(count, 206);
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(
      [...new Set(sink.advisories.map((r) => r.affected[0]!.name))],
      ['ansible', 'bzip2', 'sdl2_image', 'tcpdump', 'xen'],
    );
    assert.deepEqual(namesOf('bzip2'), ['CVE-2016-3189', 'CVE-2019-12900']);
    assert.equal(namesOf('ansible').length, 10);
  });

  it('a CVE gives the range up to the version that fixed it', () => {
    assert.deepEqual(sink.byId('CVE-2019-12900'), apk('CVE-2019-12900', 'bzip2', ['1.0.6-r7']));
  });

  it('other ids beside a CVE become its aliases; alone, they are the id', () => {
    assert.deepEqual(
      sink.byId('CVE-2017-12122'),
      apk('CVE-2017-12122', 'sdl2_image', ['2.0.3-r0'], ['TALOS-2017-0488']),
    );
    assert.deepEqual(
      sink.byId('CVE-2016-10013'),
      apk('CVE-2016-10013', 'xen', ['4.7.1-r4'], ['XSA-204']),
    );
    assert.deepEqual(sink.byId('XSA-207'), apk('XSA-207', 'xen', ['4.7.1-r5']));
    // 'CVE-????-?????  XSA-295': the placeholder is no id.
    assert.deepEqual(sink.byId('XSA-295'), apk('XSA-295', 'xen', ['4.12.1-r0']));
  });

  it('notes in parentheses are dropped', () => {
    assert.deepEqual(sink.byId('CVE-2018-14468'), apk('CVE-2018-14468', 'tcpdump', ['4.9.3-r0']));
  });

  it('reads the same data as JSON (the secdb.alpinelinux.org shape) and through gzip', async () => {
    const fromJson = await importFile(jsonFixture);
    assert.deepEqual(fromJson.sink.warnings, []);
    assert.deepEqual(
      fromJson.sink.advisories,
      sink.advisories.filter((r) => ['bzip2', 'sdl2_image'].includes(r.affected[0]!.name)),
    );
    const packed = join(scratch.dir, 'main');
    writeFileSync(packed, gzipSync(readFileSync(yamlFixture)));
    assert.deepEqual((await importFile(packed)).sink.advisories, sink.advisories);
  });
});

describe('entryIds', () => {
  it('reads every shape of secfixes entry in the real secdb', () => {
    const table: [string, { id: string; aliases: string[] }[]][] = [
      ['CVE-2019-12900', [{ id: 'CVE-2019-12900', aliases: [] }]],
      ['CVE-2017-14450 TALOS-2017-0499', [{ id: 'CVE-2017-14450', aliases: ['TALOS-2017-0499'] }]],
      [
        'CVE-2018-3620 CVE-2018-3646 XSA-273',
        [
          { id: 'CVE-2018-3620', aliases: ['XSA-273'] },
          { id: 'CVE-2018-3646', aliases: ['XSA-273'] },
        ],
      ],
      [
        'CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI',
        [
          { id: 'CVE-2017-5715', aliases: ['XSA-254'] },
          { id: 'CVE-2017-5753', aliases: ['XSA-254'] },
          { id: 'CVE-2017-5754', aliases: ['XSA-254'] },
        ],
      ],
      ['CVE-????-?????  XSA-295', [{ id: 'XSA-295', aliases: [] }]],
      ['XSA-207', [{ id: 'XSA-207', aliases: [] }]],
      ['wnpa-sec-2017-21', [{ id: 'wnpa-sec-2017-21', aliases: [] }]],
      ['CVE-2016-10134 ZBX-11023', [{ id: 'CVE-2016-10134', aliases: ['ZBX-11023'] }]],
      ['CVE_2019-2426', [{ id: 'CVE-2019-2426', aliases: [] }]],
      ['CVE 2018-16859', [{ id: 'CVE-2018-16859', aliases: [] }]],
      ['CVE-2017-8073.patch', [{ id: 'CVE-2017-8073', aliases: [] }]],
      ['CVE-2017-17434-1', [{ id: 'CVE-2017-17434', aliases: [] }]],
      [' CVE-2016-6263', [{ id: 'CVE-2016-6263', aliases: [] }]],
      [
        'CVE-2018-10105 (SMB - too unreliably reproduced, SMB printing disabled)',
        [{ id: 'CVE-2018-10105', aliases: [] }],
      ],
      ['CVE-2017-2616 (+ regression fix)', [{ id: 'CVE-2017-2616', aliases: [] }]],
      ['', []],
      ['see upstream', []],
    ];
    for (const [text, ids] of table) assert.deepEqual(entryIds(text), ids, text);
  });
});

describe('importAlpineSecdb on broken input', () => {
  it('warns about each broken package or entry, naming file and package, and imports the rest', async () => {
    const path = join(scratch.dir, 'broken.yaml');
    writeFileSync(
      path,
      [
        'distroversion: v3.9',
        'reponame: main',
        'packages:',
        '  - pkg:',
        '      secfixes:',
        '        1.0-r0:',
        '          - CVE-2019-0001',
        '  - pkg:',
        '      name: heimdal',
        '      secfixes:',
        '        7.4.0-r0:',
        '        r1-broken:',
        '          - CVE-2019-0002',
        '        "0":',
        '          - CVE-2016-0682',
        '        7.5.0-r0:',
        '          - see upstream',
        '          - CVE-2019-12098',
        '  - pkg:',
        '      name: ansible',
        '      secfixes:',
        '        2.7.3-r0:',
        '          - CVE 2018-16859',
        '',
      ].join('\n'),
    );
    const { sink, count } = await importFile(path);
    assert.deepEqual(sink.warnings, [
      `${path}: packages[0]: no pkg.name: skipped`,
      `${path}: heimdal: 7.4.0-r0: no list of ids: skipped`,
      `${path}: heimdal: bad version "r1-broken": skipped`,
      `${path}: heimdal: 7.5.0-r0: no advisory id in "see upstream"`,
    ]);
    assert.equal(count, 2);
    assert.deepEqual(
      sink.advisories.map((r) => `${r.affected[0]!.release} ${r.affected[0]!.name} ${r.id}`),
      ['v3.9 heimdal CVE-2019-12098', 'v3.9 ansible CVE-2018-16859'],
    );
  });

  it('JSON keys in any order: packages before distroversion wait for it', async () => {
    const path = join(scratch.dir, 'late-branch.json');
    writeFileSync(
      path,
      JSON.stringify({
        packages: [{ pkg: { name: 'bzip2', secfixes: { '1.0.6-r7': ['CVE-2019-12900'] } } }],
        distroversion: 'v3.11',
      }),
    );
    const { sink } = await importFile(path);
    assert.deepEqual(sink.advisories, [apk('CVE-2019-12900', 'bzip2', ['1.0.6-r7'])]);
  });

  it('a file without distroversion, a truncated JSON and invalid YAML throw InputError naming the file', async () => {
    const cases: [string, string, RegExp][] = [
      ['no-branch.json', '{"packages": []}', /distroversion/],
      ['truncated.json', readFileSync(jsonFixture, 'utf8').slice(0, 600), /^invalid JSON/],
      ['bad.yaml', 'distroversion: v3.11\npackages: [\n', /^invalid YAML/],
      ['no-branch.yaml', 'reponame: main\npackages:\n', /distroversion/],
    ];
    for (const [name, text, problem] of cases) {
      const path = join(scratch.dir, name);
      writeFileSync(path, text);
      await assert.rejects(importFile(path), (err: unknown) => {
        assert.ok(err instanceof InputError, name);
        assert.equal(err.subject, path);
        assert.match(err.problem, problem);
        return true;
      });
    }
  });
});
