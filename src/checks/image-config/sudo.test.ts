import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../../model/package.js';
import { inventoryWith } from './config-fixture.js';
import { checkContext } from './context.js';
import { sudoFindings } from './sudo.js';

function pkg(
  type: Package['type'],
  name: string,
  version: string,
  extra: Partial<Package> = {},
): Package {
  return {
    type,
    name,
    version,
    licenses: [],
    purl: `pkg:${type}/${name}@${version}`,
    files: [],
    dependsOn: [],
    foundBy: type === 'deb' ? 'dpkg' : type,
    location:
      type === 'deb'
        ? 'var/lib/dpkg/status'
        : type === 'apk'
          ? 'lib/apk/db/installed'
          : 'var/lib/rpm/rpmdb.sqlite',
    ...extra,
  };
}

const run = (packages: Package[]) => sudoFindings(checkContext(inventoryWith({}, {}, packages)));

describe('SW-IMG-010 sudo installed', () => {
  it('fires on the Debian package at its binary and layer', () => {
    const findings = run([
      pkg('deb', 'sudo', '1.9.13p3-1+deb12u1', {
        files: ['etc/sudoers', 'usr/bin/sudo'],
        layer: 2,
      }),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-010',
          'low',
          'sudo is installed (deb package sudo 1.9.13p3-1+deb12u1)',
          { path: 'usr/bin/sudo', layer: 2 },
          'pkg:deb/sudo@1.9.13p3-1+deb12u1',
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, { dockle: ['DKL-DI-0001'] });
  });

  it('fires on apk and rpm sudo and Debian sudo-ldap, at the database when files are unknown', () => {
    assert.deepEqual(
      run([
        pkg('apk', 'sudo', '1.9.15_p5-r0'),
        pkg('rpm', 'sudo', '1.9.5p2-10.el9'),
        pkg('deb', 'sudo-ldap', '1.9.13p3-1'),
      ]).map((f) => f.location),
      [
        { path: 'lib/apk/db/installed' },
        { path: 'var/lib/rpm/rpmdb.sqlite' },
        { path: 'var/lib/dpkg/status' },
      ],
    );
  });

  it('passes other packages, and language packages named sudo', () => {
    assert.deepEqual(
      run([
        pkg('deb', 'doas', '6.8.2-1'),
        pkg('npm', 'sudo', '1.0.3'),
        pkg('deb', 'sudo-common', '1'),
      ]),
      [],
    );
  });
});
