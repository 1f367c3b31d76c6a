import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PackageURL } from 'packageurl-js';
import type { OsInfo } from '../../model/os.js';
import { rpmNamespace, rpmPackageUrl } from './purl.js';

const os = (family: string, version?: string): OsInfo => ({
  family,
  version,
  source: 'etc/os-release',
});

describe('rpmNamespace', () => {
  it('maps os-release ids to purl vendor names', () => {
    const table: [string, string][] = [
      ['fedora', 'fedora'],
      ['rhel', 'redhat'],
      ['centos', 'centos'],
      ['rocky', 'rocky'],
      ['almalinux', 'almalinux'],
      ['ol', 'oracle'],
      ['amzn', 'amazon'],
      ['opensuse-leap', 'opensuse'],
      ['opensuse-tumbleweed', 'opensuse'],
      ['sles', 'opensuse'],
      ['sle-micro', 'opensuse'],
      ['azurelinux', 'azurelinux'],
      ['mariner', 'mariner'],
    ];
    for (const [id, vendor] of table) assert.equal(rpmNamespace(os(id)), vendor, id);
    assert.equal(rpmNamespace(undefined), undefined);
  });
});

describe('rpmPackageUrl', () => {
  it('writes the purl spec example form, epoch only when not 0', () => {
    const fedora = os('fedora', '39');
    assert.equal(
      rpmPackageUrl({ name: 'curl', version: '8.2.1-3.fc39', epoch: 1, arch: 'x86_64' }, fedora),
      'pkg:rpm/fedora/curl@8.2.1-3.fc39?arch=x86_64&distro=fedora-39&epoch=1',
    );
    assert.equal(
      rpmPackageUrl({ name: 'curl', version: '8.2.1-3.fc39', epoch: 0, arch: 'x86_64' }, fedora),
      'pkg:rpm/fedora/curl@8.2.1-3.fc39?arch=x86_64&distro=fedora-39',
    );
  });

  it('keeps the os-release id in the distro qualifier and leaves it out without a version', () => {
    assert.equal(
      rpmPackageUrl({ name: 'bash', version: '5.1.8-6.el9', arch: 'x86_64' }, os('rhel', '9.3')),
      'pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3',
    );
    assert.equal(
      rpmPackageUrl({ name: 'bash', version: '5.2-1', arch: 'x86_64' }, os('opensuse-tumbleweed')),
      'pkg:rpm/opensuse/bash@5.2-1?arch=x86_64',
    );
  });

  it('percent-encodes names and round-trips through packageurl-js', () => {
    const purl = rpmPackageUrl(
      { name: 'libstdc++', version: '12.2.0-1.cm2', arch: 'x86_64' },
      os('azurelinux', '2.0'),
    );
    assert.equal(
      purl,
      'pkg:rpm/azurelinux/libstdc%2B%2B@12.2.0-1.cm2?arch=x86_64&distro=azurelinux-2.0',
    );
    const parsed = PackageURL.fromString(purl);
    assert.equal(parsed.name, 'libstdc++');
    assert.equal(parsed.version, '12.2.0-1.cm2');
  });
});
