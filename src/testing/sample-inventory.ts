// A hand-built Inventory for renderer tests: a two-layer Debian 12 image with real bookworm packages, plus one apk and
// one rpm package so every package type's fields appear. Shapes follow src/model/ (purls per https://github.com/package-url/purl-spec).

import { comparePackages } from '../model/order.js';
import type { Inventory } from '../model/inventory.js';
import type { Package } from '../model/package.js';

const LAYER_0 = {
  diffId: 'sha256:d274d2048bc1356edd7082e6368c54c7646065c97a4ca42a3d0709067850d61b',
  digest: 'sha256:9b8732b3e7aa40a3ce3fc9dad1255ab1d0ace64d5fc14bfa08165b0009a250c0',
};
const LAYER_1 = {
  diffId: 'sha256:178f71109fda6c55de3fd78df7a4b0c2ba93f660b014a782253d988d6a38d47f',
  digest: 'sha256:4b9573fe4db62bfefd17d7615df9920e658d3b7a4ffda290c9a398226de0897b',
};

const PURL = {
  baseFiles: 'pkg:deb/debian/base-files@12.4+deb12u5?arch=amd64&distro=debian-12',
  bash: 'pkg:deb/debian/bash@5.2.15-2+b2?arch=amd64&distro=debian-12',
  caCertificates: 'pkg:deb/debian/ca-certificates@20230311?arch=all&distro=debian-12',
  gcc12Base: 'pkg:deb/debian/gcc-12-base@12.2.0-14?arch=amd64&distro=debian-12',
  libc6: 'pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12',
  libgccS1: 'pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12',
  libssl3: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12',
  libstdcxx6: 'pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64&distro=debian-12',
  openssl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12',
  tzdata: 'pkg:deb/debian/tzdata@2024a-0+deb12u1?arch=all&distro=debian-12',
  zlib1g: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12',
  musl: 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.19.1',
  opensslLibs: 'pkg:rpm/fedora/openssl-libs@3.1.1-4.fc39?arch=x86_64&distro=fedora-39&epoch=1',
  pythonRequestsDeb: 'pkg:deb/debian/python3-requests@2.28.1+dfsg-1?arch=all&distro=debian-12',
  requests: 'pkg:pypi/requests@2.28.1',
  log4jCore: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0',
  runcStdlib: 'pkg:golang/stdlib@v1.19.8',
};

const DPKG_STATUS = 'var/lib/dpkg/status';
const GCC_MAINTAINER = 'Debian GCC Maintainers <debian-gcc@lists.debian.org>';
const GLIBC_MAINTAINER = 'GNU Libc Maintainers <debian-glibc@lists.debian.org>';
const OPENSSL_MAINTAINER = 'Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>';
const GCC_RUNTIME_LICENSE = { expression: 'GPL-3.0-or-later WITH GCC-exception-3.1' };

function deb(fields: Omit<Package, 'type' | 'foundBy' | 'location'>): Package {
  return { type: 'deb', foundBy: 'dpkg', location: DPKG_STATUS, ...fields };
}

/** Packages in the inventory's order: type, name, version, arch. */
function samplePackages(): Package[] {
  return [
    {
      type: 'apk',
      name: 'musl',
      version: '1.2.4-r2',
      arch: 'x86_64',
      source: { name: 'musl', version: '1.2.4-r2' },
      licenses: [{ expression: 'MIT' }],
      purl: PURL.musl,
      files: ['lib/ld-musl-x86_64.so.1', 'lib/libc.musl-x86_64.so.1'],
      dependsOn: [],
      layer: 0,
      foundBy: 'apk',
      location: 'lib/apk/db/installed',
      maintainer: 'Timo Teräs <timo.teras@iki.fi>',
      description: 'the musl c library (libc) implementation',
    },
    deb({
      name: 'base-files',
      version: '12.4+deb12u5',
      arch: 'amd64',
      licenses: [],
      purl: PURL.baseFiles,
      files: ['etc/debian_version', 'etc/issue', 'etc/os-release', 'usr/lib/os-release'],
      dependsOn: [],
      layer: 0,
      maintainer: 'Santiago Vila <sanvila@debian.org>',
      description: 'Debian base system miscellaneous files',
    }),
    deb({
      name: 'bash',
      version: '5.2.15-2+b2',
      arch: 'amd64',
      // A binNMU: the binary version differs from its source's.
      source: { name: 'bash', version: '5.2.15-2' },
      licenses: [{ expression: 'GPL-3.0-or-later' }],
      purl: PURL.bash,
      files: ['bin/bash', 'etc/bash.bashrc', 'usr/share/doc/bash/copyright'],
      dependsOn: [PURL.baseFiles, PURL.libc6],
      layer: 0,
      maintainer: 'Matthias Klose <doko@debian.org>',
      description: 'GNU Bourne Again SHell',
    }),
    deb({
      name: 'ca-certificates',
      version: '20230311',
      arch: 'all',
      source: { name: 'ca-certificates', version: '20230311' },
      // DEP-5 names kept beside the SPDX expression they map to.
      licenses: [{ expression: 'GPL-2.0-or-later', text: 'GPL-2+' }, { expression: 'MPL-2.0' }],
      purl: PURL.caCertificates,
      files: ['usr/sbin/update-ca-certificates', 'usr/share/doc/ca-certificates/copyright'],
      dependsOn: [PURL.openssl],
      layer: 1,
      maintainer: 'Julien Cristau <jcristau@debian.org>',
      description: 'Common CA certificates',
    }),
    deb({
      name: 'gcc-12-base',
      version: '12.2.0-14',
      arch: 'amd64',
      source: { name: 'gcc-12', version: '12.2.0-14' },
      licenses: [],
      purl: PURL.gcc12Base,
      files: ['usr/share/doc/gcc-12-base/copyright'],
      dependsOn: [],
      layer: 0,
      maintainer: GCC_MAINTAINER,
      description: 'GCC, the GNU Compiler Collection (base package)',
    }),
    deb({
      name: 'libc6',
      version: '2.36-9+deb12u4',
      arch: 'amd64',
      source: { name: 'glibc', version: '2.36-9+deb12u4' },
      licenses: [{ expression: 'LGPL-2.1-or-later' }, { expression: 'GPL-2.0-or-later' }],
      purl: PURL.libc6,
      files: [
        'lib/x86_64-linux-gnu/libc.so.6',
        'lib64/ld-linux-x86-64.so.2',
        'usr/share/doc/libc6/copyright',
      ],
      dependsOn: [PURL.libgccS1],
      layer: 0,
      maintainer: GLIBC_MAINTAINER,
      description: 'GNU C Library: Shared libraries',
    }),
    deb({
      name: 'libgcc-s1',
      version: '12.2.0-14',
      arch: 'amd64',
      source: { name: 'gcc-12', version: '12.2.0-14' },
      licenses: [GCC_RUNTIME_LICENSE],
      purl: PURL.libgccS1,
      files: ['lib/x86_64-linux-gnu/libgcc_s.so.1'],
      dependsOn: [PURL.gcc12Base, PURL.libc6],
      layer: 0,
      maintainer: GCC_MAINTAINER,
      description: 'GCC support library',
    }),
    deb({
      name: 'libssl3',
      version: '3.0.11-1~deb12u2',
      arch: 'amd64',
      source: { name: 'openssl', version: '3.0.11-1~deb12u2' },
      licenses: [{ expression: 'Apache-2.0' }],
      purl: PURL.libssl3,
      files: ['usr/lib/x86_64-linux-gnu/libcrypto.so.3', 'usr/lib/x86_64-linux-gnu/libssl.so.3'],
      dependsOn: [PURL.libc6],
      layer: 1,
      maintainer: OPENSSL_MAINTAINER,
      description: 'Secure Sockets Layer toolkit - shared libraries',
    }),
    deb({
      name: 'libstdc++6',
      version: '12.2.0-14',
      arch: 'amd64',
      source: { name: 'gcc-12', version: '12.2.0-14' },
      licenses: [GCC_RUNTIME_LICENSE],
      purl: PURL.libstdcxx6,
      files: ['usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30'],
      dependsOn: [PURL.gcc12Base, PURL.libc6, PURL.libgccS1],
      layer: 0,
      maintainer: GCC_MAINTAINER,
      description: 'GNU Standard C++ Library v3',
    }),
    deb({
      name: 'openssl',
      version: '3.0.11-1~deb12u2',
      arch: 'amd64',
      source: { name: 'openssl', version: '3.0.11-1~deb12u2' },
      licenses: [{ expression: 'Apache-2.0' }],
      purl: PURL.openssl,
      files: ['etc/ssl/openssl.cnf', 'usr/bin/openssl'],
      dependsOn: [PURL.libc6, PURL.libssl3],
      layer: 1,
      maintainer: OPENSSL_MAINTAINER,
      description: 'Secure Sockets Layer toolkit - cryptographic utility',
    }),
    deb({
      name: 'tzdata',
      version: '2024a-0+deb12u1',
      arch: 'all',
      source: { name: 'tzdata', version: '2024a-0+deb12u1' },
      // "public-domain" is a DEP-5 short name with no SPDX identifier: kept as text.
      licenses: [{ text: 'public-domain' }, { expression: 'BSD-3-Clause', text: 'BSD-3-clause' }],
      purl: PURL.tzdata,
      files: ['usr/share/zoneinfo/Etc/UTC', 'usr/share/zoneinfo/Europe/Paris'],
      dependsOn: [],
      layer: 0,
      maintainer: GLIBC_MAINTAINER,
      description: 'time zone and daylight-saving time data',
    }),
    deb({
      name: 'zlib1g',
      version: '1:1.2.13.dfsg-1',
      arch: 'amd64',
      source: { name: 'zlib', version: '1:1.2.13.dfsg-1' },
      licenses: [{ expression: 'Zlib' }],
      purl: PURL.zlib1g,
      files: ['lib/x86_64-linux-gnu/libz.so.1.2.13'],
      dependsOn: [PURL.libc6],
      layer: 0,
      maintainer: 'Mark Brown <broonie@debian.org>',
      description: 'compression library - runtime',
    }),
    {
      type: 'rpm',
      name: 'openssl-libs',
      version: '3.1.1-4.fc39',
      epoch: 1,
      arch: 'x86_64',
      source: { name: 'openssl', version: '3.1.1-4.fc39' },
      licenses: [{ expression: 'Apache-2.0' }],
      purl: PURL.opensslLibs,
      files: ['usr/lib64/libcrypto.so.3', 'usr/lib64/libssl.so.3'],
      dependsOn: [],
      layer: 1,
      foundBy: 'rpm',
      location: 'var/lib/rpm/rpmdb.sqlite',
      maintainer: 'Fedora Project',
      description: 'A general purpose cryptography library with TLS implementation',
    },
    // Language packages: one an OS package installed, one known only by its archive's name, one with properties.
    {
      type: 'pypi',
      name: 'requests',
      version: '2.28.1',
      licenses: [{ expression: 'Apache-2.0' }],
      purl: PURL.requests,
      files: [],
      dependsOn: [],
      layer: 1,
      foundBy: 'python',
      location: 'usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO',
      managedBy: { type: 'deb', purl: PURL.pythonRequestsDeb },
      confidence: 'high',
    },
    {
      type: 'maven',
      name: 'org.apache.logging.log4j:log4j-core',
      version: '2.19.0',
      licenses: [],
      purl: PURL.log4jCore,
      files: [],
      dependsOn: [],
      layer: 1,
      foundBy: 'java',
      location: 'srv/app/app.war!/WEB-INF/lib/log4j-core-2.19.0.jar',
      confidence: 'low',
    },
    {
      type: 'golang',
      name: 'stdlib',
      version: 'v1.19.8',
      licenses: [],
      purl: PURL.runcStdlib,
      files: [],
      dependsOn: [],
      layer: 1,
      foundBy: 'go-binary',
      location: 'usr/sbin/runc',
      properties: { 'go.main': 'github.com/opencontainers/runc', 'go.version': 'go1.19.8' },
    },
  ];
}

/** A fresh copy each call, so a test that mutates it cannot disturb another. */
export function sampleInventory(): Inventory {
  return {
    target: {
      input: 'docker-archive:debian-12.tar',
      kind: 'image',
      name: 'seawall-sample/debian:12',
      imageId: 'sha256:dff9e2ccf094229ce066f6ecd61830b5e1e5a350fed0dd5e556410d66717e216',
      manifestDigest: 'sha256:e16d910b2cf52fb4fb43d2c0bfe0791d275ba8a5677231443e7d2a18c800c197',
      repoTags: ['seawall-sample/debian:12'],
      platform: { os: 'linux', architecture: 'amd64' },
      config: {
        cmd: ['bash'],
        env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        workingDir: '/',
        labels: { 'org.opencontainers.image.title': 'seawall sample' },
        created: '2024-02-13T00:00:00Z',
      },
      layers: [
        {
          index: 0,
          ...LAYER_0,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          size: 29150842,
          createdBy: '# debian.sh --arch amd64 out/ bookworm @1707782400',
        },
        {
          index: 1,
          ...LAYER_1,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          size: 1538117,
          createdBy:
            'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates # buildkit',
        },
      ],
    },
    os: {
      family: 'debian',
      version: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      source: 'etc/os-release',
    },
    packages: samplePackages().sort(comparePackages), // the canonical order, as a scan returns it
    warnings: [
      `docker-archive:debian-12.tar: layer 1 (${LAYER_1.diffId}): skipped 2 device files, never read (dev/null, dev/zero)`,
    ],
  };
}

/** A root filesystem with nothing recognisable in it: the smallest inventory every renderer must still handle. */
export function emptyInventory(): Inventory {
  return {
    target: {
      input: 'dir:/tmp/empty-root',
      kind: 'rootfs',
      name: '/tmp/empty-root',
      layers: [
        {
          index: 0,
          diffId: 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        },
      ],
    },
    packages: [],
    warnings: [],
  };
}
