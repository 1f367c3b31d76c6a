// The JSON contract: the report itself, keys sorted, byte-for-byte reproducible, and every field documented in
// docs/scan-json.md.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ScanReport } from '../detect/scan-report.js';
import { repoRoot } from '../testing/fixtures.js';
import {
  emptyScanReport,
  sampleFindingsReport,
  sampleScanReport,
} from '../testing/sample-scan-report.js';
import { renderScanJson } from './scan-json.js';

function keysSortedEverywhere(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSortedEverywhere);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  const sorted = [...keys].sort();
  return (
    keys.every((key, i) => key === sorted[i]) && Object.values(value).every(keysSortedEverywhere)
  );
}

/** Every key of every object in `value`, as dotted paths with `[]` for array items. */
function keyPaths(value: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  if (Array.isArray(value)) {
    for (const item of value) for (const path of keyPaths(item, `${prefix}[]`)) paths.add(path);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.add(path);
      for (const nested of keyPaths(child, path)) paths.add(nested);
    }
  }
  return paths;
}

/**
 * The sample with every optional field present somewhere: EPSS and KEV on one finding, a configuration audit's
 * finding with a JSON path, a Pod Security Standards mapping and an expiring suppression (values only illustrative).
 */
function reportWithEveryField(): ScanReport {
  const report = sampleFindingsReport();
  Object.assign(report.vulnerabilities[0]!, {
    epss: { score: 0.5, percentile: 0.9 },
    kev: { dateAdded: '2024-01-31' },
  });
  report.findings.push({
    id: 'SW-CFG-001',
    kind: 'config',
    severity: 'high',
    title: 'Privileged container',
    location: {
      path: 'deploy/agent.yaml',
      line: 21,
      jsonPath: '$.spec.containers[0].securityContext.privileged',
    },
    remediation: 'Remove privileged: true.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    frameworks: { pss: ['baseline:privileged'] },
    suppressed: {
      kind: 'ignore-file',
      file: '.seawallignore.yaml',
      reason: 'Needs the host network stack until SEC-200',
      expires: '2025-06-30',
    },
  });
  Object.assign(report.packages[0]!, {
    managedBy: 'pkg:deb/debian/python3-requests@2.25.1%2Bdfsg-2?arch=all',
  });
  return report;
}

describe('renderScanJson', () => {
  it('parses back to the report it was rendered from', () => {
    assert.deepEqual(JSON.parse(renderScanJson(sampleScanReport())), sampleScanReport());
    assert.deepEqual(JSON.parse(renderScanJson(emptyScanReport())), emptyScanReport());
    assert.deepEqual(JSON.parse(renderScanJson(sampleFindingsReport())), sampleFindingsReport());
  });

  it('writes findings and scanners beside the vulnerabilities, keys sorted, in the report order', () => {
    const text = renderScanJson(sampleFindingsReport());
    const parsed = JSON.parse(text) as ScanReport;
    assert.ok(keysSortedEverywhere(parsed));
    assert.deepEqual(Object.keys(parsed), [
      'db',
      'findings',
      'os',
      'packages',
      'scanners',
      'schemaVersion',
      'target',
      'vulnerabilities',
      'warnings',
    ]);
    assert.deepEqual(
      parsed.findings.map((f) => [f.id, f.severity, f.suppressed?.kind]),
      [
        ['SW-SEC-001', 'critical', undefined],
        ['SW-IMG-001', 'high', undefined],
        ['SW-DF-001', 'medium', undefined],
        ['SW-DF-002', 'low', 'inline'],
      ],
    );
    assert.deepEqual(parsed.scanners, ['config', 'secret', 'vuln']);
    // Only the masked evidence is ever written: AWS's example key is AKIAIOSFODNN7EXAMPLE.
    assert.ok(text.includes('AKIA************MPLE') && !text.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(
      text.includes(
        '"frameworks": {\n        "cis-docker": [\n          "4.10"\n        ],\n        "dockle": [',
      ),
    );
  });

  it('gives byte-identical output for the same report, whatever order its keys were set in', () => {
    const first = renderScanJson(sampleScanReport());
    assert.equal(renderScanJson(sampleScanReport()), first);
    const shuffled = JSON.parse(
      JSON.stringify(sampleScanReport(), (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    ) as ScanReport;
    assert.equal(renderScanJson(shuffled), first);
  });

  it('writes every object with sorted keys, two-space indented, ending in a newline', () => {
    const text = renderScanJson(sampleScanReport());
    assert.ok(keysSortedEverywhere(JSON.parse(text)));
    assert.ok(text.startsWith('{\n  "db": {\n'));
    assert.ok(text.endsWith('}\n') && !text.endsWith('}\n\n'));
  });

  it('keeps suppressed findings in place, with their suppression', () => {
    const parsed = JSON.parse(renderScanJson(sampleScanReport())) as ScanReport;
    const suppressed = parsed.vulnerabilities.filter((f) => f.suppressed);
    assert.deepEqual(
      suppressed.map((f) => [f.id, f.package.name, f.suppressed!.kind]),
      [
        ['DSA-5343-1', 'libssl1.1', 'vex'],
        ['DSA-5343-1', 'openssl', 'ignore-file'],
      ],
    );
    assert.equal(parsed.vulnerabilities.length, 7);
  });

  it('has every field it can write documented in docs/scan-json.md', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'scan-json.md'), 'utf8');
    const paths = keyPaths(JSON.parse(renderScanJson(reportWithEveryField())));
    const undocumented = [...paths].filter((path) => !doc.includes(`\`${path}\``));
    assert.deepEqual(undocumented, []);
  });

  it('has an example in docs/scan-json.md that parses, with sorted keys and only fields the sample also has', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'scan-json.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example, 'a json example');
    const parsed = JSON.parse(example) as unknown;
    assert.ok(keysSortedEverywhere(parsed));
    const known = keyPaths(JSON.parse(renderScanJson(reportWithEveryField())));
    assert.deepEqual(
      [...keyPaths(parsed)].filter((path) => !known.has(path)),
      [],
    );
  });
});
