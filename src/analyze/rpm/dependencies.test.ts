import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRpmRequires, type RpmDependencyNode } from './dependencies.js';

function node(name: string, fields: Partial<RpmDependencyNode> = {}): RpmDependencyNode {
  return { name, arch: 'x86_64', provides: [name], requires: [], files: [], ...fields };
}

function edges(packages: RpmDependencyNode[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [p, targets] of resolveRpmRequires(packages)) {
    out[`${p.name}.${p.arch}`] = targets.map((t) => `${t.name}.${t.arch}`).sort();
  }
  return out;
}

describe('resolveRpmRequires', () => {
  it('resolves capabilities through provides and package names', () => {
    const glibc = node('glibc', { provides: ['glibc', 'libc.so.6()(64bit)'] });
    const old = node('oldpkg', { provides: [] }); // headers without a self-provide still satisfy their name
    const app = node('app', { requires: ['libc.so.6()(64bit)', 'oldpkg', 'not-installed'] });
    assert.deepEqual(edges([glibc, old, app]), {
      'glibc.x86_64': [],
      'oldpkg.x86_64': [],
      'app.x86_64': ['glibc.x86_64', 'oldpkg.x86_64'],
    });
  });

  it('resolves paths through provides and through file lists, and drops self edges', () => {
    const bash = node('bash', {
      provides: ['bash', '/bin/sh'],
      files: ['/bin/bash'],
      requires: ['/bin/sh'],
    });
    const coreutils = node('coreutils', { files: ['/bin/cp', '/usr/bin/env'] });
    const script = node('script', { requires: ['/bin/sh', '/usr/bin/env', '/bin/missing'] });
    assert.deepEqual(edges([bash, coreutils, script]), {
      'bash.x86_64': [],
      'coreutils.x86_64': [],
      'script.x86_64': ['bash.x86_64', 'coreutils.x86_64'],
    });
  });

  it('prefers providers of the same architecture or noarch in a multilib set, else takes all', () => {
    const libs64 = node('libfoo', { arch: 'x86_64', provides: ['libfoo', 'shared-cap'] });
    const libs32 = node('libfoo', { arch: 'i686', provides: ['libfoo', 'shared-cap'] });
    const data = node('foo-data', { arch: 'noarch', provides: ['foo-data', 'shared-cap'] });
    const app32 = node('app32', { arch: 'i686', requires: ['libfoo'] });
    const app64 = node('app64', { arch: 'x86_64', requires: ['shared-cap'] });
    const noarch = node('docs', { arch: 'noarch', requires: ['libfoo'] });
    assert.deepEqual(edges([libs64, libs32, data, app32, app64, noarch]), {
      'libfoo.x86_64': [],
      'libfoo.i686': [],
      'foo-data.noarch': [],
      'app32.i686': ['libfoo.i686'],
      'app64.x86_64': ['foo-data.noarch', 'libfoo.x86_64'],
      'docs.noarch': ['libfoo.i686', 'libfoo.x86_64'],
    });
  });
});
