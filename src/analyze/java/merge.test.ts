import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JavaArtifactRecord } from './archive.js';
import type { Confidence } from './identify.js';
import { mergeDuplicateArtifacts } from './merge.js';

function record(
  coordinates: string,
  confidence: Confidence,
  archive: string,
  self: boolean,
): JavaArtifactRecord {
  const [groupId, artifactId, version] = coordinates.split(':') as [string, string, string];
  return {
    groupId,
    artifactId,
    version,
    confidence,
    archive,
    self,
    evidence:
      confidence === 'high'
        ? `META-INF/maven/${groupId}/${artifactId}/pom.properties`
        : 'file name',
    licenses: [],
  };
}
const summary = (records: JavaArtifactRecord[]) =>
  records.map((r) => `${r.groupId}:${r.artifactId}@${r.version} ${r.confidence} [${r.archive}]`);

describe('mergeDuplicateArtifacts', () => {
  it("a shaded pom and the nested jar's own pom are one artifact, placed at the nested jar", () => {
    const merged = mergeDuplicateArtifacts([
      record('com.example:fat:1.0', 'high', '', true),
      record('org.slf4j:slf4j-api:1.7.36', 'high', '', false),
      record('org.slf4j:slf4j-api:1.7.36', 'high', 'lib/slf4j-api-1.7.36.jar', true),
    ]);
    assert.deepEqual(summary(merged), [
      'com.example:fat@1.0 high []',
      'org.slf4j:slf4j-api@1.7.36 high [lib/slf4j-api-1.7.36.jar]',
    ]);
  });

  it('a weaker identity (guessed group) folds into the pom that names the same artifact and version', () => {
    const merged = mergeDuplicateArtifacts([
      record('org.apache.commons:commons-lang3:3.12.0', 'high', '', false),
      record('commons-lang3:commons-lang3:3.12.0', 'low', 'lib/commons-lang3-3.12.0.jar', true),
      record('org.apache:commons-lang3:3.12.0', 'medium', 'x.war!/lib/commons-lang3.jar', true),
    ]);
    assert.deepEqual(summary(merged), ['org.apache.commons:commons-lang3@3.12.0 high []']);
  });

  it('two group ids at the best confidence stay apart; other versions are other artifacts', () => {
    const merged = mergeDuplicateArtifacts([
      record('org.ow2.asm:asm:9.5', 'high', 'b.jar', true),
      record('asm:asm:9.5', 'high', 'a.jar', true),
      record('asm:asm:3.1', 'low', 'c.jar', true),
    ]);
    assert.deepEqual(summary(merged), [
      'asm:asm@9.5 high [a.jar]',
      'org.ow2.asm:asm@9.5 high [b.jar]',
      'asm:asm@3.1 low [c.jar]',
    ]);
  });

  it('the same jar twice in one file: the outermost copy is kept', () => {
    const merged = mergeDuplicateArtifacts([
      record('org.slf4j:slf4j-api:1.7.36', 'high', 'web.war!/WEB-INF/lib/slf4j-api.jar', true),
      record('org.slf4j:slf4j-api:1.7.36', 'high', 'lib/slf4j-api.jar', true),
    ]);
    assert.deepEqual(summary(merged), ['org.slf4j:slf4j-api@1.7.36 high [lib/slf4j-api.jar]']);
  });
});
