import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGemfileLock } from './gemfile-lock.js';

describe('parseGemfileLock', () => {
  it('reads specs with platforms and dependencies, CRLF line ends, and ignores CHECKSUMS', () => {
    const warnings: string[] = [];
    const text = [
      'GEM',
      '  remote: https://rubygems.org/',
      '  specs:',
      '    ffi (1.17.0-x86_64-linux-gnu)',
      '    nokogiri (1.16.7-java)',
      '      racc (~> 1.4)',
      '    racc (1.8.1-java)',
      '',
      'PLATFORMS',
      '  java',
      '',
      'DEPENDENCIES',
      '  nokogiri',
      '',
      'CHECKSUMS',
      '  racc (1.8.1-java) sha256=4a7f6fa0a2bcc0b2c0c9b2a1e5f3b8f1d1b2a3c4d5e6f708192a3b4c5d6e7f8a',
      '',
    ].join('\r\n');
    assert.deepEqual(
      parseGemfileLock(text, (m) => warnings.push(m)),
      [
        {
          name: 'ffi',
          version: '1.17.0',
          platform: 'x86_64-linux-gnu',
          source: 'rubygems',
          dependencies: [],
        },
        {
          name: 'nokogiri',
          version: '1.16.7',
          platform: 'java',
          source: 'rubygems',
          dependencies: ['racc'],
        },
        { name: 'racc', version: '1.8.1', platform: 'java', source: 'rubygems', dependencies: [] },
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it('an empty file is not a lock file', () => {
    const warnings: string[] = [];
    assert.deepEqual(
      parseGemfileLock('', (m) => warnings.push(m)),
      [],
    );
    assert.deepEqual(warnings, ['no GEM, GIT or PATH section: not a Bundler lock file']);
  });
});
