import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PackageURL } from 'packageurl-js';
import { apkPackageUrl, debPackageUrl, packageUrl } from './purl.js';

const debian12 = { family: 'debian', version: '12', source: 'etc/os-release' };

describe('packageUrl', () => {
  it('builds a canonical purl with sorted qualifiers and drops empty ones', () => {
    assert.equal(
      packageUrl('deb', 'debian', 'curl', '7.50.3-1', {
        distro: 'jessie',
        arch: 'i386',
        epoch: undefined,
        x: '',
      }),
      'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie',
    );
    assert.equal(packageUrl('apk', 'alpine', 'musl', undefined), 'pkg:apk/alpine/musl');
  });

  it("keeps a dpkg epoch's ':' unencoded, as the purl spec's character rules require, and round-trips it", () => {
    const purl = debPackageUrl('libcap2', '1:2.66-4+deb12u2+b2', 'amd64', debian12);
    assert.equal(purl, 'pkg:deb/debian/libcap2@1:2.66-4+deb12u2+b2?arch=amd64&distro=debian-12');
    assert.equal(PackageURL.fromString(purl).version, '1:2.66-4+deb12u2+b2');
  });

  it('percent-encodes what the spec does not allow in names and qualifier values', () => {
    const purl = debPackageUrl('libstdc++6', '12.2.0-14', 'amd64', {
      family: 'debian',
      version: 'trixie/sid',
      source: 'etc/debian_version',
    });
    assert.equal(
      purl,
      'pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64&distro=debian-trixie%2Fsid',
    );
    assert.equal(PackageURL.fromString(purl).name, 'libstdc++6');
  });
});

describe('debPackageUrl and apkPackageUrl', () => {
  it('use the OS id as namespace, with distro id-version for deb and the bare version for apk', () => {
    assert.equal(
      debPackageUrl('bash', '5.2.15-2+b8', 'amd64', {
        family: 'ubuntu',
        version: '22.04',
        source: 'x',
      }),
      'pkg:deb/ubuntu/bash@5.2.15-2+b8?arch=amd64&distro=ubuntu-22.04',
    );
    assert.equal(
      apkPackageUrl('musl', '1.2.4-r2', 'x86_64', {
        family: 'alpine',
        version: '3.19.1',
        source: 'x',
      }),
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.19.1',
    );
  });

  it('fall back to the package format vendor without a distro when the OS is unknown', () => {
    assert.equal(debPackageUrl('bash', '5.2', undefined, undefined), 'pkg:deb/debian/bash@5.2');
    assert.equal(
      apkPackageUrl('musl', '1.2', 'armv7', undefined),
      'pkg:apk/alpine/musl@1.2?arch=armv7',
    );
  });
});
