// renderScanReport: every format through the one entry point, with the CycloneDX library loaded only when asked for.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { SCAN_FORMATS, renderScanReport, type ScanFormat } from './render-scan.js';
import { sampleScanInventory, sampleScanReport } from '../testing/sample-scan-report.js';

const require = createRequire(import.meta.url);
const cycloneDxLoaded = () =>
  Object.keys(require.cache).some((path) => path.includes('@cyclonedx/cyclonedx-library'));
const CONTEXT = { inventory: sampleScanInventory(), toolVersion: '1.2.3' };

describe('renderScanReport', () => {
  it('loads the CycloneDX library only for the cyclonedx format', async () => {
    for (const format of SCAN_FORMATS.filter((f) => f !== 'cyclonedx')) {
      await renderScanReport(sampleScanReport(), format, CONTEXT);
    }
    assert.equal(cycloneDxLoaded(), false);
    const text = await renderScanReport(sampleScanReport(), 'cyclonedx', CONTEXT);
    assert.equal(cycloneDxLoaded(), true);
    assert.equal((JSON.parse(text) as { bomFormat: string }).bomFormat, 'CycloneDX');
  });

  it('gives each format its own output', async () => {
    const outputs = await Promise.all(
      SCAN_FORMATS.map((format) => renderScanReport(sampleScanReport(), format, CONTEXT)),
    );
    const output = (format: ScanFormat) => outputs[SCAN_FORMATS.indexOf(format)]!;
    assert.equal(new Set(outputs).size, SCAN_FORMATS.length);
    assert.match(output('table'), /^Target: /);
    assert.equal((JSON.parse(output('json')) as { schemaVersion: number }).schemaVersion, 1);
    assert.equal((JSON.parse(output('sarif')) as { version: string }).version, '2.1.0');
    assert.match(output('junit'), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
  });

  it('passes the Dockerfile on to SARIF', async () => {
    const text = await renderScanReport(sampleScanReport(), 'sarif', {
      ...CONTEXT,
      dockerfile: 'Dockerfile',
      dockerfileText: 'FROM golang:1.21 AS build\nFROM debian:11\n',
    });
    assert.match(text, /"uri": "Dockerfile"\s*},\s*"region": {\s*"startLine": 2/);
  });

  it('refuses a format it does not know with an input error', async () => {
    await assert.rejects(
      renderScanReport(sampleScanReport(), 'html' as ScanFormat, CONTEXT),
      (err: unknown) =>
        err instanceof InputError && err.subject === '--format' && /"html"/.test(err.problem),
    );
  });
});
