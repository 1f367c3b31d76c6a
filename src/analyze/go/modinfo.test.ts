import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoModInfo } from './modinfo.js';

function parse(text: string) {
  const warnings: string[] = [];
  return { info: parseGoModInfo(text, (m) => warnings.push(m)), warnings };
}

describe('parseGoModInfo', () => {
  it('reads path, main module, dependencies with module and directory replacements, build settings', () => {
    const text = [
      'path\texample.com/hello/cmd/hello',
      'mod\texample.com/hello\tv1.4.0\th1:abc=',
      'dep\tgolang.org/x/text\tv0.3.7\th1:def=',
      'dep\texample.com/colour\tv0.3.1',
      '=>\texample.com/colour-fork\tv0.3.2\th1:ghi=',
      'dep\texample.com/local\tv0.1.0',
      '=>\t../local\t\t',
      'build\t-compiler=gc',
      'build\t-ldflags="-s -w -X main.version=1.4.0"',
      'build\tvcs.revision=0123abcd',
      'build\t"odd key"=`raw value`',
      '',
    ].join('\n');
    assert.deepEqual(parse(text), {
      info: {
        path: 'example.com/hello/cmd/hello',
        main: { path: 'example.com/hello', version: 'v1.4.0' },
        deps: [
          { path: 'golang.org/x/text', version: 'v0.3.7' },
          {
            path: 'example.com/colour',
            version: 'v0.3.1',
            replace: { path: 'example.com/colour-fork', version: 'v0.3.2' },
          },
          {
            path: 'example.com/local',
            version: 'v0.1.0',
            replace: { path: '../local', version: '' },
          },
        ],
        settings: {
          '-compiler': 'gc',
          '-ldflags': '-s -w -X main.version=1.4.0',
          'vcs.revision': '0123abcd',
          'odd key': 'raw value',
        },
      },
      warnings: [],
    });
  });

  it('a GOPATH build has a path and build settings but no modules', () => {
    const { info } = parse('path\tgithub.com/opencontainers/runc\nbuild\tCGO_ENABLED=1\n');
    assert.deepEqual(info, {
      path: 'github.com/opencontainers/runc',
      deps: [],
      settings: { CGO_ENABLED: '1' },
    });
  });

  it('skips malformed lines with one warning, keeping the rest', () => {
    const text = [
      'dep\tonly-a-path',
      '=>\torphan\tv1.0.0\t',
      'dep\tgood.example/a\tv1.0.0\th1:x=',
      '=>\ttoo\tfew',
      'build\t=no-key',
      'build\tGOOS=linux',
      'future\tline kinds are ignored',
    ].join('\n');
    const { info, warnings } = parse(text);
    assert.deepEqual(info.deps, [{ path: 'good.example/a', version: 'v1.0.0' }]);
    assert.deepEqual(info.settings, { GOOS: 'linux' });
    assert.deepEqual(warnings, [
      'Go module info: skipped 4 malformed lines (line 1: dep with 1 columns; line 2: replacement without a module before it or with 3 columns; line 4: replacement without a module before it or with 2 columns)',
    ]);
  });
});
