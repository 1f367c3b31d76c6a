import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { buildInventoryWithStats } from '../scan/build-inventory.js';
import { fixturePath } from '../testing/fixtures.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { appImage } from '../testing/images.js';
import { dpkgAnalyzer } from './dpkg.js';
import { createJavaAnalyzer, javaAnalyzer } from './java.js';
import { osAnalyzer } from './os-release.js';

const MiB = 1024 * 1024;
const fixtureRoot = fixturePath('java', 'rootfs');
const damagedRoot = fixturePath('java', 'damaged');
const fixture = (...parts: string[]) => readFileSync(fixturePath('java', 'rootfs', ...parts));

async function scan(layers: TestLayer[], analyzer = javaAnalyzer) {
  const result = await runAnalyzers([analyzer], layers);
  return { ...result, found: result.packages.map(summary) };
}
/** purl, where, and how sure: what each test asserts for every package. */
const summary = (p: Package) => `${p.purl} ${p.location} ${p.confidence}`;

describe('java analyzer on archives built by javac and jar', async () => {
  const { packages, warnings, found } = await scan([fixtureRoot]);

  it('reports every artifact of every archive once per place, sorted, without warnings', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(found, [
      'pkg:maven/bank/bank@1.0 srv/ear/bank-1.0.ear low',
      'pkg:maven/com.example/fat-app@1.0.0 opt/app/fat-app-1.0.0.jar high',
      'pkg:maven/com.example/greeter@2.3.1 opt/app/greeter-2.3.1.jar medium',
      'pkg:maven/com.example/greeter@2.3.1 srv/ear/bank-1.0.ear!/shop.war!/WEB-INF/lib/greeter-2.3.1.jar medium',
      'pkg:maven/com.example/greeter@2.3.1 srv/tomcat/webapps/shop.war!/WEB-INF/lib/greeter-2.3.1.jar medium',
      'pkg:maven/com.example/runner@1.4.0 usr/local/bin/runner-1.4.0.jar high',
      'pkg:maven/com.example/shop@0.9.0 srv/ear/bank-1.0.ear!/shop.war high',
      'pkg:maven/com.example/shop@0.9.0 srv/tomcat/webapps/shop.war high',
      'pkg:maven/com.example/zip64-lib@0.5.0 opt/app/zip64-lib-0.5.0.jar high',
      'pkg:maven/com.google.guava/guava@31.1-jre opt/app/fat-app-1.0.0.jar high',
      'pkg:maven/org.apache.commons/commons-lang3@3.12.0 opt/app/fat-app-1.0.0.jar high',
      'pkg:maven/org.apache/commons-lang3@3.12.0 srv/ear/bank-1.0.ear!/lib/commons-lang3-3.12.0.jar medium',
      'pkg:maven/org.slf4j/slf4j-api@1.7.36 opt/app/fat-app-1.0.0.jar!/lib/slf4j-api-1.7.36.jar high',
      'pkg:maven/org.slf4j/slf4j-api@1.7.36 srv/ear/bank-1.0.ear!/shop.war!/WEB-INF/lib/slf4j-api-1.7.36.jar high',
      'pkg:maven/org.slf4j/slf4j-api@1.7.36 srv/tomcat/webapps/shop.war!/WEB-INF/lib/slf4j-api-1.7.36.jar high',
    ]);
  });

  it('a library known by its manifest: group from Implementation-Vendor-Id, SPDX licence, medium', () => {
    assert.deepEqual(
      packages.find((p) => p.location === 'opt/app/greeter-2.3.1.jar'),
      {
        type: 'maven',
        name: 'com.example:greeter',
        version: '2.3.1',
        licenses: [{ expression: 'Apache-2.0' }],
        purl: 'pkg:maven/com.example/greeter@2.3.1',
        files: [],
        dependsOn: [],
        layer: 0,
        foundBy: 'java',
        location: 'opt/app/greeter-2.3.1.jar',
        confidence: 'medium',
        properties: { evidence: 'META-INF/MANIFEST.MF' },
      },
    );
  });

  it('a shaded artifact: its pom.properties is the evidence, the fat jar the location', () => {
    const guava = packages.find((p) => p.name === 'com.google.guava:guava')!;
    assert.equal(guava.version, '31.1-jre');
    assert.deepEqual(guava.properties, {
      evidence: 'META-INF/maven/com.google.guava/guava/pom.properties',
    });
    assert.deepEqual(guava.licenses, []);
  });

  it('a shaded pom and the nested jar of the same artifact are one package, at the nested jar', () => {
    const slf4j = packages.filter(
      (p) => p.name === 'org.slf4j:slf4j-api' && p.location.startsWith('opt/app/fat-app'),
    );
    assert.equal(slf4j.length, 1);
    assert.deepEqual(slf4j[0]!.licenses, [{ expression: 'MIT' }]);
  });

  it('an archive known by its file name only: low confidence, the group a stand-in', () => {
    const bank = packages.find((p) => p.name === 'bank:bank')!;
    assert.deepEqual(bank.properties, { evidence: 'file name', groupIdGuessed: 'true' });
  });
});

describe('java analyzer on damaged archives', () => {
  it('warns about each, naming the file (and the nested archive), and reports what it could read', async () => {
    const { found, warnings } = await scan([damagedRoot]);
    assert.deepEqual(found, [
      'pkg:maven/bad-pom/bad-pom@1.0 opt/bad-pom-1.0.jar low',
      'pkg:maven/bomb/bomb@1.0 opt/bomb.war!/WEB-INF/lib/bomb-1.0.jar medium',
      'pkg:maven/org.slf4j/slf4j-api@1.7.36 opt/damaged.war!/WEB-INF/lib/slf4j-api-1.7.36.jar high',
    ]);
    assert.deepEqual(warnings, [
      'layer 0: opt/bad-pom-1.0.jar: META-INF/MANIFEST.MF: line 2: not a "Name: value" header',
      'layer 0: opt/bad-pom-1.0.jar: META-INF/maven/com.example/bad-pom/pom.properties: no usable groupId, artifactId and version; skipped',
      'layer 0: opt/damaged.war: WEB-INF/lib/bad-2.0.jar: not a readable zip archive: no end of central directory record (not a zip archive, or cut short)',
      'layer 0: opt/garbage.jar: not a readable zip archive: no end of central directory record (not a zip archive, or cut short)',
      'layer 0: opt/huge.war: WEB-INF/lib/bomb-1.0.jar: nested archive not read: 4294967294 bytes uncompressed is over the limit of 268435456',
      'layer 0: opt/liar.war: WEB-INF/lib/bomb-1.0.jar: nested archive not read: inflates to more than the 1000 bytes declared',
      'layer 0: opt/truncated-1.0.jar: not a readable zip archive: no end of central directory record (not a zip archive, or cut short)',
    ]);
  });

  it('limits are settings: a smaller nested limit skips the 8 MiB bomb, and is part of the cache key', async () => {
    const strict = createJavaAnalyzer({ maxNestedBytes: MiB, maxDepth: 2 });
    assert.equal(strict.settings, 'maxDepth=2,maxNestedBytes=1048576,maxInflatedBytes=1073741824');
    assert.equal(
      javaAnalyzer.settings,
      'maxDepth=4,maxNestedBytes=268435456,maxInflatedBytes=1073741824',
    );
    const { found, warnings } = await scan(
      [{ 'app/bomb.war': readFileSync(fixturePath('java', 'damaged', 'opt', 'bomb.war')) }],
      strict,
    );
    assert.deepEqual(found, []);
    assert.deepEqual(warnings, [
      'layer 0: app/bomb.war: WEB-INF/lib/bomb-1.0.jar: nested archive not read: 8389026 bytes uncompressed is over the limit of 1048576',
    ]);
  });

  it('refuses limits that are not whole numbers', () => {
    assert.throws(() => createJavaAnalyzer({ maxDepth: 0 }), RangeError);
    assert.throws(() => createJavaAnalyzer({ maxNestedBytes: 1.5 }), RangeError);
  });
});

describe('java analyzer: which files, which layer', () => {
  it('wants Java archives by name (any case) and nothing else', () => {
    const wants = (path: string, size = 1000) => javaAnalyzer.wants(path, { size, mode: 0o644 });
    for (const path of ['a.jar', 'x/y.war', 'x/y.ear', 'p/q.hpi', 'p/q.jpi', 'BIG.JAR', 'z.rar'])
      assert.equal(wants(path), true, path);
    for (const path of ['a.jar.sha1', 'jar', '.jar', 'x/.jar', 'a.zip', 'a.jarx', 'ajar'])
      assert.equal(wants(path), false, path);
    assert.equal(wants('tiny.jar', 21), false);
  });

  it('attributes a jar to the layer that wrote it in this version; a same-content copy changes nothing', async () => {
    const greeter = fixture('opt', 'app', 'greeter-2.3.1.jar');
    const { packages } = await scan([
      {
        'opt/greeter-2.3.1.jar': greeter,
        'opt/lib.jar': fixture('opt', 'app', 'zip64-lib-0.5.0.jar'),
      },
      {
        'opt/greeter-2.3.1.jar': greeter,
        'opt/lib.jar': fixture('usr', 'local', 'bin', 'runner-1.4.0.jar'),
      },
    ]);
    assert.deepEqual(
      packages.map((p) => `${p.location} ${p.purl} ${p.layer}`),
      [
        'opt/greeter-2.3.1.jar pkg:maven/com.example/greeter@2.3.1 0',
        'opt/lib.jar pkg:maven/com.example/runner@1.4.0 1',
      ],
    );
  });

  it('a deleted jar is gone', async () => {
    const { packages } = await scan([
      { 'opt/a.jar': fixture('opt', 'app', 'greeter-2.3.1.jar') },
      { 'opt/a.jar': null },
    ]);
    assert.deepEqual(packages, []);
  });
});

describe('java analyzer on the Debian application image (liblog4j2-java and friends)', async () => {
  const image = appImage();
  const { found, packages, warnings } = await scan([image.rootfs]);

  it('reads the 37 jars of /usr/share/java (not the symlinks to them) into 42 artifacts, without warnings', () => {
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 42);
    assert.equal(new Set(packages.map((p) => p.location)).size, 37);
    assert.ok(packages.every((p) => p.location.startsWith('usr/share/java/')));
  });

  it('log4j: every module from its pom.properties, at its versioned jar', () => {
    const log4j = found.filter((f) => f.startsWith('pkg:maven/org.apache.logging.log4j/'));
    assert.deepEqual(log4j, [
      'pkg:maven/org.apache.logging.log4j/log4j-1.2-api@2.19.0 usr/share/java/log4j-1.2-api.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-api@2.19.0 usr/share/java/log4j-api.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0 usr/share/java/log4j-core.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-couchdb@2.19.0 usr/share/java/log4j-couchdb.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-jcl@2.19.0 usr/share/java/log4j-jcl.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-jul@2.19.0 usr/share/java/log4j-jul.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-mongodb3@2.19.0 usr/share/java/log4j-mongodb3.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-to-jul@2.19.0 usr/share/java/log4j-to-jul.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-to-slf4j@2.19.0 usr/share/java/log4j-to-slf4j.jar high',
      'pkg:maven/org.apache.logging.log4j/log4j-web@2.19.0 usr/share/java/log4j-web.jar high',
    ]);
  });

  it("httpclient-osgi.jar: the six artifacts shaded into Debian's OSGi bundle", () => {
    assert.deepEqual(
      found.filter((f) => f.includes(' usr/share/java/httpclient-osgi.jar ')),
      [
        'pkg:maven/commons-codec/commons-codec@1.15 usr/share/java/httpclient-osgi.jar high',
        'pkg:maven/org.apache.httpcomponents/fluent-hc@4.5.14 usr/share/java/httpclient-osgi.jar high',
        'pkg:maven/org.apache.httpcomponents/httpclient@4.5.14 usr/share/java/httpclient-osgi.jar high',
        'pkg:maven/org.apache.httpcomponents/httpclient-cache@4.5.14 usr/share/java/httpclient-osgi.jar high',
        'pkg:maven/org.apache.httpcomponents/httpclient-osgi@4.5.14 usr/share/java/httpclient-osgi.jar high',
        'pkg:maven/org.apache.httpcomponents/httpmime@4.5.14 usr/share/java/httpclient-osgi.jar high',
      ],
    );
  });

  it('jars whose pom.properties Debian stripped: manifest (medium), else file name (low)', () => {
    const byLocation = (location: string) =>
      found.filter((f) => f.includes(` usr/share/java/${location} `));
    assert.deepEqual(byLocation('bson-3.6.3.jar'), [
      'pkg:maven/org.mongodb/bson@3.6.3 usr/share/java/bson-3.6.3.jar medium',
    ]);
    assert.deepEqual(byLocation('commons-logging-1.2.jar'), [
      'pkg:maven/org.apache/commons-logging@1.2 usr/share/java/commons-logging-1.2.jar medium',
    ]);
    assert.deepEqual(byLocation('mongodb-driver-3.6.3.jar'), [
      'pkg:maven/mongodb-driver/mongodb-driver@3.6.3 usr/share/java/mongodb-driver-3.6.3.jar low',
    ]);
    const logging = packages.find((p) => p.location === 'usr/share/java/commons-logging-1.2.jar')!;
    assert.deepEqual(logging.licenses, [{ expression: 'Apache-2.0' }]);
  });

  it('a scan marks the jars as installed by their Debian packages', async () => {
    const { inventory } = await buildInventoryWithStats(image.rootfs, {
      analyzers: [osAnalyzer, dpkgAnalyzer, javaAnalyzer],
      noCache: true,
    });
    const maven = inventory.packages.filter((p) => p.type === 'maven');
    assert.equal(maven.length, 42);
    const core = maven.find((p) => p.name === 'org.apache.logging.log4j:log4j-core')!;
    assert.equal(core.managedBy?.type, 'deb');
    assert.match(core.managedBy!.purl, /^pkg:deb\/debian\/liblog4j2-java@2\.19\.0-2\?/);
    assert.ok(maven.every((p) => p.managedBy?.type === 'deb'));
  });
});
