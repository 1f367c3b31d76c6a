import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { fixturePath } from '../testing/fixtures.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { dpkgAnalyzer } from './dpkg.js';
import { osAnalyzer } from './os-release.js';

const root = fixturePath('dpkg', 'debian12');
const realStatus = readFileSync(
  fixturePath('dpkg', 'debian12', 'var', 'lib', 'dpkg', 'status'),
  'utf8',
);
const deb = (nameAtVersion: string, arch = 'amd64') => {
  const [name, version] = nameAtVersion.split('@');
  return `pkg:deb/debian/${name}@${version}?arch=${arch}&distro=debian-12`;
};

async function scan(...layers: TestLayer[]) {
  const result = await runAnalyzers([osAnalyzer, dpkgAnalyzer], layers);
  const byName = (name: string): Package => {
    const found = result.packages.filter((p) => p.name === name);
    assert.equal(found.length, 1, `one package named ${name}`);
    return found[0]!;
  };
  return { ...result, byName };
}

describe('dpkg analyzer on a real Debian 12 subset', async () => {
  const { packages, warnings, os, byName } = await scan(root);

  it('reports every installed package once, sorted, without warnings', () => {
    assert.equal(packages.length, 32);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => p.name),
      [...packages.map((p) => p.name)].sort(),
    );
    assert.equal(os?.family, 'debian');
  });

  it('libc6: Multi-Arch: same list file, non-DEP-5 copyright, source glibc', () => {
    const libc6 = byName('libc6');
    assert.deepEqual(
      { ...libc6, files: libc6.files.length },
      {
        type: 'deb',
        name: 'libc6',
        version: '2.36-9+deb12u14',
        arch: 'amd64',
        source: { name: 'glibc', version: '2.36-9+deb12u14' },
        licenses: [{ text: 'GPL-2' }, { text: 'LGPL-2.1' }],
        purl: deb('libc6@2.36-9+deb12u14'),
        files: 286,
        dependsOn: [deb('libgcc-s1@12.2.0-14+deb12u1')],
        layer: 0,
        foundBy: 'dpkg',
        location: 'var/lib/dpkg/status',
        maintainer: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
        description: 'GNU C Library: Shared libraries',
      },
    );
    assert.ok(libc6.files.includes('lib/x86_64-linux-gnu/libc.so.6'));
    assert.ok(!libc6.files.includes('lib/x86_64-linux-gnu'), 'directories are not files');
  });

  it('libgcc-s1: licence through the usr/share/doc/libgcc-s1 -> gcc-12-base symlink', () => {
    const libgcc = byName('libgcc-s1');
    assert.deepEqual(libgcc.licenses, byName('gcc-12-base').licenses);
    assert.deepEqual(libgcc.licenses, [
      { expression: 'Artistic-1.0' },
      { text: 'GFDL-1.2' },
      { text: 'GPL' },
      { text: 'GPL-2' },
      { text: 'GPL-3' },
      { text: 'LGPL' },
    ]);
    assert.deepEqual(libgcc.files, [
      'lib/x86_64-linux-gnu/libgcc_s.so.1',
      'usr/share/doc/libgcc-s1',
      'usr/share/lintian/overrides/libgcc-s1',
    ]);
    assert.deepEqual(libgcc.dependsOn, [
      deb('gcc-12-base@12.2.0-14+deb12u1'),
      deb('libc6@2.36-9+deb12u14'),
    ]);
  });

  it('bsdutils: epoch in the version, source version without it, missing libsystemd0 makes no edge', () => {
    const bsdutils = byName('bsdutils');
    assert.equal(bsdutils.version, '1:2.38.1-5+deb12u3');
    assert.equal(
      bsdutils.purl,
      'pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u3?arch=amd64&distro=debian-12',
    );
    assert.deepEqual(bsdutils.source, { name: 'util-linux', version: '2.38.1-5+deb12u3' });
    assert.deepEqual(bsdutils.dependsOn, [deb('libc6@2.36-9+deb12u14')]);
    assert.equal(bsdutils.files.length, 22);
  });

  it('libcap2: DEP-5 licences as SPDX expressions, source version with its epoch', () => {
    const libcap2 = byName('libcap2');
    assert.deepEqual(libcap2.source, { name: 'libcap2', version: '1:2.66-4+deb12u2' });
    assert.deepEqual(libcap2.licenses, [
      { expression: 'BSD-3-Clause OR GPL-2.0-only' },
      { expression: 'BSD-3-Clause OR GPL-2.0-or-later' },
    ]);
  });

  it('base-files pre-depends on the virtual awk, which mawk provides', () => {
    assert.deepEqual(byName('base-files').dependsOn, [deb('mawk@1.3.4.20200120-3.1')]);
  });

  it('libpam0g: "debconf (>= 0.5) | debconf-2.0" resolves to debconf (arch all)', () => {
    assert.deepEqual(byName('libpam0g').dependsOn, [
      deb('debconf@1.5.82', 'all'),
      deb('libaudit1@1:3.0.9-1'),
      deb('libc6@2.36-9+deb12u14'),
    ]);
  });

  it('passwd: plain Source gets the binary version; DEP-5 with public-domain kept as text', () => {
    const passwd = byName('passwd');
    assert.deepEqual(passwd.source, { name: 'shadow', version: '1:4.13+dfsg1-1+deb12u1' });
    assert.deepEqual(passwd.licenses, [
      { expression: 'BSD-3-Clause' },
      { expression: 'GPL-1.0-only' },
      { expression: 'GPL-2.0-or-later' },
      { text: 'public-domain' },
    ]);
    assert.equal(passwd.files.length, 343);
    assert.ok(passwd.files.includes('usr/sbin/useradd'));
  });

  it('every dependsOn edge points at a reported package', () => {
    const purls = new Set(packages.map((p) => p.purl));
    for (const p of packages)
      for (const d of p.dependsOn) assert.ok(purls.has(d), `${p.name} -> ${d}`);
  });
});

describe('dpkg analyzer across layers', () => {
  const helloStanza = [
    'Package: hello',
    'Status: install ok installed',
    'Architecture: amd64',
    'Version: 2.10-3',
    'Depends: libc6 (>= 2.34)',
    'Description: example package based on GNU hello',
    '',
  ].join('\n');

  it('attributes each package to the layer that introduced its version', async () => {
    const upgraded = realStatus.replace(
      'Version: 1:2.66-4+deb12u2+b2',
      'Version: 1:2.66-4+deb12u3',
    );
    const { byName, warnings } = await scan(
      root,
      { 'var/lib/dpkg/status': `${realStatus}\n${helloStanza}`, 'etc/motd': 'hi\n' },
      { 'var/lib/dpkg/status': `${upgraded}\n${helloStanza}` },
    );
    assert.deepEqual(warnings, []);
    assert.equal(byName('bash').layer, 0);
    assert.equal(byName('hello').layer, 1);
    assert.equal(byName('libcap2').layer, 2);
    assert.equal(byName('libcap2').version, '1:2.66-4+deb12u3');
    assert.deepEqual(byName('hello').dependsOn, [deb('libc6@2.36-9+deb12u14')]);
  });

  it('a package purged in a later layer is gone, and so are its files facts', async () => {
    const withoutMawk = realStatus.replace(/Package: mawk\n[\s\S]*?\n\n/, '');
    const { packages, byName } = await scan(root, {
      'var/lib/dpkg/status': withoutMawk,
      'var/lib/dpkg/info/mawk.list': null,
      'usr/share/doc/mawk': null,
    });
    assert.equal(packages.length, 31);
    assert.equal(
      packages.find((p) => p.name === 'mawk'),
      undefined,
    );
    assert.deepEqual(byName('base-files').dependsOn, [], 'awk is no longer provided');
  });

  it('warns about a malformed stanza naming the file and reports the rest', async () => {
    const broken = realStatus.replace('Package: mawk\n', 'Package: mawk\nnot a field line\n');
    const { packages, warnings } = await scan(root, { 'var/lib/dpkg/status': broken });
    assert.equal(packages.length, 31);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /^layer 1: var\/lib\/dpkg\/status: stanza at line \d+ \(mawk\): line \d+: not a "Field: value" line; skipped$/,
    );
  });
});

describe('dpkg analyzer on a distroless-style status.d', () => {
  const tzdata = 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\nSource: tzdata\n';
  const libssl = (version: string) =>
    `Package: libssl3\nVersion: ${version}\nArchitecture: amd64\nSource: openssl\nDepends: libc6 (>= 2.34)\n`;

  it('reads one stanza per file, file lists from md5sums, and each file history for the layer', async () => {
    const { packages, byName, warnings } = await scan(
      {
        'var/lib/dpkg/status.d/tzdata': tzdata,
        'var/lib/dpkg/status.d/tzdata.md5sums':
          'd41d8cd98f00b204e9800998ecf8427e  usr/share/zoneinfo/UTC\nd41d8cd98f00b204e9800998ecf8427e  usr/share/doc/tzdata/copyright\n',
        'var/lib/dpkg/status.d/libssl3': libssl('3.0.11-1~deb12u1'),
        'etc/os-release': 'ID=debian\nVERSION_ID=12\n',
      },
      { 'var/lib/dpkg/status.d/libssl3': libssl('3.0.11-1~deb12u2') },
    );
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => [p.name, p.version, p.layer, p.location]),
      [
        ['libssl3', '3.0.11-1~deb12u2', 1, 'var/lib/dpkg/status.d/libssl3'],
        ['tzdata', '2024a-0+deb12u1', 0, 'var/lib/dpkg/status.d/tzdata'],
      ],
    );
    assert.deepEqual(byName('tzdata').files, [
      'usr/share/doc/tzdata/copyright',
      'usr/share/zoneinfo/UTC',
    ]);
    assert.equal(
      byName('tzdata').purl,
      'pkg:deb/debian/tzdata@2024a-0+deb12u1?arch=all&distro=debian-12',
    );
    assert.deepEqual(byName('libssl3').dependsOn, [], 'libc6 is not installed');
  });
});
