// The scan table: the header facts, one aligned row per unsuppressed finding in the report's order, the counts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyScanReport, sampleScanReport } from '../testing/sample-scan-report.js';
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
});
