import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { AffectedPackage } from '../advisory.js';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import { importDebianList } from './debian-list.js';

const dsaList = fixturePath('debian', 'DSA-list');
const dlaList = fixturePath('debian', 'DLA-list');
const scratch = scratchDir('debian-list');
after(() => scratch.remove());

async function importFile(path: string): Promise<{ sink: CollectingSink; count: number }> {
  const sink = new CollectingSink();
  const count = await importDebianList(path, sink);
  return { sink, count };
}

function deb(
  release: string,
  name: string,
  fixed?: string,
  extra: Partial<AffectedPackage> = {},
): AffectedPackage {
  return {
    ecosystem: 'Debian',
    release,
    name,
    scheme: 'deb',
    ranges: [fixed === undefined ? { introduced: '0' } : { introduced: '0', fixed }],
    versions: [],
    ...extra,
  };
}

describe('importDebianList on a slice of the real DSA list', async () => {
  const { sink, count } = await importFile(dsaList);

  it('emits every advisory of the slice, in file order', () => {
    assert.equal(count, 28);
    assert.equal(sink.advisories.length, 28);
    assert.equal(sink.advisories[0]!.id, 'DSA-5380-1');
    assert.equal(sink.advisories.at(-1)!.id, 'DSA-135');
  });

  it('DSA-5380-1: header, CVE line and release line', () => {
    assert.deepEqual(sink.byId('DSA-5380-1'), {
      id: 'DSA-5380-1',
      source: 'debian-dsa',
      aliases: ['CVE-2023-1393'],
      summary: 'xorg-server - security update',
      published: '2023-03-29',
      cvss: [],
      references: ['https://security-tracker.debian.org/tracker/DSA-5380-1'],
      affected: [deb('11', 'xorg-server', '2:1.20.11-1+deb11u6')],
    });
  });

  it('reads every header variant: no -M, " -- ", no title, a leading "- ", no package, doubled spaces', () => {
    const summary = (id: string) => sink.byId(id).summary;
    assert.equal(summary('DSA-135'), 'libapache-mod-ssl - buffer overflow / DoS');
    assert.equal(summary('DSA-543-1'), 'krb5 - several vulnerabilities');
    assert.equal(summary('DSA-1256-1'), 'gtk+2.0');
    assert.equal(summary('DSA-1099-1'), 'horde2 - missing input sanitising');
    assert.equal(summary('DSA-1727-1'), 'SQL injection vulnerabilites');
    assert.equal(summary('DSA-2107-1'), 'couchdb - arbitrary code execution');
    assert.equal(summary('DSA-2092-1'), 'lxr-cvs - cross-site scripting');
    assert.equal(summary('DSA-4205-1'), 'jessie end-of-life');
    assert.equal(sink.byId('DSA-135').published, '2002-07-02');
  });

  it('an advisory without CVEs or packages is still a record (regression updates, end-of-life notices)', () => {
    assert.deepEqual(sink.byId('DSA-5356-2').aliases, []);
    assert.deepEqual(sink.byId('DSA-5356-2').affected, [
      deb('11', 'sox', '14.4.2+git20190427-2+deb11u2'),
    ]);
    assert.deepEqual(sink.byId('DSA-4205-1').affected, []);
    // A NOTE that mentions <unfixed> is a note, not a release line.
    assert.deepEqual(sink.byId('DSA-1605-1').affected, []);
    assert.deepEqual(sink.byId('DSA-1605-1').aliases, ['CVE-2008-1447']);
  });

  it('reads CVE and release lines indented by spaces, by spaces then a tab, or with doubled spaces', () => {
    assert.deepEqual(sink.byId('DSA-2906-1').affected, [
      deb('6', 'linux-2.6', '2.6.32-48squeeze5'),
    ]);
    assert.deepEqual(sink.byId('DSA-2494-1').aliases, [
      'CVE-2011-3951',
      'CVE-2011-3952',
      'CVE-2012-0851',
      'CVE-2012-0852',
    ]);
    assert.equal(sink.byId('DSA-2881-1').aliases.length, 10);
    assert.deepEqual(sink.byId('DSA-2798-1').affected, [
      deb('6', 'curl', '7.21.0-2.1+squeeze5'),
      deb('7', 'curl', '7.26.0-1+wheezy5'),
    ]);
  });

  it('reads the tags that stand for a version', () => {
    // <not-affected>, with and without a note: no entry for that release.
    assert.deepEqual(sink.byId('DSA-2275-1').affected, [
      deb('6', 'openoffice.org', '1:3.2.1-11+squeeze3'),
    ]);
    assert.deepEqual(sink.byId('DSA-1058-1').affected, [deb('3.1', 'awstats', '6.4-1sarge2')]);
    assert.deepEqual(sink.byId('DSA-880-1').affected, [
      deb('3.0', 'phpmyadmin'),
      deb('3.1', 'phpmyadmin', '4:2.6.2-3sarge1'),
    ]);
    assert.deepEqual(sink.byId('DSA-3699-1').affected, [
      deb('8', 'virtualbox', undefined, { unfixedStatus: 'end_of_life' }),
    ]);
  });

  it('an urgency among the trailing notes is the entry severity', () => {
    assert.deepEqual(sink.byId('DSA-746-1').affected, [
      deb('3.0', 'phpgroupware', undefined, { severity: 'high' }),
      deb('3.1', 'phpgroupware', '0.9.16.005-3.sarge0', { severity: 'high' }),
    ]);
    assert.deepEqual(sink.byId('DSA-858-1').affected, [
      deb('3.0', 'xloadimage', '4.1-10woody2', { severity: 'medium' }),
      deb('3.1', 'xloadimage', '4.1-14.3'),
    ]);
    assert.equal(sink.byId('DSA-837-1').affected[0]!.severity, 'medium');
    assert.equal(sink.byId('DSA-827-1').affected[0]!.severity, 'medium');
  });

  it('several packages of one release are sorted by name', () => {
    assert.deepEqual(
      sink.byId('DSA-136').affected.map((a) => `${a.release} ${a.name}`),
      ['3.0 openssl', '3.0 openssl094', '3.0 openssl095'],
    );
    assert.deepEqual(
      sink.byId('DSA-1964-1').affected.map((a) => `${a.release} ${a.name}`),
      ['4 postgresql-7.4', '4 postgresql-8.1', '5 postgresql-8.3'],
    );
  });

  it("warns about the real list's one unreadable release line, naming file and line, and goes on", () => {
    assert.deepEqual(sink.warnings, [
      `${dsaList}:88: DSA-423: bad version "kernel-image-2.4.17-ia64" for kernel-image-2.4.17-ia64 in [woody]`,
    ]);
    const dsa423 = sink.byId('DSA-423');
    assert.deepEqual(dsa423.affected, []);
    assert.equal(dsa423.aliases.length, 12);
    assert.ok(sink.byId('DSA-136'));
  });
});

describe('importDebianList on a slice of the real DLA list', async () => {
  const { sink, count } = await importFile(dlaList);

  it('reads DLAs as source debian-dla, with no warnings', () => {
    assert.equal(count, 9);
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(sink.byId('DLA-3372-1'), {
      id: 'DLA-3372-1',
      source: 'debian-dla',
      aliases: ['CVE-2023-1393'],
      summary: 'xorg-server - security update',
      published: '2023-03-29',
      cvss: [],
      references: ['https://security-tracker.debian.org/tracker/DLA-3372-1'],
      affected: [deb('10', 'xorg-server', '2:1.20.4-1+deb10u9')],
    });
  });

  it('a trailing space after the version and doubled spaces between CVEs', () => {
    assert.deepEqual(sink.byId('DLA-179-1').affected, [deb('6', 'tzdata', '2015b-0squeeze1')]);
    assert.deepEqual(sink.byId('DLA-63-1').aliases, [
      'CVE-2014-7169',
      'CVE-2014-7186',
      'CVE-2014-7187',
    ]);
    assert.deepEqual(sink.byId('DLA-372-1').affected, [
      deb('6', 'virtualbox-ose', undefined, { unfixedStatus: 'end_of_life' }),
    ]);
    assert.equal(sink.byId('DLA-3067-1').summary, 'stretch-lts - end-of-life');
  });

  it('reads a gzipped list the same', async () => {
    const packed = join(scratch.dir, 'DLA-list.gz');
    writeFileSync(packed, gzipSync(readFileSync(dlaList)));
    const again = await importFile(packed);
    assert.deepEqual(again.sink.advisories, sink.advisories);
  });
});

describe('importDebianList on broken lines', () => {
  it('warns with file and line number for each, and keeps every readable advisory', async () => {
    const path = join(scratch.dir, 'broken-list');
    writeFileSync(
      path,
      [
        '\t[bullseye] - orphan 1.0-1',
        '[29 Mar 2023] DSA-5380-1 xorg-server - security update',
        '\t{CVE-2023-1393 GHSA-xxxx}',
        '\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6',
        '\t[buster] - xorg-server 2:1.20.4-1+deb10u9;low',
        '\t[hamm2] - xorg-server 1.0',
        '\t[bullseye] - xorg-server <maybe>',
        '\t[bullseye] - xorg-server',
        '\tthis is not a line of the format',
        '[31 Feb 2023] DSA-9999-1 nothing - bad date',
        '\t[bullseye] - nothing 1.0',
        '[27 Mar 2023] USN-1-1 foo - not a Debian advisory',
        '[27 Mar 2023] DSA-5379-1 dino-im - security update',
        '\t{CVE-2023-28686}',
        '\t[bullseye] - dino-im 0.2.0-3+deb11u1',
        '',
      ].join('\r\n'),
    );
    const { sink, count } = await importFile(path);
    assert.deepEqual(
      sink.advisories.map((r) => r.id),
      ['DSA-5380-1', 'DSA-5379-1'],
    );
    assert.equal(count, 2);
    assert.deepEqual(sink.warnings, [
      `${path}:1: line before the first advisory header`,
      `${path}:3: DSA-5380-1: "GHSA-xxxx" is not a CVE id`,
      `${path}:6: DSA-5380-1: unknown release [hamm2]`,
      `${path}:7: DSA-5380-1: unknown tag <maybe> for xorg-server in [bullseye]`,
      `${path}:8: DSA-5380-1: no version for xorg-server in [bullseye]`,
      `${path}:9: DSA-5380-1: unreadable line "this is not a line of the format"`,
      `${path}:10: DSA-9999-1: bad date 31 Feb 2023: advisory skipped`,
      `${path}:12: USN-1-1 is not a DSA or DLA id: advisory skipped`,
    ]);
    // '2:1.20.4-1+deb10u9;low': a ';' ends the version even without a space.
    assert.deepEqual(sink.byId('DSA-5380-1').affected, [
      deb('10', 'xorg-server', '2:1.20.4-1+deb10u9', { severity: 'low' }),
      deb('11', 'xorg-server', '2:1.20.11-1+deb11u6'),
    ]);
    assert.deepEqual(sink.byId('DSA-5379-1').affected, [deb('11', 'dino-im', '0.2.0-3+deb11u1')]);
  });

  it('a missing file throws InputError naming it', async () => {
    const path = join(scratch.dir, 'no-such-list');
    await assert.rejects(importFile(path), { name: 'InputError', subject: path });
  });
});
