import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goPackageUrl, goStdlibVersion, isRealModuleVersion } from './identity.js';

describe('goStdlibVersion', () => {
  const table: [string, string | undefined][] = [
    ['go1.19.8', 'v1.19.8'],
    ['go1.20', 'v1.20.0'],
    ['go1.21.0', 'v1.21.0'],
    ['go1.21rc2', 'v1.21.0-rc.2'],
    ['go1.18beta1', 'v1.18.0-beta.1'],
    ['go1.22.1 X:boringcrypto', 'v1.22.1'],
    ['devel go1.23-6a8b2f1 Tue Jan 2 10:00:00 2024 +0000', undefined],
    ['go2', undefined],
    ['', undefined],
  ];
  for (const [goVersion, expected] of table)
    it(`${JSON.stringify(goVersion)} -> ${expected}`, () =>
      assert.equal(goStdlibVersion(goVersion), expected));
});

describe('goPackageUrl', () => {
  it('splits the module path at its last slash and keeps its case', () => {
    assert.equal(
      goPackageUrl('github.com/Azure/azure-sdk-for-go', 'v68.0.0+incompatible'),
      'pkg:golang/github.com/Azure/azure-sdk-for-go@v68.0.0+incompatible',
    );
    assert.equal(goPackageUrl('gopkg.in/yaml.v3', 'v3.0.1'), 'pkg:golang/gopkg.in/yaml.v3@v3.0.1');
    assert.equal(goPackageUrl('stdlib', 'v1.19.8'), 'pkg:golang/stdlib@v1.19.8');
  });

  it('(devel) and an empty version are not release versions', () => {
    assert.equal(isRealModuleVersion('(devel)'), false);
    assert.equal(isRealModuleVersion(''), false);
    assert.equal(isRealModuleVersion('v0.0.0-20240101000000-abcdef123456'), true);
  });
});
