// The scan table: the header facts, one aligned row per unsuppressed finding in the report's order, the counts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  emptyScanReport,
  sampleFindingsReport,
  sampleScanReport,
} from '../testing/sample-scan-report.js';
import { TITLE_WIDTH, renderScanTable } from './scan-table.js';

describe('renderScanTable', () => {
  it('opens with the target, OS and database date', () => {
    assert.deepEqual(renderScanTable(sampleScanReport()).split('\n').slice(0, 4), [
      'Target:   docker.io/acme/build-agent:1.4 (image)',
      'OS:       Debian GNU/Linux 11 (bullseye)',
      'Database: updated 2024-11-04T06:12:00Z',
      '',
    ]);
  });

  it('lists the unsuppressed findings in the report order, in aligned columns', () => {
    const lines = renderScanTable(sampleScanReport()).split('\n');
    const header = lines[4]!;
    assert.match(header, /^PACKAGE +VERSION +ID +SEVERITY +STATUS +FIXED IN +TITLE$/);
    const rows = lines.slice(5, lines.indexOf('', 5));
    assert.deepEqual(
      rows.map((row) => row.split(/ {2,}/).slice(0, 6)),
      [
        ['github.com/opencontainers/runc', 'v1.1.11', 'GO-2024-2491', 'high', 'fixed', '1.1.12'],
        [
          'xserver-common',
          '2:1.20.11-1+deb11u5',
          'DSA-5380-1',
          'high',
          'fixed',
          '2:1.20.11-1+deb11u6',
        ],
        [
          'xserver-xorg-core',
          '2:1.20.11-1+deb11u5',
          'DSA-5380-1',
          'high',
          'fixed',
          '2:1.20.11-1+deb11u6',
        ],
        ['requests', '2.28.1', 'PYSEC-2023-74', 'medium', 'fixed', '2.31.0'],
        ['apt', '2.2.4', 'CVE-2011-3374', 'negligible', 'affected', '-'],
      ],
    );
    for (const column of ['VERSION', 'ID', 'SEVERITY', 'STATUS', 'FIXED IN', 'TITLE']) {
      const at = header.indexOf(column);
      for (const row of rows) {
        assert.equal(row.slice(at - 2, at), '  ', `${column} in ${row}`);
        assert.notEqual(row[at], ' ', `${column} in ${row}`);
      }
    }
    assert.ok(!rows.some((row) => row.includes('DSA-5343-1')), 'suppressed findings are not rows');
    for (const line of lines) assert.equal(line, line.trimEnd());
  });

  it('cuts long titles to the column width', () => {
    const lines = renderScanTable(sampleScanReport()).split('\n');
    const title = (id: string) => lines.find((l) => l.includes(id))!.split(/ {2,}/)[6]!;
    assert.equal(
      title('PYSEC-2023-74'),
      'Unintended leak of Proxy-Authorization header in requests',
    );
    assert.equal(
      title('CVE-2011-3374'),
      'It was found that apt-key in apt, all versions, do not co...',
    );
    assert.equal(title('CVE-2011-3374').length, TITLE_WIDTH);
  });

  it('keeps a row on one line when a feed title holds line breaks, and shows - for no title', () => {
    const report = sampleScanReport();
    report.vulnerabilities[0]!.title = 'Container breakout\nthrough\tleaked fds';
    delete report.vulnerabilities[4]!.title; // xserver-xorg-core
    const lines = renderScanTable(report).split('\n');
    assert.match(lines[5]!, / {2}Container breakout through leaked fds$/);
    assert.match(
      lines.find((l) => l.startsWith('xserver-xorg-core'))!,
      / {2}-$/,
    );
  });

  it('ends with the counts by severity, the suppressed count, and the warnings', () => {
    const text = renderScanTable(sampleScanReport());
    assert.ok(
      text.endsWith(
        [
          '',
          'Total: 5 (critical 0, high 3, medium 1, low 0, negligible 1, unknown 0), 2 suppressed',
          '',
          'Warnings (1):',
          '  .seawallignore.yaml: CVE-2022-0563 expired on 2024-06-30 and no longer suppresses',
          '',
        ].join('\n'),
      ),
    );
  });

  it('says so when nothing was found', () => {
    assert.equal(
      renderScanTable(emptyScanReport()),
      [
        'Target:   /tmp/empty-root (root filesystem)',
        'OS:       unknown',
        'Database: empty',
        '',
        'No vulnerabilities found.',
        '',
        'Total: 0 (critical 0, high 0, medium 0, low 0, negligible 0, unknown 0), 0 suppressed',
        '',
      ].join('\n'),
    );
  });

  it('follows the vulnerability table with one row per unsuppressed finding, in the report order', () => {
    const lines = renderScanTable(sampleFindingsReport()).split('\n');
    const vulnerabilityLines = renderScanTable(sampleScanReport()).split('\n');
    const end = vulnerabilityLines.indexOf('', 5);
    assert.deepEqual(lines.slice(0, end), vulnerabilityLines.slice(0, end), 'the same until then');
    assert.deepEqual(lines.slice(end, end + 5), [
      '',
      'ID          SEVERITY  KIND        LOCATION                           TITLE',
      'SW-SEC-001  critical  secret      root/.aws/credentials:2 (layer 1)  AWS access key ID in a file a later layer deleted (the la...',
      'SW-IMG-001  high      image       $.config.User                      USER root in the image configuration',
      'SW-DF-001   medium    dockerfile  Dockerfile:2                       FROM golang:latest uses the latest tag',
    ]);
    assert.equal(lines[end + 5], '', 'the suppressed SW-DF-002 is not a row');
  });

  it('counts vulnerabilities and findings apart, each with its suppressed ones', () => {
    const text = renderScanTable(sampleFindingsReport());
    assert.ok(
      text.endsWith(
        [
          '',
          'Vulnerabilities: 5 (critical 0, high 3, medium 1, low 0, negligible 1, unknown 0), 2 suppressed',
          'Findings:        3 (critical 1, high 1, medium 1, low 0, negligible 0, unknown 0), 1 suppressed',
          '',
          'Warnings (1):',
          '  .seawallignore.yaml: CVE-2022-0563 expired on 2024-06-30 and no longer suppresses',
          '',
        ].join('\n'),
      ),
    );
    assert.ok(!text.includes('Total:'));
  });

  it('shows only the findings when the vuln scanner did not run, without the database', () => {
    const report = {
      ...sampleFindingsReport(),
      vulnerabilities: [],
      scanners: ['config', 'secret'],
      warnings: [],
    };
    const lines = renderScanTable(report).split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'Target: docker.io/acme/build-agent:1.4 (image)',
      'OS:     Debian GNU/Linux 11 (bullseye)',
      '',
    ]);
    assert.match(lines[3]!, /^ID {10}SEVERITY {2}KIND/);
    assert.deepEqual(
      lines.slice(4, 7).map((row) => row.split(/ {2,}/)[0]),
      ['SW-SEC-001', 'SW-IMG-001', 'SW-DF-001'],
    );
    assert.deepEqual(lines.slice(7), [
      '',
      'Findings: 3 (critical 1, high 1, medium 1, low 0, negligible 0, unknown 0), 1 suppressed',
      '',
    ]);
    assert.ok(!lines.some((l) => /vulnerabilit|PACKAGE|Database/i.test(l)));
  });

  it('says what it looked for when the secret and config scanners found nothing', () => {
    assert.equal(
      renderScanTable({ ...emptyScanReport(), scanners: ['config', 'secret', 'vuln'] }),
      [
        'Target:   /tmp/empty-root (root filesystem)',
        'OS:       unknown',
        'Database: empty',
        '',
        'No vulnerabilities found.',
        '',
        'No secrets or misconfigurations found.',
        '',
        'Vulnerabilities: 0 (critical 0, high 0, medium 0, low 0, negligible 0, unknown 0), 0 suppressed',
        'Findings:        0 (critical 0, high 0, medium 0, low 0, negligible 0, unknown 0), 0 suppressed',
        '',
      ].join('\n'),
    );
    assert.match(
      renderScanTable({ ...emptyScanReport(), scanners: ['secret'] }),
      /^\nNo secrets found\.\n\nFindings: 0 \(/m,
    );
  });

  it('keeps a finding row on one line whatever its title or path holds', () => {
    const report = sampleFindingsReport();
    report.findings[1]!.title = 'USER root\nin the\timage configuration';
    report.findings[0]!.location.path = 'root/my\ncreds';
    const lines = renderScanTable(report).split('\n');
    assert.ok(lines.some((l) => /^SW-IMG-001 .* {2}USER root in the image configuration$/.test(l)));
    assert.ok(lines.some((l) => /^SW-SEC-001 .* {2}root\/my creds:2 \(layer 1\) {2}/.test(l)));
  });
});
