import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import { importEpss } from './epss.js';

const fixture = fixturePath('epss', 'epss_scores.csv');
const scratch = scratchDir('epss');
after(() => scratch.remove());

const expected = [
  { cve: 'CVE-1999-0001', score: 0.00383, percentile: 0.72361 },
  { cve: 'CVE-2014-0160', score: 0.97342, percentile: 0.99896 },
  { cve: 'CVE-2021-44228', score: 0.97565, percentile: 0.99996 },
  { cve: 'CVE-2024-3094', score: 0.05312, percentile: 0.9281 },
];

describe('importEpss', () => {
  it('reads the daily CSV after its model comment and header', async () => {
    const sink = new CollectingSink();
    assert.equal(await importEpss(fixture, sink), 4);
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(sink.scores, expected);
  });

  it('reads the .csv.gz FIRST publishes, and a file without the comment line', async () => {
    const packed = join(scratch.dir, 'epss_scores-2024-04-01.csv.gz');
    writeFileSync(packed, gzipSync(readFileSync(fixture)));
    const sink = new CollectingSink();
    assert.equal(await importEpss(packed, sink), 4);
    assert.deepEqual(sink.scores, expected);

    const bare = join(scratch.dir, 'bare.csv');
    writeFileSync(bare, 'percentile,cve,epss\r\n0.99996,CVE-2021-44228,0.97565\r\n');
    const reordered = new CollectingSink();
    await importEpss(bare, reordered);
    assert.deepEqual(reordered.scores, [expected[2]]);
  });

  it('warns about each bad row with file and line number, and goes on', async () => {
    const path = join(scratch.dir, 'broken.csv');
    writeFileSync(
      path,
      [
        '#model_version:v2023.03.01,score_date:2024-04-01T00:00:00+0000',
        'cve,epss,percentile',
        'CVE-2021-44228,0.97565,0.99996',
        'not-a-cve,0.5,0.5',
        'CVE-2014-0160,high,0.99',
        'CVE-2014-0160,1.5,0.99',
        'CVE-2024-3094,0.05312',
        '',
        'CVE-1999-0001,0.00383,0.72361',
      ].join('\n'),
    );
    const sink = new CollectingSink();
    assert.equal(await importEpss(path, sink), 2);
    assert.deepEqual(sink.warnings, [
      `${path}:4: not a CVE id: "not-a-cve"`,
      `${path}:5: CVE-2014-0160: epss and percentile must be numbers from 0 to 1`,
      `${path}:6: CVE-2014-0160: epss and percentile must be numbers from 0 to 1`,
      `${path}:7: CVE-2024-3094: epss and percentile must be numbers from 0 to 1`,
    ]);
    assert.deepEqual(
      sink.scores.map((s) => s.cve),
      ['CVE-2021-44228', 'CVE-1999-0001'],
    );
  });

  it('a file that is not EPSS throws InputError naming it and the line', async () => {
    const path = join(scratch.dir, 'other.csv');
    writeFileSync(path, 'name,version\nopenssl,3.0.13\n');
    await assert.rejects(importEpss(path, new CollectingSink()), {
      name: 'InputError',
      subject: path,
      problem: 'line 1: not an EPSS CSV (expected the header cve,epss,percentile)',
    });
  });
});
