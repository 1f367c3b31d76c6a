// Tests of the application benchmark's ground truth and scoring (not part of `npm test`, which runs dist/):
// `node --test bench/`. A small tree is written with each ecosystem's real on-disk layout.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { packageKey, purlPackage } from './app-keys.mjs';
import { readSbom, scoreAgainstTruth } from './app-compare.mjs';
import { deriveGroundTruth } from './app-truth.mjs';

let root;
let truth;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'seawall-app-truth-'));
  const put = (path, content) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  // dpkg-query needs an admindir with a status file; one installed and one removed package.
  put(
    'var/lib/dpkg/status',
    [
      'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n',
      'Package: gone\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n',
    ].join('\n'),
  );
  mkdirSync(join(root, 'var/lib/dpkg/info'), { recursive: true });
  put(
    'usr/lib/python3/dist-packages/Charset_Normalizer-3.0.1.dist-info/METADATA',
    'Metadata-Version: 2.1\nName: charset_normalizer\nVersion: 3.0.1\n\nName: not-me\n',
  );
  put(
    'usr/lib/python3/dist-packages/six-1.16.0.egg-info',
    'Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\n',
  );
  put('srv/app/package.json', '{"name":"my-app","version":"1.0.0"}');
  put('srv/app/node_modules/express/package.json', '{"name":"express","version":"4.19.2"}');
  put('srv/app/node_modules/express/lib/package.json', '{"type":"module"}');
  put(
    'srv/app/node_modules/@types/node/package.json',
    '{"name":"@types/node","version":"20.11.30"}',
  );
  put('srv/app/node_modules/a/node_modules/b/package.json', '{"name":"b","version":"2.0.0"}');
  put('srv/app/node_modules/a/test/fixture/package.json', '{"name":"fixture","version":"0.0.1"}');
  put('usr/share/nodejs/acorn/package.json', '{"name":"acorn","version":"8.8.1"}');
  put('usr/lib/ruby/gems/3.1.0/specifications/net-http-0.3.0.gemspec', '');
  put('usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec', '');
  put('usr/lib/ruby/gems/3.1.0/specifications/nokogiri-1.15.4-x86_64-linux.gemspec', '');
  put('usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/rbs.gemspec', '');
  const pom = (group, artifact, version) =>
    new TextEncoder().encode(
      `#Generated\ngroupId=${group}\nartifactId=${artifact}\nversion=${version}\n`,
    );
  const inner = zipOf({
    'META-INF/maven/org.slf4j/slf4j-api/pom.properties': pom('org.slf4j', 'slf4j-api', '1.7.32'),
  });
  put(
    'opt/app.war',
    zipOf({
      'META-INF/maven/com.example/app/pom.properties': pom('com.example', 'app', '1.0'),
      'META-INF/maven/org.apache.httpcomponents/httpcore/pom.properties': pom(
        'org.apache.httpcomponents',
        'httpcore',
        '4.4.16',
      ),
      'WEB-INF/lib/slf4j-api-1.7.32.jar': inner,
    }),
  );
  put(
    'usr/share/java/bson-3.6.3.jar',
    zipOf({ 'META-INF/MANIFEST.MF': new TextEncoder().encode('Manifest-Version: 1.0\n') }),
  );
  put(
    'srv/php/vendor/composer/installed.json',
    '{"packages":[{"name":"monolog/monolog","version":"v2.9.1"}]}',
  );
  put(
    'srv/net/app.deps.json',
    '{"libraries":{"App/1.0.0":{"type":"project"},"Newtonsoft.Json/13.0.1":{"type":"package"}}}',
  );
  put(
    'usr/bin/gotool',
    goBinary('go1.21.5', [
      'path\texample.com/tool',
      'mod\texample.com/tool\t(devel)\t',
      'dep\tgolang.org/x/sys\tv0.15.0\th1:x',
      'dep\tgithub.com/old/mod\tv1.0.0\th1:y',
      '=>\tgithub.com/new/mod\tv1.2.0\th1:z',
    ]),
  );
  put(
    'usr/bin/rusty',
    elfWithSection(
      '.dep-v0',
      deflateSync(
        JSON.stringify({ packages: [{ name: 'serde', version: '1.0.190', source: 'crates.io' }] }),
      ),
    ),
  );
  truth = deriveGroundTruth(root);
});

after(() => rmSync(root, { recursive: true, force: true }));

const keysOf = (type) =>
  truth.packages.filter((entry) => entry.type === type).map((entry) => entry.key);

test('deb: installed packages only, epoch kept as dpkg spells it, source package remembered', () => {
  assert.deepEqual(keysOf('deb'), ['deb:zlib1g@1:1.2.13.dfsg-1']);
  assert.deepEqual(truth.debSources, ['deb:zlib@1:1.2.13.dfsg-1']);
});

test('pypi: dist-info directories and egg-info files, names normalised per PEP 503', () => {
  assert.deepEqual(keysOf('pypi'), ['pypi:charset-normalizer@3.0.1', 'pypi:six@1.16.0']);
});

test('npm: package roots in node_modules and Node global folders only; the application is neutral', () => {
  assert.deepEqual(keysOf('npm'), [
    'npm:@types/node@20.11.30',
    'npm:acorn@8.8.1',
    'npm:b@2.0.0',
    'npm:express@4.19.2',
  ]);
  assert.ok(truth.neutral.some((entry) => entry.key === 'npm:my-app'));
});

test('gem: specification file names split at the first dash before a digit, platform dropped', () => {
  assert.deepEqual(keysOf('gem'), ['gem:json@2.6.1', 'gem:net-http@0.3.0', 'gem:nokogiri@1.15.4']);
});

test('maven: every pom.properties, nested archives too; a jar without coordinates is neutral', () => {
  assert.deepEqual(keysOf('maven'), [
    'maven:com.example/app@1.0',
    'maven:org.apache.httpcomponents/httpcore@4.4.16',
    'maven:org.slf4j/slf4j-api@1.7.32',
  ]);
  assert.ok(truth.neutral.some((entry) => entry.key === 'maven:bson'));
});

test('golang, cargo, composer, nuget: build info, .dep-v0, installed.json, deps.json', () => {
  assert.deepEqual(keysOf('golang'), [
    'golang:github.com/old/mod@1.0.0',
    'golang:golang.org/x/sys@0.15.0',
    'golang:stdlib@1.21.5',
  ]);
  const replaced = truth.packages.find((entry) => entry.key === 'golang:github.com/old/mod@1.0.0');
  assert.ok(replaced.alternatives.includes('golang:github.com/new/mod@1.2.0'));
  assert.ok(truth.neutral.some((entry) => entry.key === 'golang:example.com/tool'));
  assert.deepEqual(keysOf('cargo'), ['cargo:serde@1.0.190']);
  assert.deepEqual(keysOf('composer'), ['composer:monolog/monolog@2.9.1']);
  assert.deepEqual(keysOf('nuget'), ['nuget:newtonsoft.json@13.0.1']);
  assert.deepEqual(truth.notes, []);
});

test('purl keys: epoch qualifier, namespaces, v prefixes, non-package types', () => {
  assert.equal(
    purlPackage('pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&epoch=1').key,
    'deb:zlib1g@1:1.2.13.dfsg-1',
  );
  assert.equal(purlPackage('pkg:npm/%40types/node@20.11.30').key, 'npm:@types/node@20.11.30');
  assert.equal(
    purlPackage('pkg:pypi/Charset_Normalizer@3.0.1').key,
    'pypi:charset-normalizer@3.0.1',
  );
  assert.equal(purlPackage('pkg:golang/stdlib@go1.21.5').key, 'golang:stdlib@1.21.5');
  assert.equal(
    purlPackage('pkg:maven/org.slf4j/slf4j-api@1.7.32?type=jar').key,
    'maven:org.slf4j/slf4j-api@1.7.32',
  );
  assert.equal(purlPackage('pkg:generic/adduser?path=%2Fusr%2Fsbin%2Fadduser'), null);
  assert.equal(purlPackage('not a purl'), null);
  assert.equal(
    packageKey({ type: 'composer', name: 'Monolog/Monolog', version: 'v2.9.1' }),
    'composer:monolog/monolog@2.9.1',
  );
});

test('scoring: recall, precision, neutral, replacement alternatives, source packages and files', () => {
  const bom = {
    components: [
      { type: 'operating-system', name: 'debian', version: '12' },
      { type: 'library', purl: 'pkg:deb/debian/zlib1g@1.2.13.dfsg-1?epoch=1' },
      { type: 'library', purl: 'pkg:deb/debian/zlib@1.2.13.dfsg-1?epoch=1' },
      {
        type: 'library',
        purl: 'pkg:npm/express@4.19.2',
        components: [{ type: 'library', purl: 'pkg:npm/b@2.0.0' }],
      },
      { type: 'application', purl: 'pkg:npm/my-app@1.0.0' },
      { type: 'library', purl: 'pkg:golang/github.com/new/mod@v1.2.0' },
      {
        type: 'library',
        purl: 'pkg:gem/ast@2.4.2',
        properties: [{ name: 'SrcFile', value: `${root}/srv/Gemfile.lock` }],
      },
      { type: 'file', name: 'adduser', purl: 'pkg:generic/adduser?path=%2Fusr%2Fsbin%2Fadduser' },
    ],
  };
  const file = join(root, 'bom.json');
  writeFileSync(file, JSON.stringify(bom));
  const score = scoreAgainstTruth(truth, readSbom(file, root));
  assert.equal(score.components, 9);
  assert.deepEqual(score.operatingSystems, ['debian 12']);
  assert.equal(score.nonPackageComponents, 1);
  assert.deepEqual(score.nonPackagesByType, { 'file (pkg:generic)': 1 });
  assert.deepEqual(score.ecosystems.deb, {
    ...score.ecosystems.deb,
    truth: 1,
    found: 1,
    reported: 2,
    correct: 1,
    recall: 1,
    precision: 0.5,
  });
  assert.equal(
    score.ecosystems.deb.extras[0].why,
    'a Debian source package, not an installed package',
  );
  assert.equal(score.ecosystems.npm.found, 2);
  assert.equal(score.ecosystems.npm.neutral, 1);
  assert.equal(score.ecosystems.npm.precision, 1);
  assert.equal(score.ecosystems.golang.found, 1);
  assert.deepEqual(score.ecosystems.gem.extras[0].locations, ['srv/Gemfile.lock']);
  assert.equal(
    score.ecosystems.gem.extras[0].why,
    'declared in a lock or requirements file only, not installed',
  );
  assert.equal(score.total.truth, truth.packages.length);
  assert.equal(score.total.found, 4);
});

/** A zip archive of deflated entries, as a jar tool writes them. */
function zipOf(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content);
    const packed = deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The Go 1.18+ inline build-info blob: 32-byte header, then two varint-length strings. */
function goBinary(goVersion, moduleLines) {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = 2;
  const sentinel = 'x'.repeat(16);
  const modinfo = `${sentinel}${moduleLines.join('\n')}\n${sentinel}`;
  const strings = [goVersion, modinfo].map((text) => {
    const bytes = Buffer.from(text, 'utf8');
    return Buffer.concat([varint(bytes.length), bytes]);
  });
  return Buffer.concat([elfHeaderOnly(), Buffer.alloc(100), header, ...strings]);
}

function varint(value) {
  const bytes = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

function elfHeaderOnly() {
  const header = Buffer.alloc(64);
  header.write('\x7fELF', 0, 'latin1');
  header[4] = 2;
  header[5] = 1;
  return header;
}

/** A minimal ELF64 file with a null section, one named section and the section-name table. */
function elfWithSection(name, content) {
  const names = Buffer.from(`\0${name}\0.shstrtab\0`, 'latin1');
  const contentOffset = 64;
  const namesOffset = contentOffset + content.length;
  const shoff = namesOffset + names.length;
  const header = elfHeaderOnly();
  header.writeBigUInt64LE(BigInt(shoff), 0x28);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(3, 0x3c);
  header.writeUInt16LE(2, 0x3e);
  const section = (nameOffset, offset, size) => {
    const entry = Buffer.alloc(64);
    entry.writeUInt32LE(nameOffset, 0);
    entry.writeBigUInt64LE(BigInt(offset), 0x18);
    entry.writeBigUInt64LE(BigInt(size), 0x20);
    return entry;
  };
  return Buffer.concat([
    header,
    content,
    names,
    section(0, 0, 0),
    section(1, contentOffset, content.length),
    section(2 + name.length, namesOffset, names.length),
  ]);
}
