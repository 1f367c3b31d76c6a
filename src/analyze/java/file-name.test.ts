import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArchiveFileName } from './file-name.js';

describe('parseArchiveFileName', () => {
  const cases: [string, string, string | undefined][] = [
    ['log4j-core-2.19.0.jar', 'log4j-core', '2.19.0'],
    ['log4j-1.2-api-2.19.0.jar', 'log4j-1.2-api', '2.19.0'],
    ['log4j-1.2.17.jar', 'log4j', '1.2.17'],
    ['guava-31.1-jre.jar', 'guava', '31.1-jre'],
    ['spring-core-5.3.9.RELEASE.jar', 'spring-core', '5.3.9.RELEASE'],
    [
      'netty-transport-native-epoll-4.1.86.Final-linux-x86_64.jar',
      'netty-transport-native-epoll',
      '4.1.86.Final-linux-x86_64',
    ],
    ['bcprov-jdk15on-1.70.jar', 'bcprov-jdk15on', '1.70'],
    ['my-http2-server-5.jar', 'my-http2-server', '5'],
    ['foo-1.0-2.jar', 'foo', '1.0-2'],
    ['scala-parser-combinators_2.13-1.1.2.jar', 'scala-parser-combinators_2.13', '1.1.2'],
    [
      'org.eclipse.osgi_3.7.1.R37x_v20110808-1106.jar',
      'org.eclipse.osgi',
      '3.7.1.R37x_v20110808-1106',
    ],
    ['foo_1.0.jar', 'foo', '1.0'],
    ['scalatest_2.13-3.2.15.jar', 'scalatest_2.13', '3.2.15'],
    ['org.eclipse.osgi_3.7.1.R37x_v20110808.jar', 'org.eclipse.osgi', '3.7.1.R37x_v20110808'],
    ['scala-xml_2.13.jar', 'scala-xml_2.13', undefined],
    ['commons-codec.jar', 'commons-codec', undefined],
    ['log4j-1.2-api.jar', 'log4j', '1.2-api'],
    ['shop.war', 'shop', undefined],
    ['1.0.jar', '', '1.0'],
  ];
  for (const [file, name, version] of cases)
    it(`${file} → ${name} ${version ?? '(no version)'}`, () => {
      const parsed = parseArchiveFileName(file);
      assert.equal(parsed.name, name);
      assert.equal(parsed.version, version);
    });
});
