import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import { detectFeed, FEED_KINDS, type FeedKind } from './detect-feed.js';

const scratch = scratchDir('detect-feed');
after(() => scratch.remove());

const fixtures: [FeedKind, string[]][] = [
  ['debian-tracker-json', ['debian', 'tracker.json']],
  ['debian-list', ['debian', 'DSA-list']],
  ['debian-list', ['debian', 'DLA-list']],
  ['alpine-secdb', ['alpine', 'v3.11-main-subset.yaml']],
  ['alpine-secdb', ['alpine', 'v3.11-main-subset.json']],
  ['nvd', ['nvd', 'cves.json']],
  ['epss', ['epss', 'epss_scores.csv']],
  ['kev', ['kev', 'known_exploited_vulnerabilities.json']],
  ['osv', ['osv', 'records']],
  ['osv', ['osv', 'records', 'go', 'GO-2024-2491.json']],
  ['osv', ['osv', 'records', 'pypi', 'PYSEC-2023-73.yaml']],
];

function scratchFile(name: string, content: string | Buffer): string {
  const path = join(scratch.dir, name);
  writeFileSync(path, content);
  return path;
}

describe('detectFeed', () => {
  it('tells every fixture feed by its content, one of each kind at least', async () => {
    assert.deepEqual(new Set(fixtures.map(([kind]) => kind)), new Set(FEED_KINDS));
    for (const [kind, parts] of fixtures)
      assert.equal(await detectFeed(fixturePath(...parts)), kind, parts.join('/'));
  });

  it('looks through gzip whatever the name says', async () => {
    for (const [kind, parts] of fixtures) {
      if (kind === 'osv') continue; // directories and OSV files: the OSV importer reads them as they are
      const packed = scratchFile(
        `${parts.at(-1)!}.data`,
        gzipSync(readFileSync(fixturePath(...parts))),
      );
      assert.equal(await detectFeed(packed), kind, parts.join('/'));
    }
  });

  it('a zip archive is an OSV dump', async () => {
    // The smallest zip: an end-of-central-directory record of an empty archive.
    const emptyZip = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
    assert.equal(await detectFeed(scratchFile('all', emptyZip)), 'osv');
  });

  it('reads the shapes, not the key order or the first few bytes', async () => {
    const cases: [FeedKind, string][] = [
      ['nvd', '{"vulnerabilities": [{"cve": {"id": "CVE-2024-3094"}}]}'],
      ['nvd', '{\n  "resultsPerPage": 0,\n  "format": "NVD_CVE",\n  "vulnerabilities": []\n}'],
      ['kev', '{"vulnerabilities": [{"cveID": "CVE-2021-44228", "dateAdded": "2021-12-10"}]}'],
      ['alpine-secdb', '{"packages": [{"pkg": {"name": "bzip2"}}], "distroversion": "v3.11"}'],
      ['debian-tracker-json', '{"tar": {"TEMP-0290435-0B57B5": {"releases": {}}}}'],
      ['osv', '{"id": "GO-2024-2491", "modified": "2024-02-05T00:00:00Z"}'],
      ['epss', 'cve,epss,percentile\nCVE-2021-44228,0.97565,0.99996\n'],
      ['debian-list', '[02 Jul 2002] DSA-135 libapache-mod-ssl -- buffer overflow / DoS\n'],
    ];
    for (const [i, [kind, text]] of cases.entries()) {
      assert.equal(await detectFeed(scratchFile(`case-${i}`, text)), kind, text);
    }
  });

  it('anything else throws InputError naming the file', async () => {
    for (const [name, text] of [
      ['empty', ''],
      ['readme.txt', 'Advisories are listed below.\n'],
      ['object.json', '{"name": "seawall", "version": "0.1.0"}'],
      ['array.json', '[1, 2, 3]'],
    ]) {
      const path = scratchFile(name!, text!);
      await assert.rejects(detectFeed(path), {
        name: 'InputError',
        subject: path,
        problem:
          'not a known advisory feed (expected OSV, Debian tracker JSON or list, Alpine secdb, NVD, EPSS or KEV)',
      });
    }
    const missing = join(scratch.dir, 'missing');
    await assert.rejects(detectFeed(missing), { name: 'InputError', subject: missing });
  });
});
