import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { identifyArchive, type ArchiveMetadata } from './identify.js';
import { parseManifestMainSection } from './manifest.js';

const realManifest = (name: string) =>
  parseManifestMainSection(readFileSync(fixturePath('java', 'manifests', name), 'latin1'), () => {
    throw new Error('unexpected warning');
  });
const manifest = (text: string) => parseManifestMainSection(text, () => {});
const pom = (groupId: string, artifactId: string, version: string) => ({
  path: `META-INF/maven/${groupId}/${artifactId}/pom.properties`,
  coordinates: { groupId, artifactId, version },
});
const coordinates = (metadata: ArchiveMetadata) =>
  identifyArchive(metadata).map(
    (i) => `${i.groupId}:${i.artifactId}@${i.version} ${i.confidence}${i.self ? ' self' : ''}`,
  );

describe('identifyArchive: archives without pom.properties', () => {
  it("Debian's commons-logging-1.2.jar: manifest version and vendor id (medium), licence URL mapped", () => {
    assert.deepEqual(
      identifyArchive({
        fileName: 'commons-logging-1.2.jar',
        poms: [],
        manifest: realManifest('commons-logging-1.2.MF'),
      }),
      [
        {
          groupId: 'org.apache',
          artifactId: 'commons-logging',
          version: '1.2',
          confidence: 'medium',
          evidence: 'META-INF/MANIFEST.MF',
          self: true,
          licenses: [{ expression: 'Apache-2.0' }],
        },
      ],
    );
  });

  it("libmongodb-java's bson-3.6.3.jar: the group is the symbolic name less the artifact", () => {
    assert.deepEqual(
      coordinates({
        fileName: 'bson-3.6.3.jar',
        poms: [],
        manifest: realManifest('bson-3.6.3.MF'),
      }),
      ['org.mongodb:bson@3.6.3 medium self'],
    );
    const driver = manifest(
      'Bundle-SymbolicName: org.mongodb.driver-async\nBundle-Version: 3.6.3\n',
    );
    assert.deepEqual(
      coordinates({ fileName: 'mongodb-driver-async-3.6.3.jar', poms: [], manifest: driver }),
      ['org.mongodb:mongodb-driver-async@3.6.3 medium self'],
    );
  });

  it('known by its file name only: low, the artifact id standing in for the unknown group', () => {
    const [identity] = identifyArchive({
      fileName: 'mongodb-driver-3.6.3.jar',
      poms: [],
      manifest: manifest('Manifest-Version: 1.0\n'),
    });
    assert.deepEqual(identity, {
      groupId: 'mongodb-driver',
      artifactId: 'mongodb-driver',
      version: '3.6.3',
      confidence: 'low',
      evidence: 'file name',
      self: true,
      groupGuessed: true,
      licenses: [],
    });
  });

  it('an unexpanded or wordy manifest version gives way to the file name', () => {
    const junk = manifest('Implementation-Version: ${project.version}\nBundle-Version: unknown\n');
    assert.deepEqual(coordinates({ fileName: 'widget-4.5.jar', poms: [], manifest: junk }), [
      'widget:widget@4.5 low self',
    ]);
  });

  it('a file name that is all version takes its name from Implementation-Title', () => {
    const titled = manifest('Implementation-Title: widget\n');
    assert.deepEqual(coordinates({ fileName: '1.0.jar', poms: [], manifest: titled }), [
      'widget:widget@1.0 low self',
    ]);
  });

  it('nothing with no version anywhere (an application jar named app.jar)', () => {
    const app = manifest('Main-Class: com.example.Main\nImplementation-Title: app\n');
    assert.deepEqual(identifyArchive({ fileName: 'app.jar', poms: [], manifest: app }), []);
    assert.deepEqual(identifyArchive({ fileName: 'app.jar', poms: [] }), []);
  });
});

describe('identifyArchive: pom.properties', () => {
  it("a shaded jar (Debian's httpclient-osgi.jar): every pom is an artifact (in path order), the file's own is self", () => {
    const httpcomponents = [
      'httpclient',
      'httpmime',
      'httpclient-cache',
      'fluent-hc',
      'httpclient-osgi',
    ];
    const identities = identifyArchive({
      fileName: 'httpclient-osgi.jar',
      poms: [
        pom('commons-codec', 'commons-codec', '1.15'),
        ...httpcomponents.map((a) => pom('org.apache.httpcomponents', a, '4.5.14')),
      ],
      manifest: manifest(
        'Bundle-SymbolicName: org.apache.httpcomponents.httpclient\nBundle-Version: 4.5.14\nBundle-License: http://www.apache.org/licenses/LICENSE-2.0.txt\n',
      ),
    });
    assert.deepEqual(
      identities.map((i) => `${i.artifactId} ${i.self} ${JSON.stringify(i.licenses)}`),
      [
        'commons-codec false []',
        'fluent-hc false []',
        'httpclient-cache false []',
        'httpclient-osgi true [{"expression":"Apache-2.0"}]',
        'httpclient false []',
        'httpmime false []',
      ],
    );
    assert.ok(
      identities.every((i) => i.confidence === 'high' && i.evidence.endsWith('/pom.properties')),
    );
  });

  it("the file's own pom: by artifact and version in the name, even where the name's version parse is wrong", () => {
    const poms = [
      pom('org.apache.logging.log4j', 'log4j-1.2-api', '2.19.0'),
      pom('log4j', 'log4j', '1.2.17'),
    ];
    for (const fileName of ['log4j-1.2-api.jar', 'log4j-1.2-api-2.19.0.jar'])
      assert.deepEqual(coordinates({ fileName, poms }), [
        'log4j:log4j@1.2.17 high',
        'org.apache.logging.log4j:log4j-1.2-api@2.19.0 high self',
      ]);
  });

  it("the file's own pom by bundle symbolic name when the file was renamed", () => {
    const poms = [pom('com.example', 'app-core', '1.0'), pom('org.other', 'lib', '2.0')];
    const bsn = manifest('Bundle-SymbolicName: com.example.app-core;singleton:=true\n');
    assert.deepEqual(coordinates({ fileName: 'core.jar', poms, manifest: bsn }), [
      'com.example:app-core@1.0 high self',
      'org.other:lib@2.0 high',
    ]);
  });

  it('a lone pom is the file itself unless a version says otherwise', () => {
    const demo = [pom('com.example', 'demo', '0.0.1')];
    const same = manifest('Implementation-Version: 0.0.1\n');
    assert.deepEqual(coordinates({ fileName: 'app.jar', poms: demo, manifest: same }), [
      'com.example:demo@0.0.1 high self',
    ]);
    const other = manifest('Implementation-Version: 2.0\nImplementation-Vendor-Id: com.acme\n');
    assert.deepEqual(coordinates({ fileName: 'tool.jar', poms: demo, manifest: other }), [
      'com.example:demo@0.0.1 high',
      'com.acme:tool@2.0 medium self',
    ]);
  });
});
