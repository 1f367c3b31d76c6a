import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../errors.js';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import { importNvd } from './nvd.js';

const fixture = fixturePath('nvd', 'cves.json');
const scratch = scratchDir('nvd');
after(() => scratch.remove());

const CRITICAL_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H';

describe('importNvd on a CVE API 2.0 response', async () => {
  const sink = new CollectingSink();
  const count = await importNvd(fixture, sink);

  it('emits one CveMetrics per vulnerability, without warnings', () => {
    assert.equal(count, 2);
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(
      sink.metrics.map((m) => m.cve),
      ['CVE-2021-44228', 'CVE-2024-3094'],
    );
  });

  it("keeps NVD's Primary scores, newest CVSS version first, and the newest one's severity", () => {
    const log4shell = sink.metrics[0]!;
    assert.deepEqual(log4shell.cvss, [
      { version: '3.1', vector: CRITICAL_VECTOR, score: 10, source: 'nvd' },
      { version: '2.0', vector: 'AV:N/AC:M/Au:N/C:C/I:C/A:C', score: 9.3, source: 'nvd' },
    ]);
    assert.equal(log4shell.severity, 'critical');
    assert.equal(log4shell.published, '2021-12-10T10:15:09.143Z');
    assert.match(log4shell.description ?? '', /^Apache Log4j2 2\.0-beta9 through 2\.15\.0/);
  });

  it("falls back to the CNA's score for a version NVD has not scored (CVE-2024-3094, Red Hat's 10.0)", () => {
    assert.deepEqual(sink.metrics[1], {
      cve: 'CVE-2024-3094',
      cvss: [{ version: '3.1', vector: CRITICAL_VECTOR, score: 10, source: 'secalert@redhat.com' }],
      severity: 'critical',
      published: '2024-03-29T17:15:21.150Z',
      description: readDescription('CVE-2024-3094'),
    });
  });

  it('reads a gzipped feed file the same', async () => {
    const packed = join(scratch.dir, 'nvdcve-2.0-2024.json.gz');
    writeFileSync(packed, gzipSync(readFileSync(fixture)));
    const again = new CollectingSink();
    assert.equal(await importNvd(packed, again), 2);
    assert.deepEqual(again.metrics, sink.metrics);
  });
});

function readDescription(id: string): string {
  const doc = JSON.parse(readFileSync(fixture, 'utf8')) as {
    vulnerabilities: { cve: { id: string; descriptions: { value: string }[] } }[];
  };
  return doc.vulnerabilities.find((v) => v.cve.id === id)!.cve.descriptions[0]!.value;
}

describe('importNvd on broken input', () => {
  it('warns about an element without an id or a metric without a vector, and goes on', async () => {
    const path = join(scratch.dir, 'broken.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'NVD_CVE',
        vulnerabilities: [
          { cve: { published: '2024-01-01T00:00:00.000' } },
          'not an object',
          {
            cve: {
              id: 'CVE-2023-44487',
              metrics: {
                cvssMetricV31: [
                  { source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1' } },
                  {
                    source: 'nvd@nist.gov',
                    type: 'Primary',
                    cvssData: {
                      version: '3.1',
                      vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
                    },
                  },
                ],
              },
            },
          },
        ],
      }),
    );
    const sink = new CollectingSink();
    assert.equal(await importNvd(path, sink), 1);
    assert.deepEqual(sink.warnings, [
      `${path}: vulnerabilities[0]: no cve.id: skipped`,
      `${path}: vulnerabilities[1]: no cve.id: skipped`,
      `${path}: CVE-2023-44487: a cvssMetricV31 entry without a vector: skipped`,
    ]);
    // No baseScore or baseSeverity given: both come from the vector.
    assert.deepEqual(sink.metrics, [
      {
        cve: 'CVE-2023-44487',
        cvss: [
          {
            version: '3.1',
            vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
            score: 7.5,
            source: 'nvd',
          },
        ],
        severity: 'high',
      },
    ]);
  });

  it('a truncated download throws InputError naming the file', async () => {
    const path = join(scratch.dir, 'truncated.json');
    const text = readFileSync(fixture, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    await assert.rejects(importNvd(path, new CollectingSink()), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.subject, path);
      assert.match(err.problem, /^invalid JSON/);
      return true;
    });
  });
});
