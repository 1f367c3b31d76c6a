import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlob, matchesGlob } from './glob.js';

describe('compileGlob', () => {
  const cases: [pattern: string, path: string, expected: boolean][] = [
    // `**` as a whole segment: zero or more segments
    ['usr/lib/python3/**', 'usr/lib/python3/dist-packages/requests-2.25.1.egg-info', true],
    ['usr/lib/python3/**', 'usr/lib/python3', true],
    ['usr/lib/python3/**', 'usr/lib/python3.11/site-packages/x', false],
    [
      '**/site-packages/**',
      'opt/venv/lib/python3.9/site-packages/requests-2.28.1.dist-info/METADATA',
      true,
    ],
    ['**/site-packages/**', 'usr/lib/python3/dist-packages/requests', false],
    ['opt/**/METADATA', 'opt/METADATA', true],
    ['opt/**/METADATA', 'opt/venv/lib/METADATA', true],
    ['opt/**/METADATA', 'opt/venv/lib/METADATA.bak', false],
    ['**', 'var/lib/dpkg/status', true],
    ['a/**/**/b', 'a/b', true],
    // `*` and `?` stay within a segment
    ['usr/local/bin/*', 'usr/local/bin/runc', true],
    ['usr/local/bin/*', 'usr/local/bin/sub/runc', false],
    ['usr/*/bin/runc', 'usr/local/bin/runc', true],
    ['opt/venv/lib/python3.?/**', 'opt/venv/lib/python3.9/site-packages', true],
    ['opt/venv/lib/python3.?/**', 'opt/venv/lib/python3.11/site-packages', false],
    ['usr/lib/*.so.*', 'usr/lib/libwebp.so.7', true],
    ['usr/lib/lib**.so', 'usr/lib/libssl.so', true], // `**` inside a segment is `*`
    ['usr/lib/lib**.so', 'usr/lib/x/libssl.so', false],
    // every other character is itself, regular-expression characters included
    ['usr/lib/python3.9/**', 'usr/lib/python3x9/x', false],
    ['app/[id]/page.js', 'app/[id]/page.js', true],
    ['app/(group)+/x', 'app/(group)+/x', true],
    // leading `/` and `./`, repeated slashes
    ['/usr/local/bin/**', 'usr/local/bin/runc', true],
    ['./usr/local/bin/runc', '/usr/local/bin/runc', true],
    ['usr//local/bin/runc', 'usr/local/bin/runc', true],
    // literal patterns match whole paths only
    ['var/lib/dpkg/status', 'var/lib/dpkg/status', true],
    ['var/lib/dpkg', 'var/lib/dpkg/status', false],
    ['var/lib/dpkg/status', 'var/lib/dpkg', false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(compileGlob(pattern)(path), expected);
      assert.equal(matchesGlob(path, pattern), expected);
    });
  }

  it('stays fast with many globstars against a deep path', () => {
    const pattern = Array.from({ length: 30 }, () => '**/a').join('/') + '/b';
    const path = Array.from({ length: 200 }, () => 'a').join('/') + '/c';
    const started = process.hrtime.bigint();
    assert.equal(matchesGlob(path, pattern), false);
    assert.ok(process.hrtime.bigint() - started < 1_000_000_000n);
  });
});
