import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import { importKev } from './kev.js';

const fixture = fixturePath('kev', 'known_exploited_vulnerabilities.json');
const scratch = scratchDir('kev');
after(() => scratch.remove());

describe('importKev', () => {
  it('reads every catalog entry with its dates and ransomware use', async () => {
    const sink = new CollectingSink();
    assert.equal(await importKev(fixture, sink), 2);
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(sink.kevEntries, [
      {
        cve: 'CVE-2014-0160',
        dateAdded: '2022-05-04',
        dueDate: '2022-05-25',
        knownRansomwareCampaignUse: 'Unknown',
      },
      {
        cve: 'CVE-2021-44228',
        dateAdded: '2021-12-10',
        dueDate: '2021-12-24',
        knownRansomwareCampaignUse: 'Known',
      },
    ]);
  });

  it('warns about an entry without a CVE id or date, naming file and entry, and goes on', async () => {
    const path = join(scratch.dir, 'broken.json');
    writeFileSync(
      path,
      JSON.stringify({
        catalogVersion: '2024.04.02',
        vulnerabilities: [
          { vendorProject: 'Apache' },
          { cveID: 'CVE-2021-45046', dateAdded: 'December 2021' },
          { cveID: 'CVE-2021-44228', dateAdded: '2021-12-10' },
        ],
      }),
    );
    const sink = new CollectingSink();
    assert.equal(await importKev(path, sink), 1);
    assert.deepEqual(sink.warnings, [
      `${path}: vulnerabilities[0]: no cveID: skipped`,
      `${path}: CVE-2021-45046: no dateAdded (YYYY-MM-DD): skipped`,
    ]);
    assert.deepEqual(sink.kevEntries, [{ cve: 'CVE-2021-44228', dateAdded: '2021-12-10' }]);
  });

  it('a truncated download throws InputError naming the file', async () => {
    const path = join(scratch.dir, 'truncated.json');
    writeFileSync(path, readFileSync(fixture, 'utf8').slice(0, 700));
    await assert.rejects(importKev(path, new CollectingSink()), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.subject, path);
      return true;
    });
  });
});
