import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parsePackageLock } from './package-lock.js';

const parse = (text: string) => {
  const warnings: string[] = [];
  return { packages: parsePackageLock(text, (m) => warnings.push(m)), warnings };
};
const ids = (packages: { name: string; version: string }[]) =>
  packages.map((p) => `${p.name}@${p.version}`);

describe('parsePackageLock', () => {
  it('a real v3 workspace lock: the link and the workspace folder are not packages', () => {
    const text = readFileSync(
      fixturePath('npm', 'workspace', 'srv', 'ws', 'package-lock.json'),
      'utf8',
    );
    const { packages, warnings } = parse(text);
    assert.deepEqual(warnings, []);
    assert.deepEqual(ids(packages), ['@types/ms@0.7.34', 'ms@2.0.0', 'ms@2.1.3']);
    assert.equal(packages[0]!.dev, true);
  });

  it('v1: requires resolve to the nearest enclosing copy; file: dependencies are the project’s own', () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', requires: { b: '^2.0.0', c: '*' } },
        b: { version: '3.0.0' },
        c: { version: '1.1.0', requires: { b: '^3' } },
        local: { version: 'file:../local' },
        x: {
          version: '1.0.0',
          requires: { b: '^2' },
          dependencies: { b: { version: '2.0.0', dev: true } },
        },
      },
    };
    const { packages, warnings } = parse(JSON.stringify(lock));
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => [`${p.name}@${p.version}`, p.dependsOn, p.dev ?? false]),
      [
        ['a@1.0.0', ['b@3.0.0', 'c@1.1.0'], false],
        ['b@2.0.0', [], true],
        ['b@3.0.0', [], false],
        ['c@1.1.0', ['b@3.0.0'], false],
        ['x@1.0.0', ['b@2.0.0'], false],
      ],
    );
  });

  it('a copy needed in production makes the package not a development dependency', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'p' },
        'node_modules/a': { version: '1.0.0', dev: true },
        'node_modules/b/node_modules/a': { version: '1.0.0' },
        'node_modules/b': { version: '2.0.0', dependencies: { a: '1' } },
      },
    };
    const { packages } = parse(JSON.stringify(lock));
    assert.deepEqual(
      packages.map((p) => [`${p.name}@${p.version}`, p.dev ?? false, p.dependsOn]),
      [
        ['a@1.0.0', false, []],
        ['b@2.0.0', false, ['a@1.0.0']],
      ],
    );
  });

  it('warns about entries it cannot read and keeps the rest', () => {
    const lock = {
      lockfileVersion: 2,
      packages: {
        'node_modules/a': { version: '1.0.0' },
        'node_modules/b': {},
        'node_modules/c': 7,
      },
    };
    const { packages, warnings } = parse(JSON.stringify(lock));
    assert.deepEqual(ids(packages), ['a@1.0.0']);
    assert.deepEqual(warnings, ['2 entries without a version']);
    assert.deepEqual(parse('[]').warnings, ['not a JSON object']);
    assert.deepEqual(parse('{}').warnings, ['no lockfileVersion, packages or dependencies']);
  });
});
