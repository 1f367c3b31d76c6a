// Test of the version comparison entry point: one case for every ecosystem it names, each one that only the
// ecosystem's own rules decide (its module's table test cites the specification), and the refusal of unknown names.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, VERSION_ECOSYSTEMS, versionScheme } from './index.js';
import { assertOrder } from './ordering-table.js';

/** [a, b, compareVersions(ecosystem, a, b)] for each ecosystem. */
const CASES: Readonly<Record<string, readonly [string, string, -1 | 0 | 1]>> = {
  apk: ['1.2.3_rc1', '1.2.3', -1], // a _rc suffix comes before the release
  cargo: ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1], // numeric identifiers before alphanumeric ones
  composer: ['dev-master', '0.0.1', -1], // a dev-BRANCH comes before every numbered version
  deb: ['1.0~rc1', '1.0', -1], // a tilde sorts before the end of the version
  gem: ['1.0.a', '1.0', -1], // any letter makes a prerelease
  go: ['v1.9.0', 'v1.10.0', -1], // numeric, not lexical, parts
  maven: ['1.0-SNAPSHOT', '1.0', -1], // a snapshot comes before its release
  nuget: ['1.0', '1.0.0.0', 0], // missing parts, the fourth included, are zeros
  pep440: ['1.0rc1', '1.0', -1], // a release candidate is a pre-release
  rpm: ['1:1.0-1', '2.0-1', 1], // the epoch outranks the version
  semver: ['1.0.0-alpha', '1.0.0', -1], // a prerelease comes before its release
};

describe('compareVersions', () => {
  it('names every ecosystem that has a version module, sorted', () => {
    assert.deepEqual(VERSION_ECOSYSTEMS, Object.keys(CASES).sort());
    for (const ecosystem of VERSION_ECOSYSTEMS)
      assert.equal(versionScheme(ecosystem)?.name, ecosystem);
  });

  for (const ecosystem of Object.keys(CASES).sort()) {
    const [a, b, expected] = CASES[ecosystem]!;
    it(`${ecosystem}: ${a} vs ${b}`, () => {
      assertOrder((x, y) => compareVersions(ecosystem, x, y), a, b, expected);
    });
  }

  it('throws on an ecosystem it has no module for', () => {
    assert.equal(versionScheme('npm'), undefined);
    assert.throws(() => compareVersions('npm', '1.0.0', '2.0.0'), {
      name: 'RangeError',
      message: 'no version comparison for ecosystem "npm"',
    });
    // Names are exact: OSV's spelling of an ecosystem is not a module name.
    assert.throws(() => compareVersions('Maven', '1.0', '2.0'), RangeError);
  });
});
