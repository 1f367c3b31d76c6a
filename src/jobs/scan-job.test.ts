// `seawall scan` end to end on the real application image and the bundled real advisories: the Go standard library
// compiled into Debian's runc matched against the Go advisories, an image and its own SBOMs giving the same
// findings, and the gate.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appImage } from '../testing/images.js';
import { scratchDir } from '../testing/fixtures.js';
import { bundledTestDb } from '../testing/vulndb.js';
import type { ScanReport } from '../detect/scan-report.js';
import { runSbomJob } from './sbom-job.js';
import { runScanJob, type ScanJobOptions } from './scan-job.js';

const scratch = scratchDir('scan-job');
let dbPath: string;
let target: string;
before(async () => {
  dbPath = await bundledTestDb();
  target = `oci:${appImage().oci}:apps`;
});
after(() => scratch.remove());

async function scan(t: string, options: Partial<ScanJobOptions> = {}): Promise<ScanReport> {
  const result = await runScanJob(t, {
    format: 'json',
    dbPath,
    cacheDir: join(scratch.dir, 'cache'),
    now: new Date('2026-11-23T00:00:00Z'),
    ...options,
  });
  assert.deepEqual(result.errors, []);
  return JSON.parse(result.text) as ScanReport;
}

describe('runScanJob on the application image', () => {
  it('skips language packages an OS package installed, by default', async () => {
    const report = await scan(target);
    assert.equal(report.os?.family, 'debian');
    assert.ok(report.db.updatedAt);
    assert.ok(report.db.sources.some((s) => s.name === 'bundled:osv.zip' && s.records > 6000));
    assert.ok(report.packages.length > 300);
    assert.ok(report.packages.some((p) => p.ecosystem === 'Debian:12'));
    assert.deepEqual(
      report.vulnerabilities.filter((v) => v.package.name === 'stdlib'),
      [],
    );
  });

  it('finds the Go advisories of the standard library compiled into runc with --detection comprehensive', async () => {
    const report = await scan(target, { detection: 'comprehensive' });
    const stdlib = report.vulnerabilities.filter((v) => v.package.name === 'stdlib');
    assert.ok(stdlib.length >= 10, `only ${stdlib.length} stdlib findings`);
    for (const v of stdlib) {
      assert.match(v.id, /^GO-\d{4}-\d+$/);
      assert.equal(v.package.version, 'v1.19.8');
      assert.equal(v.package.ecosystem, 'Go');
      assert.equal(v.package.location, 'usr/sbin/runc');
      assert.equal(v.status, 'fixed');
      assert.ok(v.fixedVersion, `${v.id} has no fixed version`);
      assert.ok(
        v.aliases.some((a) => a.startsWith('CVE-')),
        `${v.id} has no CVE alias`,
      );
      assert.equal(v.dataSource, 'osv');
    }
    // requests 2.28.1 from python3-requests: PYSEC-2023-74, fixed in 2.31.0.
    const requests = report.vulnerabilities.find((v) => v.id === 'PYSEC-2023-74');
    assert.equal(requests?.package.name, 'requests');
    assert.equal(requests?.fixedVersion, '2.31.0');
  });

  it('gives the same findings for the image and for its own CycloneDX and SPDX SBOMs', async () => {
    const image = await scan(target, { detection: 'comprehensive' });
    for (const format of ['cyclonedx', 'spdx'] as const) {
      const sbom = await runSbomJob(target, { format, cacheDir: join(scratch.dir, 'cache') });
      const file = join(scratch.dir, `apps.${format}.json`);
      writeFileSync(file, sbom.text);
      const fromSbom = await scan(`sbom:${file}`, { detection: 'comprehensive' });
      assert.equal(fromSbom.target.kind, 'sbom');
      assert.deepEqual(fromSbom.vulnerabilities, image.vulnerabilities, format);
    }
  });

  it('filters by severity and fixability, and gates on --fail-on', async () => {
    const all = await runScanJob(target, {
      format: 'json',
      dbPath,
      cacheDir: join(scratch.dir, 'cache'),
      detection: 'comprehensive',
      failOn: 'high',
    });
    const report = JSON.parse(all.text) as ScanReport;
    const hasHigh = report.vulnerabilities.some(
      (v) => v.severity === 'critical' || v.severity === 'high',
    );
    assert.equal(all.gate, hasHigh ? 1 : 0);
    const onlyLow = await scan(target, { detection: 'comprehensive', severities: ['low'] });
    assert.ok(onlyLow.vulnerabilities.every((v) => v.severity === 'low'));
    const fixable = await scan(target, { detection: 'comprehensive', ignoreUnfixed: true });
    assert.ok(fixable.vulnerabilities.every((v) => v.status === 'fixed'));
  });
});
