// A realistic `seawall scan` report for the renderers' tests, with the Inventory it was matched from: a Debian 11
// build-agent image carrying runc and requests. Advisory facts are the published ones (OSV GO-2024-2491 and
// PYSEC-2023-74, Debian DSA-5380-1 and DSA-5343-1, the Debian tracker's CVE-2011-3374, NVD's CVSS); shapes follow
// src/detect/scan-report.ts and src/model/ (purls per https://github.com/package-url/purl-spec). The hardening
// findings map to CIS Docker Benchmark v1.6 section 4, Dockle, Hadolint and Trivy ids those tools publish.

import type { Finding } from '../model/finding.js';
import { comparePackages } from '../model/order.js';
import type { Inventory } from '../model/inventory.js';
import type { Package } from '../model/package.js';
import type { ReportPackage, ScanReport, VulnerabilityFinding } from '../detect/scan-report.js';
import { SCAN_REPORT_SCHEMA_VERSION } from '../detect/scan-report.js';
import { sha256Digest } from '../util/hash.js';

// Digests are hashes of labels: only their form matters to the renderers.
const LAYERS = [
  {
    index: 0,
    diffId: sha256Digest('sample layer 0 tar'),
    digest: sha256Digest('sample layer 0 blob'),
    createdBy: '# debian.sh --arch amd64 out/ bullseye @1699920000',
  },
  {
    index: 1,
    diffId: sha256Digest('sample layer 1 tar'),
    digest: sha256Digest('sample layer 1 blob'),
    createdBy:
      'RUN /bin/sh -c apt-get update && apt-get install -y xserver-xorg-core openssl # buildkit',
  },
  {
    index: 2,
    diffId: sha256Digest('sample layer 2 tar'),
    digest: sha256Digest('sample layer 2 blob'),
    createdBy: 'COPY /out/ / # buildkit',
  },
];

const DEBIAN = 'Debian:11';
const DPKG_STATUS = 'var/lib/dpkg/status';

export const SAMPLE_PURL = {
  apt: 'pkg:deb/debian/apt@2.2.4?arch=amd64&distro=debian-11',
  baseFiles: 'pkg:deb/debian/base-files@11.1+deb11u8?arch=amd64&distro=debian-11',
  libssl: 'pkg:deb/debian/libssl1.1@1.1.1n-0+deb11u3?arch=amd64&distro=debian-11',
  openssl: 'pkg:deb/debian/openssl@1.1.1n-0+deb11u3?arch=amd64&distro=debian-11',
  xserverCommon: 'pkg:deb/debian/xserver-common@2:1.20.11-1+deb11u5?arch=all&distro=debian-11',
  xserverCore: 'pkg:deb/debian/xserver-xorg-core@2:1.20.11-1+deb11u5?arch=amd64&distro=debian-11',
  runc: 'pkg:golang/github.com/opencontainers/runc@v1.1.11',
  requests: 'pkg:pypi/requests@2.28.1',
} as const;

const REQUESTS_METADATA =
  'usr/local/lib/python3.9/site-packages/requests-2.28.1.dist-info/METADATA';

interface SamplePackage {
  pkg: Package;
  ecosystem: string;
}

function deb(
  name: string,
  version: string,
  arch: string,
  source: { name: string; version: string },
  purl: string,
  layer: number,
): SamplePackage {
  return {
    ecosystem: DEBIAN,
    pkg: {
      type: 'deb',
      name,
      version,
      arch,
      source,
      licenses: [],
      purl,
      files: [],
      dependsOn: [],
      layer,
      foundBy: 'dpkg',
      location: DPKG_STATUS,
    },
  };
}

function samplePackages(): SamplePackage[] {
  const openssl = { name: 'openssl', version: '1.1.1n-0+deb11u3' };
  const xorg = { name: 'xorg-server', version: '2:1.20.11-1+deb11u5' };
  const packages: SamplePackage[] = [
    deb('apt', '2.2.4', 'amd64', { name: 'apt', version: '2.2.4' }, SAMPLE_PURL.apt, 0),
    deb(
      'base-files',
      '11.1+deb11u8',
      'amd64',
      { name: 'base-files', version: '11.1+deb11u8' },
      SAMPLE_PURL.baseFiles,
      0,
    ),
    deb('libssl1.1', '1.1.1n-0+deb11u3', 'amd64', openssl, SAMPLE_PURL.libssl, 0),
    deb('openssl', '1.1.1n-0+deb11u3', 'amd64', openssl, SAMPLE_PURL.openssl, 1),
    deb('xserver-common', '2:1.20.11-1+deb11u5', 'all', xorg, SAMPLE_PURL.xserverCommon, 1),
    deb('xserver-xorg-core', '2:1.20.11-1+deb11u5', 'amd64', xorg, SAMPLE_PURL.xserverCore, 1),
    {
      ecosystem: 'Go',
      pkg: {
        type: 'golang',
        name: 'github.com/opencontainers/runc',
        version: 'v1.1.11',
        licenses: [],
        purl: SAMPLE_PURL.runc,
        files: [],
        dependsOn: [],
        layer: 2,
        foundBy: 'go-binary',
        location: 'usr/bin/runc',
      },
    },
    {
      ecosystem: 'PyPI',
      pkg: {
        type: 'pypi',
        name: 'requests',
        version: '2.28.1',
        licenses: [{ expression: 'Apache-2.0' }],
        purl: SAMPLE_PURL.requests,
        files: [],
        dependsOn: [],
        layer: 2,
        foundBy: 'python',
        location: REQUESTS_METADATA,
      },
    },
  ];
  return packages.sort((a, b) => comparePackages(a.pkg, b.pkg));
}

/** The Inventory the sample report was matched from; a fresh copy each call. */
export function sampleScanInventory(): Inventory {
  return {
    target: {
      input: 'registry:docker.io/acme/build-agent:1.4',
      kind: 'image',
      name: 'docker.io/acme/build-agent:1.4',
      imageId: sha256Digest('sample image config'),
      manifestDigest: sha256Digest('sample image manifest'),
      repoTags: ['acme/build-agent:1.4'],
      platform: { os: 'linux', architecture: 'amd64' },
      layers: LAYERS.map((layer) => ({
        ...layer,
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      })),
    },
    os: {
      family: 'debian',
      version: '11',
      codename: 'bullseye',
      prettyName: 'Debian GNU/Linux 11 (bullseye)',
      source: 'etc/os-release',
    },
    packages: samplePackages().map(({ pkg }) => pkg),
    warnings: [],
  };
}

function reportPackage({ pkg, ecosystem }: SamplePackage): ReportPackage {
  return {
    name: pkg.name,
    version: pkg.version,
    type: pkg.type,
    purl: pkg.purl,
    ecosystem,
    ...(pkg.source && { source: pkg.source }),
    ...(pkg.layer !== undefined && { layer: pkg.layer }),
    location: pkg.location,
  };
}

function findingPackage(purl: string): VulnerabilityFinding['package'] {
  const found = samplePackages().find(({ pkg }) => pkg.purl === purl)!;
  const { name, version, type, source, location } = reportPackage(found);
  return {
    name,
    version,
    purl,
    ecosystem: found.ecosystem,
    type,
    ...(source && { source }),
    location,
  };
}

function layer(index: number): VulnerabilityFinding['layer'] {
  const { digest, createdBy } = LAYERS[index]!;
  return { index, digest, createdBy };
}

/** DSA-5380-1: bullseye fixed xorg-server in 2:1.20.11-1+deb11u6 (CVE-2023-1393, NVD 7.8). */
function xorgFinding(purl: string): VulnerabilityFinding {
  return {
    id: 'DSA-5380-1',
    aliases: ['CVE-2023-1393'],
    package: findingPackage(purl),
    fixedVersion: '2:1.20.11-1+deb11u6',
    status: 'fixed',
    severity: 'high',
    severitySource: 'nvd',
    cvss: [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
        score: 7.8,
        source: 'nvd',
      },
    ],
    title: 'xorg-server - security update',
    dataSource: 'debian-dsa',
    references: [],
    layer: layer(1),
  };
}

/** DSA-5343-1: bullseye fixed openssl in 1.1.1n-0+deb11u4 (five CVEs; CVE-2023-0286 is NVD 7.4). */
function opensslFinding(
  purl: string,
  suppressed: VulnerabilityFinding['suppressed'],
): VulnerabilityFinding {
  return {
    id: 'DSA-5343-1',
    aliases: ['CVE-2022-2097', 'CVE-2022-4304', 'CVE-2022-4450', 'CVE-2023-0215', 'CVE-2023-0286'],
    package: findingPackage(purl),
    fixedVersion: '1.1.1n-0+deb11u4',
    status: 'fixed',
    severity: 'high',
    severitySource: 'nvd',
    cvss: [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H',
        score: 7.4,
        source: 'nvd',
      },
    ],
    title: 'openssl - security update',
    dataSource: 'debian-dsa',
    references: [],
    layer: layer(purl === SAMPLE_PURL.libssl ? 0 : 1),
    suppressed,
  };
}

/** Findings in the report's order: severity, then package name, version and id. */
function sampleFindings(): VulnerabilityFinding[] {
  return [
    {
      id: 'GO-2024-2491',
      aliases: ['CVE-2024-21626', 'GHSA-xr7r-f8xq-vfvv'],
      package: findingPackage(SAMPLE_PURL.runc),
      fixedVersion: '1.1.12',
      status: 'fixed',
      severity: 'high',
      severitySource: 'ghsa',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H',
          score: 8.6,
          source: 'ghsa',
        },
      ],
      title:
        'Container breakout through process.cwd trickery and leaked fds in github.com/opencontainers/runc',
      dataSource: 'osv',
      references: [
        'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
        'https://github.com/opencontainers/runc/commit/02120488a4c0fc487d1ed2867e901eeed7ce8ecf',
        'http://packetstormsecurity.com/files/176993/runc-1.1.11-File-Descriptor-Leak-Privilege-Escalation.html',
      ],
      layer: layer(2),
    },
    opensslFinding(SAMPLE_PURL.libssl, {
      kind: 'vex',
      file: 'vex/build-agent.openvex.json',
      reason: 'not_affected: vulnerable_code_not_in_execute_path',
    }),
    opensslFinding(SAMPLE_PURL.openssl, {
      kind: 'ignore-file',
      file: '.seawallignore.yaml',
      reason: 'The agent never runs the openssl CLI; tracked in SEC-142',
      expires: '2025-06-30',
    }),
    xorgFinding(SAMPLE_PURL.xserverCommon),
    xorgFinding(SAMPLE_PURL.xserverCore),
    {
      id: 'PYSEC-2023-74',
      aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'],
      package: findingPackage(SAMPLE_PURL.requests),
      fixedVersion: '2.31.0',
      status: 'fixed',
      severity: 'medium',
      severitySource: 'ghsa',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N',
          score: 6.1,
          source: 'ghsa',
        },
      ],
      title: 'Unintended leak of Proxy-Authorization header in requests',
      dataSource: 'osv',
      references: [
        'https://github.com/psf/requests/security/advisories/GHSA-j8r2-6x86-q33q',
        'https://github.com/psf/requests/releases/tag/v2.31.0',
        'https://github.com/psf/requests/commit/74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5',
        'https://lists.fedoraproject.org/archives/list/package-announce@lists.fedoraproject.org/message/AW7HNFGYP44RT3DUDQXG2QT3OEV2PJ7Y/',
      ],
      layer: layer(2),
    },
    {
      // Debian rates it "unimportant" and will not fix it in a stable release: affected, with no fixed version.
      id: 'CVE-2011-3374',
      aliases: [],
      package: findingPackage(SAMPLE_PURL.apt),
      status: 'affected',
      severity: 'negligible',
      severitySource: 'debian',
      cvss: [
        { version: '2.0', vector: 'AV:N/AC:M/Au:N/C:N/I:P/A:N', score: 4.3, source: 'nvd' },
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N',
          score: 3.7,
          source: 'nvd',
        },
      ],
      title:
        'It was found that apt-key in apt, all versions, do not correctly validate gpg keys with the master keyring, leading to a potential man-in-the-middle attack.',
      dataSource: 'debian-tracker',
      references: ['https://security-tracker.debian.org/tracker/CVE-2011-3374'],
      layer: layer(0),
    },
  ];
}

/** The report; a fresh copy each call, so a test that changes it disturbs no other. */
export function sampleScanReport(): ScanReport {
  const inventory = sampleScanInventory();
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    target: {
      input: inventory.target.input,
      kind: 'image',
      name: inventory.target.name,
      imageId: inventory.target.imageId,
      manifestDigest: inventory.target.manifestDigest,
      repoTags: inventory.target.repoTags,
    },
    os: inventory.os,
    db: {
      updatedAt: '2024-11-04T06:12:00Z',
      schemaVersion: 1,
      sources: [
        { name: 'debian-dsa', updatedAt: '2024-11-04T06:10:41Z', records: 5791 },
        { name: 'debian-tracker', updatedAt: '2024-11-04T06:11:58Z', records: 41327 },
        { name: 'osv', updatedAt: '2024-11-04T06:08:12Z', records: 9618 },
      ],
    },
    packages: samplePackages().map(reportPackage),
    vulnerabilities: sampleFindings(),
    findings: [],
    scanners: ['vuln'],
    warnings: ['.seawallignore.yaml: CVE-2022-0563 expired on 2024-06-30 and no longer suppresses'],
  };
}

/** A scan that found nothing: a root filesystem with no packages, against an empty database. */
export function emptyScanReport(): ScanReport {
  return {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    target: { input: 'dir:/tmp/empty-root', kind: 'rootfs', name: '/tmp/empty-root' },
    db: { updatedAt: null, schemaVersion: 1, sources: [] },
    packages: [],
    vulnerabilities: [],
    findings: [],
    scanners: ['vuln'],
    warnings: [],
  };
}

/**
 * The Dockerfile the sample image was built from, as `seawall scan --dockerfile Dockerfile` reads it: the final
 * stage starts at line 6; the sample's Dockerfile findings point at lines 2 and 8.
 */
export const SAMPLE_DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  'FROM golang:latest AS runc',
  'RUN GOBIN=/out/usr/bin go install github.com/opencontainers/runc@v1.1.11',
  '',
  '# The agent image',
  'FROM debian:11',
  '# seawall:ignore SW-DF-002 bullseye point releases are the versions we want',
  'RUN apt-get update && apt-get install -y xserver-xorg-core openssl',
  'COPY --from=runc /out/ /',
  '',
].join('\n');

/**
 * Secrets, image hardening and Dockerfile findings in the report's order (severity, id, path, line, layer): an AWS
 * key (AWS's documented example key, masked) that layer 1 added and a later step deleted, which the layer still
 * holds; the image configuration's USER root; `FROM golang:latest` at Dockerfile line 2; and unpinned apt-get
 * versions at line 8, suppressed by an inline comment.
 */
export function sampleHardeningFindings(): Finding[] {
  return [
    {
      id: 'SW-SEC-001',
      kind: 'secret',
      severity: 'critical',
      title: 'AWS access key ID in a file a later layer deleted (the layer still holds it)',
      location: { path: 'root/.aws/credentials', line: 2, layer: 1 },
      remediation:
        'Deactivate the key now. Then pass credentials to the build as a secret mount (RUN --mount=type=secret), ' +
        'which never becomes part of a layer: deleting the file in a later step leaves it in the earlier layer.',
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
        'https://docs.docker.com/build/building/secrets/',
      ],
      frameworks: { 'cis-docker': ['4.10'], dockle: ['CIS-DI-0010'] },
      evidence: 'aws_access_key_id = AKIA************MPLE',
    },
    {
      id: 'SW-IMG-001',
      kind: 'image',
      severity: 'high',
      title: 'USER root in the image configuration',
      location: { jsonPath: '$.config.User' },
      remediation:
        'Create an unprivileged user in the final stage and switch to it with USER (for example USER 10001:10001).',
      references: ['https://docs.docker.com/reference/dockerfile/#user'],
      frameworks: { 'cis-docker': ['4.1'], dockle: ['CIS-DI-0001'] },
      evidence: 'User: root',
    },
    {
      id: 'SW-DF-001',
      kind: 'dockerfile',
      severity: 'medium',
      title: 'FROM golang:latest uses the latest tag',
      location: { path: 'Dockerfile', line: 2 },
      remediation:
        'Pin the base image to a version tag, better to a digest (golang:1.21@sha256:...), so that a rebuild ' +
        'gets the same base.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
        'https://github.com/hadolint/hadolint/wiki/DL3007',
      ],
      frameworks: { dockle: ['DKL-DI-0006'], hadolint: ['DL3007'], trivy: ['DS001'] },
    },
    {
      id: 'SW-DF-002',
      kind: 'dockerfile',
      severity: 'low',
      title: 'apt-get install without pinned versions',
      location: { path: 'Dockerfile', line: 8 },
      remediation:
        'Pin the versions of the packages apt-get installs (apt-get install -y openssl=1.1.1n-0+deb11u5).',
      references: ['https://github.com/hadolint/hadolint/wiki/DL3008'],
      frameworks: { hadolint: ['DL3008'] },
      suppressed: {
        kind: 'inline',
        file: 'Dockerfile',
        reason: 'bullseye point releases are the versions we want',
      },
    },
  ];
}

/** The sample report of a scan with every scanner: the vulnerabilities of sampleScanReport() plus the findings. */
export function sampleFindingsReport(): ScanReport {
  return {
    ...sampleScanReport(),
    findings: sampleHardeningFindings(),
    scanners: ['config', 'secret', 'vuln'],
  };
}
