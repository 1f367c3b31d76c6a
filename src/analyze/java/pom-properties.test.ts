import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseJavaProperties,
  parsePomProperties,
  pomPropertiesPathCoordinates,
} from './pom-properties.js';

const LOG4J_PATH = 'META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties';
/** Debian's log4j-core 2.19.0 jar (liblog4j2-java 2.19.0-2) carries this file. */
const LOG4J_POM = 'artifactId=log4j-core\ngroupId=org.apache.logging.log4j\nversion=2.19.0\n';

describe('parsePomProperties', () => {
  it('reads the coordinates Maven wrote', () => {
    const warnings: string[] = [];
    assert.deepEqual(
      parsePomProperties(LOG4J_POM, LOG4J_PATH, (m) => warnings.push(m)),
      {
        groupId: 'org.apache.logging.log4j',
        artifactId: 'log4j-core',
        version: '2.19.0',
      },
    );
    assert.deepEqual(warnings, []);
  });

  it('fills a missing group or artifact id from the path, trims values', () => {
    assert.deepEqual(
      parsePomProperties('version = 1.0 \r\n', LOG4J_PATH, () => {}),
      {
        groupId: 'org.apache.logging.log4j',
        artifactId: 'log4j-core',
        version: '1.0',
      },
    );
  });

  it('warns and gives nothing without a version, or with an unexpanded one', () => {
    for (const text of ['groupId=a\nartifactId=b\n', 'version=${project.version}\n']) {
      const warnings: string[] = [];
      assert.equal(
        parsePomProperties(text, LOG4J_PATH, (m) => warnings.push(m)),
        undefined,
      );
      assert.deepEqual(warnings, [
        `${LOG4J_PATH}: no usable groupId, artifactId and version; skipped`,
      ]);
    }
  });
});

describe('pomPropertiesPathCoordinates', () => {
  it('takes exactly META-INF/maven/GROUP/ARTIFACT/pom.properties', () => {
    assert.deepEqual(pomPropertiesPathCoordinates(LOG4J_PATH), {
      groupId: 'org.apache.logging.log4j',
      artifactId: 'log4j-core',
    });
    assert.equal(pomPropertiesPathCoordinates('META-INF/maven/g/pom.properties'), undefined);
    assert.equal(pomPropertiesPathCoordinates('META-INF/maven/g/a/b/pom.properties'), undefined);
    assert.equal(pomPropertiesPathCoordinates('BOOT-INF/maven/g/a/pom.properties'), undefined);
  });
});

describe('parseJavaProperties', () => {
  it('comments, separators, continuations and escapes as java.util.Properties reads them', () => {
    const text = [
      '# comment',
      '! also a comment',
      'a=1',
      'b : 2',
      'c 3',
      'long = one \\',
      '       two',
      'esc\\=aped = \\u0041\\tZ',
      'empty',
      '  indented=yes',
    ].join('\n');
    assert.deepEqual(
      [...parseJavaProperties(text)],
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
        ['long', 'one two'],
        ['esc=aped', 'A\tZ'],
        ['empty', ''],
        ['indented', 'yes'],
      ],
    );
  });

  it('an even number of trailing backslashes does not continue the line', () => {
    assert.deepEqual(
      [...parseJavaProperties('path=C:\\\\\nnext=1')],
      [
        ['path', 'C:\\'],
        ['next', '1'],
      ],
    );
  });
});
