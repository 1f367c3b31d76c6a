import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { fixturePath } from '../testing/fixtures.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { apkAnalyzer } from './apk.js';
import { osAnalyzer } from './os-release.js';

const root = fixturePath('apk', 'alpine-3.15-armv7');
const realDb = readFileSync(
  fixturePath('apk', 'alpine-3.15-armv7', 'lib', 'apk', 'db', 'installed'),
  'utf8',
);
/** The database does not say which 3.15 point release it is; the tests say so in a layer of their own. */
const release: TestLayer = { 'etc/alpine-release': '3.15.0\n' };
const apk = (nameAtVersion: string) => {
  const [name, version] = nameAtVersion.split('@');
  return `pkg:apk/alpine/${name}@${version}?arch=armv7&distro=3.15.0`;
};

async function scan(...layers: TestLayer[]) {
  const result = await runAnalyzers([osAnalyzer, apkAnalyzer], layers);
  const byName = (name: string): Package => {
    const found = result.packages.filter((p) => p.name === name);
    assert.equal(found.length, 1, `one package named ${name}`);
    return found[0]!;
  };
  return { ...result, byName };
}

describe('apk analyzer on a real Alpine 3.15 installed database', async () => {
  const { packages, warnings, byName } = await scan(root, release);

  it('reports all 14 packages, sorted, without warnings', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => p.name),
      [
        'alpine-baselayout',
        'alpine-keys',
        'apk-tools',
        'busybox',
        'ca-certificates-bundle',
        'libc-utils',
        'libcrypto1.1',
        'libretls',
        'libssl1.1',
        'musl',
        'musl-utils',
        'scanelf',
        'ssl_client',
        'zlib',
      ],
    );
  });

  it('ssl_client: origin as source, files from F:/R:, so: depends resolved through provides', () => {
    assert.deepEqual(byName('ssl_client'), {
      type: 'apk',
      name: 'ssl_client',
      version: '1.34.1-r3',
      arch: 'armv7',
      source: { name: 'busybox', version: '1.34.1-r3' },
      licenses: [{ expression: 'GPL-2.0-only' }],
      purl: apk('ssl_client@1.34.1-r3'),
      files: ['usr/bin/ssl_client'],
      dependsOn: [apk('libretls@3.3.4-r2'), apk('musl@1.2.2-r7')],
      layer: 0,
      foundBy: 'apk',
      location: 'lib/apk/db/installed',
      maintainer: 'Natanael Copa <ncopa@alpinelinux.org>',
      description: 'EXternal ssl_client for busybox wget',
    });
  });

  it('alpine-baselayout: /bin/sh is provided by busybox', () => {
    const layout = byName('alpine-baselayout');
    assert.deepEqual(layout.dependsOn, [apk('busybox@1.34.1-r3'), apk('musl@1.2.2-r7')]);
    assert.equal(layout.files.length, 28);
    assert.ok(layout.files.includes('etc/crontabs/root'));
  });

  it('apk-tools: a versioned depend (musl>=1.2) and a plain name resolve to the installed packages', () => {
    assert.deepEqual(byName('apk-tools').dependsOn, [
      apk('ca-certificates-bundle@20191127-r7'),
      apk('libcrypto1.1@1.1.1l-r7'),
      apk('libssl1.1@1.1.1l-r7'),
      apk('musl@1.2.2-r7'),
      apk('zlib@1.2.11-r3'),
    ]);
    assert.deepEqual(byName('apk-tools').files, ['lib/libapk.so.3.12.0', 'sbin/apk']);
  });

  it('licences: SPDX expressions kept, an old-style list with an ambiguous name kept as text', () => {
    assert.deepEqual(byName('libretls').licenses, [
      { expression: 'ISC AND (BSD-3-Clause OR MIT)' },
    ]);
    assert.deepEqual(byName('ca-certificates-bundle').licenses, [
      { expression: 'MPL-2.0 AND MIT' },
    ]);
    assert.deepEqual(byName('libcrypto1.1').licenses, [{ expression: 'OpenSSL' }]);
    assert.deepEqual(byName('musl-utils').licenses, [{ text: 'MIT BSD GPL2+' }]);
  });

  it('musl: provides so:libc, depends on nothing, has its two files', () => {
    const musl = byName('musl');
    assert.deepEqual(musl.dependsOn, []);
    assert.deepEqual(musl.files, ['lib/ld-musl-armhf.so.1', 'lib/libc.musl-armv7.so.1']);
    assert.deepEqual(musl.source, { name: 'musl', version: '1.2.2-r7' });
  });
});

describe('apk analyzer across layers and on bad input', () => {
  it('attributes an upgraded or added package to the layer of its version', async () => {
    const upgraded = realDb.replace('P:zlib\nV:1.2.11-r3', 'P:zlib\nV:1.2.12-r0');
    const extra =
      'P:tini\nV:0.19.0-r0\nA:armv7\nL:MIT\no:tini\nD:so:libc.musl-armv7.so.1\nF:sbin\nR:tini\n\n';
    const { byName, warnings } = await scan(root, release, {
      'lib/apk/db/installed': upgraded + extra,
    });
    assert.deepEqual(warnings, []);
    assert.equal(byName('musl').layer, 0);
    assert.equal(byName('zlib').layer, 2);
    assert.equal(byName('zlib').version, '1.2.12-r0');
    assert.equal(byName('tini').layer, 2);
    assert.deepEqual(byName('tini').dependsOn, [apk('musl@1.2.2-r7')]);
    assert.deepEqual(byName('tini').files, ['sbin/tini']);
  });

  it('warns about a broken record naming the file and reports the rest', async () => {
    const broken = realDb.replace('P:scanelf\n', 'P:scanelf\nthis is not a field\n');
    const { packages, warnings } = await scan({ 'lib/apk/db/installed': broken });
    assert.equal(packages.length, 13);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /^layer 0: lib\/apk\/db\/installed: record at line \d+: line \d+: not a "X:value" line; skipped$/,
    );
  });

  it('without an OS the purl has the alpine namespace and no distro', async () => {
    const { byName } = await scan(root);
    assert.equal(byName('zlib').purl, 'pkg:apk/alpine/zlib@1.2.11-r3?arch=armv7');
  });
});
