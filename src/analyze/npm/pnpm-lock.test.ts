import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePnpmLock } from './pnpm-lock.js';

const parse = (text: string) => {
  const warnings: string[] = [];
  return { packages: parsePnpmLock(text, (m) => warnings.push(m)), warnings };
};
const rows = (text: string) =>
  parse(text).packages.map((p) => [`${p.name}@${p.version}`, p.dev ?? false, p.dependsOn]);

describe('parsePnpmLock', () => {
  it('v5.4: scoped keys, peer suffixes after "_", dev flags', () => {
    const text = [
      'lockfileVersion: 5.4',
      'packages:',
      '  /@babel/core/7.12.3_supports-color@8.1.1:',
      '    resolution: {integrity: x}',
      '    dependencies:',
      '      debug: 4.3.4_supports-color@8.1.1',
      '    dev: true',
      '  /debug/4.3.4_supports-color@8.1.1:',
      '    resolution: {integrity: x}',
      '    dev: false',
      '  registry.example.com/private/1.0.0:',
      '    resolution: {tarball: https://registry.example.com/private-1.0.0.tgz}',
      '    name: private',
      '    version: 1.0.0',
      '',
    ].join('\n');
    assert.deepEqual(rows(text), [
      ['@babel/core@7.12.3', true, ['debug@4.3.4']],
      ['debug@4.3.4', false, []],
      ['private@1.0.0', false, []],
    ]);
  });

  it('v6: peer suffixes in parentheses, alias references', () => {
    const text = [
      "lockfileVersion: '6.0'",
      'packages:',
      '  /mocha@10.0.0:',
      '    dependencies:',
      '      debug: 4.3.4(supports-color@8.1.1)',
      '      string-width-cjs: /string-width@4.2.3',
      '    dev: true',
      '  /debug@4.3.4(supports-color@8.1.1):',
      '    dev: true',
      '  /string-width@4.2.3:',
      '    dev: true',
      '',
    ].join('\n');
    assert.deepEqual(rows(text), [
      ['debug@4.3.4', true, []],
      ['mocha@10.0.0', true, ['debug@4.3.4', 'string-width@4.2.3']],
      ['string-width@4.2.3', true, []],
    ]);
  });

  it('v9 with a configuration document first; alias references in snapshots', () => {
    const text = [
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    configDependencies: {}',
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      a:',
      '        specifier: ^1',
      '        version: 1.0.0',
      'packages:',
      '  a@1.0.0:',
      '    resolution: {integrity: x}',
      '  real@2.0.0:',
      '    resolution: {integrity: x}',
      'snapshots:',
      '  a@1.0.0:',
      '    dependencies:',
      '      alias: real@2.0.0',
      '  real@2.0.0: {}',
      '',
    ].join('\n');
    assert.deepEqual(parse(text).warnings, []);
    assert.deepEqual(rows(text), [
      ['a@1.0.0', false, ['real@2.0.0']],
      ['real@2.0.0', false, []],
    ]);
  });

  it('warns about a missing version and unreadable keys', () => {
    assert.deepEqual(parse('packages: {}\n').warnings, ['no lockfileVersion']);
    const { packages, warnings } = parse(
      "lockfileVersion: '6.0'\npackages:\n  /nameonly:\n    dev: true\n",
    );
    assert.deepEqual(packages, []);
    assert.deepEqual(warnings, ['1 packages without a readable name and version']);
  });
});
