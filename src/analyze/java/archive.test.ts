import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { readJavaArchive, type ArchiveLimits, type JavaArtifactRecord } from './archive.js';

const MiB = 1024 * 1024;
const DEFAULTS: ArchiveLimits = {
  maxDepth: 4,
  maxNestedBytes: 256 * MiB,
  maxInflatedBytes: 1024 * MiB,
};

function read(path: string[], limits: Partial<ArchiveLimits> = {}) {
  const warnings: string[] = [];
  const records = readJavaArchive(
    readFileSync(fixturePath('java', ...path)),
    path[path.length - 1]!,
    { ...DEFAULTS, ...limits },
    (m) => warnings.push(m),
  );
  return { records, warnings, found: records.map(summary) };
}
const summary = (r: JavaArtifactRecord) =>
  `${r.archive || '.'} ${r.groupId}:${r.artifactId}@${r.version} ${r.confidence}${r.self ? ' self' : ''}`;
const EAR = ['rootfs', 'srv', 'ear', 'bank-1.0.ear'];

describe('readJavaArchive', () => {
  it('a fat jar: its own pom, the shaded poms, and the nested jars, each where it was found', () => {
    const { found, warnings } = read(['rootfs', 'opt', 'app', 'fat-app-1.0.0.jar']);
    assert.deepEqual(warnings, []);
    assert.deepEqual(found, [
      '. com.example:fat-app@1.0.0 high self',
      '. com.google.guava:guava@31.1-jre high',
      '. org.apache.commons:commons-lang3@3.12.0 high',
      '. org.slf4j:slf4j-api@1.7.36 high',
      'lib/commons-lang3-3.12.0.jar org.apache:commons-lang3@3.12.0 medium self',
      'lib/slf4j-api-1.7.36.jar org.slf4j:slf4j-api@1.7.36 high self',
    ]);
  });

  it('an ear: the war in it (level 2) and the jars in the war (level 3)', () => {
    const { found, warnings } = read(EAR);
    assert.deepEqual(warnings, []);
    assert.deepEqual(found, [
      '. bank:bank@1.0 low self',
      'lib/commons-lang3-3.12.0.jar org.apache:commons-lang3@3.12.0 medium self',
      'shop.war com.example:shop@0.9.0 high self',
      'shop.war!/WEB-INF/lib/greeter-2.3.1.jar com.example:greeter@2.3.1 medium self',
      'shop.war!/WEB-INF/lib/slf4j-api-1.7.36.jar org.slf4j:slf4j-api@1.7.36 high self',
    ]);
  });

  it('stops at the depth limit, saying what it did not open', () => {
    const two = read(EAR, { maxDepth: 2 });
    assert.deepEqual(two.found, [
      '. bank:bank@1.0 low self',
      'lib/commons-lang3-3.12.0.jar org.apache:commons-lang3@3.12.0 medium self',
      'shop.war com.example:shop@0.9.0 high self',
    ]);
    assert.deepEqual(two.warnings, [
      'shop.war: 2 nested archives not read: level 3 is over the depth limit of 2 (WEB-INF/lib/greeter-2.3.1.jar, WEB-INF/lib/slf4j-api-1.7.36.jar)',
    ]);
    const one = read(EAR, { maxDepth: 1 });
    assert.deepEqual(one.found, ['. bank:bank@1.0 low self']);
    assert.deepEqual(one.warnings, [
      '2 nested archives not read: level 2 is over the depth limit of 1 (lib/commons-lang3-3.12.0.jar, shop.war)',
    ]);
  });

  it('skips a nested archive over the size limit before inflating it', () => {
    const { found, warnings } = read(['damaged', 'opt', 'bomb.war'], { maxNestedBytes: MiB });
    assert.deepEqual(found, []);
    assert.deepEqual(warnings, [
      'WEB-INF/lib/bomb-1.0.jar: nested archive not read: 8389026 bytes uncompressed is over the limit of 1048576',
    ]);
    const huge = read(['damaged', 'opt', 'huge.war']);
    assert.deepEqual(huge.warnings, [
      'WEB-INF/lib/bomb-1.0.jar: nested archive not read: 4294967294 bytes uncompressed is over the limit of 268435456',
    ]);
  });

  it('skips nested archives once the file has inflated its total allowance', () => {
    const { warnings } = read(['damaged', 'opt', 'bomb.war'], { maxInflatedBytes: 4 * MiB });
    assert.deepEqual(warnings, [
      "WEB-INF/lib/bomb-1.0.jar: nested archive not read: the file's nested archives would inflate to more than 4194304 bytes in all",
    ]);
  });

  it('reads a nested bomb within the limits: 8 MiB of zeros, named by its manifest', () => {
    const { found, warnings } = read(['damaged', 'opt', 'bomb.war']);
    assert.deepEqual(warnings, []);
    assert.deepEqual(found, ['WEB-INF/lib/bomb-1.0.jar bomb:bomb@1.0 medium self']);
  });

  it('a nested archive that inflates past its declared size is not read', () => {
    const { found, warnings } = read(['damaged', 'opt', 'liar.war']);
    assert.deepEqual(found, []);
    assert.deepEqual(warnings, [
      'WEB-INF/lib/bomb-1.0.jar: nested archive not read: inflates to more than the 1000 bytes declared',
    ]);
  });

  it('a damaged nested archive is named in a warning; its neighbours are still read', () => {
    const { found, warnings } = read(['damaged', 'opt', 'damaged.war']);
    assert.deepEqual(found, [
      'WEB-INF/lib/slf4j-api-1.7.36.jar org.slf4j:slf4j-api@1.7.36 high self',
    ]);
    assert.deepEqual(warnings, [
      'WEB-INF/lib/bad-2.0.jar: not a readable zip archive: no end of central directory record (not a zip archive, or cut short)',
    ]);
  });

  it('a .rar that is a RAR archive, not a resource adapter, is passed over in silence', () => {
    const { found, warnings } = read(['damaged', 'opt', 'notes.rar']);
    assert.deepEqual(found, []);
    assert.deepEqual(warnings, []);
  });
});

describe('readJavaArchive on damage anywhere', () => {
  it('never throws, whatever bytes are changed or cut off (deterministic mutations of an ear)', () => {
    const ear = readFileSync(fixturePath('java', ...EAR));
    let seed = 12345;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    let warned = 0;
    for (let round = 0; round < 400; round++) {
      const damaged = Buffer.from(ear);
      for (let i = 0; i < 1 + random(8); i++) damaged[random(damaged.length)] = random(256);
      const cut = round % 4 === 0 ? damaged.subarray(0, random(damaged.length)) : damaged;
      const warnings: string[] = [];
      const records = readJavaArchive(cut, 'bank-1.0.ear', DEFAULTS, (m) => warnings.push(m));
      assert.ok(Array.isArray(records));
      if (warnings.length > 0) warned++;
    }
    assert.ok(warned > 100, `most damage is noticed (${warned} of 400)`);
  });
});
