import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePurl, purlMatches } from './purl-match.js';

function matches(pattern: string, actual: string): boolean {
  const [p, a] = [parsePurl(pattern), parsePurl(actual)];
  assert.ok(p && a);
  return purlMatches(p, a);
}

const xorg = 'pkg:deb/debian/xserver-xorg-core@2:1.20.11-1+deb11u5?arch=amd64&distro=debian-11';

describe('purlMatches', () => {
  it('a pattern without version names every version; with one, only that version', () => {
    assert.equal(matches('pkg:deb/debian/xserver-xorg-core', xorg), true);
    assert.equal(matches('pkg:deb/debian/xserver-xorg-core@2:1.20.11-1+deb11u5', xorg), true);
    assert.equal(matches('pkg:deb/debian/xserver-xorg-core@2:1.20.11-1+deb11u6', xorg), false);
  });
  it('qualifiers count only when the pattern gives them', () => {
    assert.equal(matches('pkg:deb/debian/xserver-xorg-core?arch=amd64', xorg), true);
    assert.equal(matches('pkg:deb/debian/xserver-xorg-core?arch=arm64', xorg), false);
    assert.equal(matches('pkg:deb/debian/xserver-xorg-core?distro=debian-12', xorg), false);
  });
  it('compares decoded, normalised parts', () => {
    assert.equal(matches('pkg:deb/debian/xserver-xorg-core@2%3A1.20.11-1%2Bdeb11u5', xorg), true);
    // PEP 503: pypi names are lower case with `-`
    assert.equal(matches('pkg:pypi/Requests', 'pkg:pypi/requests@2.28.1'), true);
  });
  it('type, namespace and name must agree', () => {
    assert.equal(matches('pkg:deb/ubuntu/xserver-xorg-core', xorg), false);
    assert.equal(matches('pkg:rpm/debian/xserver-xorg-core', xorg), false);
    assert.equal(matches('pkg:deb/debian/xorg-server', xorg), false);
    assert.equal(
      matches(
        'pkg:golang/github.com/opencontainers/runc',
        'pkg:golang/github.com/opencontainers/runc@v1.1.11',
      ),
      true,
    );
    assert.equal(
      matches('pkg:golang/runc', 'pkg:golang/github.com/opencontainers/runc@v1.1.11'),
      false,
    );
  });
  it('parsePurl refuses what is not a purl', () => {
    assert.equal(parsePurl('xserver-xorg-core'), undefined);
    assert.equal(parsePurl('pkg:deb'), undefined);
    assert.equal(parsePurl('https://example.com/x'), undefined);
  });
});
