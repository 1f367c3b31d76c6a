import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYarnLock } from './yarn-lock.js';

const parse = (text: string) => {
  const warnings: string[] = [];
  return { packages: parseYarnLock(text, (m) => warnings.push(m)), warnings };
};

describe('parseYarnLock (classic)', () => {
  it('quoted field names as `yarn install` from npm-converted locks writes them', () => {
    // Trivy's testdata/yarn_with_npm.lock (Apache-2.0)
    const text =
      '"jquery@^3.6.0":\n  "integrity" "sha512-x"\n  "resolved" "https://registry.npmjs.org/jquery/-/jquery-3.6.0.tgz"\n  "version" "3.6.0"\n';
    assert.deepEqual(parse(text), {
      packages: [{ name: 'jquery', version: '3.6.0', dependsOn: [] }],
      warnings: [],
    });
  });

  it('an alias names the real package; file: and link: entries are the project’s own', () => {
    const text = [
      '"lodash@npm:lodash-es@^4.17.21":',
      '  version "4.17.21"',
      '',
      '"local@file:../local":',
      '  version "1.0.0"',
      '',
      'app@1.0.0:',
      '  version "1.0.0"',
      '  dependencies:',
      '    lodash "npm:lodash-es@^4.17.21"',
      '    local "file:../local"',
      '',
    ].join('\n');
    const { packages, warnings } = parse(text);
    assert.deepEqual(warnings, []);
    assert.deepEqual(packages, [
      { name: 'app', version: '1.0.0', dependsOn: ['lodash-es@4.17.21'] },
      { name: 'lodash-es', version: '4.17.21', dependsOn: [] },
    ]);
  });

  it('warns about text that is not a lock entry', () => {
    assert.deepEqual(parse('garbage\na@1:\n  version "1"\n').warnings, [
      '1 unreadable lines at the top level',
    ]);
    assert.deepEqual(parse('a@1:\n  resolved "x"\n').warnings, [
      '1 entries without a name and version',
    ]);
  });
});

describe('parseYarnLock (berry)', () => {
  it('dependencies written with a protocol, and versions that YAML would read as numbers', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"a@npm:^1.10":',
      '  version: 1.10',
      '  resolution: "a@npm:1.10"',
      '  dependencies:',
      '    b: "npm:^2.0.0"',
      '    w: "workspace:^"',
      '',
      '"b@npm:^2.0.0":',
      '  version: 2.0.0',
      '  resolution: "b@npm:2.0.0"',
      '',
      '"w@workspace:^, w@workspace:packages/w":',
      '  version: 0.0.0-use.local',
      '  resolution: "w@workspace:packages/w"',
      '',
    ].join('\n');
    const { packages, warnings } = parse(text);
    assert.deepEqual(warnings, []);
    assert.deepEqual(packages, [
      { name: 'a', version: '1.10', dependsOn: ['b@2.0.0'] },
      { name: 'b', version: '2.0.0', dependsOn: [] },
    ]);
  });

  it('warns about entries without a resolution', () => {
    const { packages, warnings } = parse(
      '__metadata:\n  version: 8\n"a@npm:1":\n  version: 1.0.0\n',
    );
    assert.deepEqual(packages, []);
    assert.deepEqual(warnings, ['1 entries without a resolution and version']);
  });
});
