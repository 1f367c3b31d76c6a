import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parseDpkgStatus } from './status-parser.js';

const realStatus = readFileSync(
  fixturePath('dpkg', 'debian12', 'var', 'lib', 'dpkg', 'status'),
  'utf8',
);

function parse(text: string) {
  const warnings: string[] = [];
  return { records: parseDpkgStatus(text, (m) => warnings.push(m)), warnings };
}

describe('parseDpkgStatus on a real Debian 12 status file', () => {
  const { records, warnings } = parse(realStatus);

  it('reads every stanza without warnings', () => {
    assert.equal(records.length, 32);
    assert.deepEqual(warnings, []);
  });

  it('takes the source name and version from "Source: name (version)"', () => {
    const bash = records.find((r) => r.name === 'bash')!;
    assert.deepEqual(bash.source, { name: 'bash', version: '5.2.15-2' });
    assert.equal(bash.version, '5.2.15-2+b8');
    assert.equal(bash.description, 'GNU Bourne Again SHell');
    assert.equal(bash.maintainer, 'Matthias Klose <doko@debian.org>');
  });

  it('uses the binary version when Source has none, and the binary name and version when there is no Source', () => {
    assert.deepEqual(records.find((r) => r.name === 'passwd')!.source, {
      name: 'shadow',
      version: '1:4.13+dfsg1-1+deb12u1',
    });
    assert.deepEqual(records.find((r) => r.name === 'mawk')!.source, {
      name: 'mawk',
      version: '1.3.4.20200120-3.1',
    });
  });

  it('keeps Pre-Depends and Depends with alternatives, and Provides names', () => {
    const pam = records.find((r) => r.name === 'libpam0g')!;
    assert.deepEqual(pam.depends, [
      [{ name: 'libaudit1' }],
      [{ name: 'libc6' }],
      [{ name: 'debconf' }, { name: 'debconf-2.0' }],
    ]);
    assert.deepEqual(records.find((r) => r.name === 'base-files')!.depends, [[{ name: 'awk' }]]);
    assert.deepEqual(records.find((r) => r.name === 'mawk')!.provides, ['awk']);
    assert.equal(records.find((r) => r.name === 'libc6')!.multiArch, 'same');
  });
});

describe('parseDpkgStatus states and bad input', () => {
  const stanza = (name: string, status: string) =>
    `Package: ${name}\nStatus: ${status}\nArchitecture: amd64\nVersion: 1.0-1\n`;

  it('reports packages whose files are on disk and skips removed, half-installed and not-installed ones', () => {
    const text = [
      stanza('pa', 'install ok installed'),
      stanza('pb', 'deinstall ok config-files'),
      stanza('pc', 'install ok unpacked'),
      stanza('pd', 'install reinstreq half-installed'),
      stanza('pe', 'install ok triggers-pending'),
      stanza('pf', 'purge ok not-installed'),
      stanza('pg', 'hold ok installed'),
      stanza('ph', 'install ok half-configured'),
    ].join('\n');
    assert.deepEqual(
      parse(text).records.map((r) => r.name),
      ['pa', 'pc', 'pe', 'pg', 'ph'],
    );
  });

  it('accepts a stanza without Status (distroless status.d files)', () => {
    const { records } = parse('Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n');
    assert.deepEqual(
      records.map((r) => [r.name, r.version, r.arch]),
      [['tzdata', '2024a-0+deb12u1', 'all']],
    );
  });

  it('warns about malformed stanzas with their line and keeps the rest', () => {
    const text = [
      stanza('good-one', 'install ok installed'),
      'Package: broken\nStatus: install ok installed\nthis line has no colon\nVersion: 1\n',
      'Package: no-version\nStatus: install ok installed\n',
      'Package: Bad_Name\nStatus: install ok installed\nVersion: 1\n',
      'Package: bad-version\nStatus: install ok installed\nVersion: 1.0 beta\n',
      stanza('good-two', 'install ok installed'),
    ].join('\n');
    const { records, warnings } = parse(text);
    assert.deepEqual(
      records.map((r) => r.name),
      ['good-one', 'good-two'],
    );
    assert.deepEqual(warnings, [
      'stanza at line 6 (broken): line 8: not a "Field: value" line; skipped',
      'stanza at line 11 (no-version): no Version field; skipped',
      'stanza at line 14 (Bad_Name): invalid package name "Bad_Name"; skipped',
      'stanza at line 18 (bad-version): invalid version "1.0 beta"; skipped',
    ]);
  });
});
