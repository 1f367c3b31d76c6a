import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRelations, resolveRelations, type InstalledPackage } from './dependencies.js';

describe('parseRelations', () => {
  it('drops versions, architecture lists and build profiles, keeps :arch qualifiers and alternatives', () => {
    assert.deepEqual(
      parseRelations(
        'libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0, perl:any, foo [amd64] <!nocheck>, Bad Name',
      ),
      [
        [{ name: 'libc6' }],
        [{ name: 'debconf' }, { name: 'debconf-2.0' }],
        [{ name: 'perl', archQualifier: 'any' }],
        [{ name: 'foo' }],
      ],
    );
    assert.deepEqual(parseRelations(undefined), []);
  });
});

function pkg(name: string, arch: string, depends = '', provides = ''): InstalledPackage {
  return {
    name,
    arch,
    depends: parseRelations(depends),
    provides: parseRelations(provides).flatMap((g) => g.map((r) => r.name)),
  };
}

function edges(packages: InstalledPackage[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [p, targets] of resolveRelations(packages)) {
    out[`${p.name}:${p.arch}`] = targets.map((t) => `${t.name}:${t.arch}`).sort();
  }
  return out;
}

describe('resolveRelations', () => {
  it('takes the first installed alternative, even when it is not the first written', () => {
    const result = edges([
      pkg('apt', 'amd64', 'gpgv1 | gpgv | gpgv2'),
      pkg('gpgv', 'amd64'),
      pkg('gpgv2', 'amd64'),
    ]);
    assert.deepEqual(result['apt:amd64'], ['gpgv:amd64']);
  });

  it('resolves virtual packages through Provides, to every provider', () => {
    const result = edges([
      pkg('base-files', 'amd64', 'awk'),
      pkg('mawk', 'amd64', '', 'awk'),
      pkg('gawk', 'amd64', '', 'awk'),
      pkg('adduser', 'all', 'debconf (>= 0.5) | debconf-2.0'),
      pkg('cdebconf', 'amd64', '', 'debconf-2.0'),
    ]);
    assert.deepEqual(result['base-files:amd64'], ['gawk:amd64', 'mawk:amd64']);
    assert.deepEqual(result['adduser:all'], ['cdebconf:amd64']);
  });

  it('prefers the same architecture, honours :arch qualifiers, drops self edges and missing targets', () => {
    const result = edges([
      pkg('libfoo', 'i386', 'libc6, libfoo-common, missing-lib'),
      pkg('tool', 'amd64', 'libc6:i386, python3:any, tool'),
      pkg('libc6', 'amd64'),
      pkg('libc6', 'i386'),
      pkg('libfoo-common', 'all'),
      pkg('python3', 'amd64'),
    ]);
    assert.deepEqual(result['libfoo:i386'], ['libc6:i386', 'libfoo-common:all']);
    assert.deepEqual(result['tool:amd64'], ['libc6:i386', 'python3:amd64']);
  });
});
