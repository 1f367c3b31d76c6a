// The table summary: header facts, one aligned row per package in canonical order, and the warnings.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyInventory, sampleInventory } from '../testing/sample-inventory.js';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('opens with the target, OS, layer count and package counts by type', () => {
    const lines = renderTable(sampleInventory()).split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'Target:   seawall-sample/debian:12 (image)',
      'OS:       Debian GNU/Linux 12 (bookworm)',
      'Layers:   2',
      'Packages: 16 (apk 1, deb 11, golang 1, maven 1, pypi 1, rpm 1)',
    ]);
  });

  it('lists every package in aligned columns NAME VERSION TYPE SOURCE LAYER', () => {
    const lines = renderTable(sampleInventory()).split('\n');
    const header = lines[5]!;
    assert.match(header, /^NAME +VERSION +TYPE +SOURCE +LAYER$/);
    const rows = lines.slice(6, 6 + sampleInventory().packages.length);
    assert.deepEqual(
      rows.map((row) => row.split(/ {2,}/)[0]),
      sampleInventory().packages.map((p) => p.name),
    );
    // Every column starts at the same offset as its header.
    for (const column of ['VERSION', 'TYPE', 'SOURCE', 'LAYER']) {
      const at = header.indexOf(column);
      for (const row of rows) {
        assert.equal(row.slice(at - 2, at), '  ', `${column} in ${row}`);
        assert.notEqual(row[at], ' ', `${column} in ${row}`);
      }
    }
    const bash = rows.find((row) => row.startsWith('bash '))!;
    assert.deepEqual(bash.split(/ {2,}/), ['bash', '5.2.15-2+b2', 'deb', 'bash (5.2.15-2)', '0']);
    const rpm = rows.find((row) => row.startsWith('openssl-libs '))!;
    assert.deepEqual(rpm.split(/ {2,}/), [
      'openssl-libs',
      '1:3.1.1-4.fc39',
      'rpm',
      'openssl (3.1.1-4.fc39)',
      '1',
    ]);
    const baseFiles = rows.find((row) => row.startsWith('base-files '))!;
    assert.equal(baseFiles.split(/ {2,}/)[3], '-', 'no source package');
    for (const line of lines) assert.equal(line, line.trimEnd());
  });

  it('ends with the warnings', () => {
    const text = renderTable(sampleInventory());
    assert.match(
      text,
      /\n\nWarnings \(1\):\n {2}docker-archive:debian-12\.tar: layer 1 .*dev\/zero\)\n$/,
    );
  });

  it('says so when nothing was found', () => {
    assert.equal(
      renderTable(emptyInventory()),
      [
        'Target:   /tmp/empty-root (root filesystem)',
        'OS:       unknown',
        'Layers:   1',
        'Packages: 0',
        '',
        'No packages found.',
        '',
      ].join('\n'),
    );
  });
});
