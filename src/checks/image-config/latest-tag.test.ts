import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext } from './context.js';
import { baseLatestFindings, imageLatestFindings, referenceTag } from './latest-tag.js';

const base = (name: string) =>
  baseLatestFindings(
    checkContext(inventoryWith({ labels: { 'org.opencontainers.image.base.name': name } })),
  );

describe('referenceTag', () => {
  it('reads tags as Docker references write them, a missing tag meaning latest', () => {
    assert.equal(referenceTag('debian'), 'latest');
    assert.equal(referenceTag('docker.io/library/debian:latest'), 'latest');
    assert.equal(referenceTag('debian:12-slim'), '12-slim');
    assert.equal(referenceTag('localhost:5000/team/app'), 'latest');
    assert.equal(referenceTag('localhost:5000/team/app:v2'), 'v2');
    assert.equal(referenceTag('debian@sha256:4ceb6b4e3a1c'), undefined);
    assert.equal(referenceTag('debian:latest@sha256:4ceb6b4e3a1c'), undefined);
  });
});

describe('SW-IMG-006 base image latest or untagged', () => {
  it('fires on the BuildKit fixture, FROM debian:latest', () => {
    const findings = baseLatestFindings(checkContext(fixtureInventory('buildkit-app.json')));
    assert.deepEqual(
      findings.map((f) => [f.id, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-006',
          'Base image uses the latest tag (org.opencontainers.image.base.name = "docker.io/library/debian:latest")',
          { jsonPath: 'config.Labels["org.opencontainers.image.base.name"]' },
          'docker.io/library/debian:latest',
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, { hadolint: ['DL3006', 'DL3007'], trivy: ['DS001'] });
  });

  it('fires on an untagged base, including one on a registry with a port', () => {
    assert.equal(
      base('debian')[0]?.title,
      'Base image is untagged, so it is latest (org.opencontainers.image.base.name = "debian")',
    );
    assert.equal(base('localhost:5000/base').length, 1);
  });

  it('passes a version tag or a digest, and an image without the label', () => {
    assert.deepEqual(baseLatestFindings(checkContext(fixtureInventory('hardened.json'))), []);
    assert.deepEqual(
      base('debian@sha256:4ceb6b4e3a1c4b5e1e1c9e2c0f3a5d6c7b8a9d0e1f2a3b4c5d6e7f8091a2b3c4'),
      [],
    );
    assert.deepEqual(baseLatestFindings(checkContext(fixtureInventory('classic-app.json'))), []);
  });
});

describe('SW-IMG-007 image referenced by latest', () => {
  const run = (repoTags: string[] | undefined, kind: 'image' | 'rootfs' = 'image') =>
    imageLatestFindings(checkContext(inventoryWith({}, { repoTags, kind })));

  it('fires on a latest tag from a registry, a docker archive or an OCI layout', () => {
    assert.deepEqual(
      run(['registry.example.com/team/app:latest']).map((f) => [
        f.id,
        f.title,
        f.location,
        f.evidence,
      ]),
      [
        [
          'SW-IMG-007',
          'Image is referenced by the latest tag (registry.example.com/team/app:latest)',
          {},
          'registry.example.com/team/app:latest',
        ],
      ],
    );
    assert.deepEqual(
      run(['seawall/test:1.0', 'seawall/test:latest']).map((f) => f.evidence),
      ['seawall/test:latest'],
    );
    assert.deepEqual(
      run(['latest']).map((f) => f.evidence),
      ['latest'],
    );
    assert.deepEqual(run(['latest'])[0]!.frameworks, { dockle: ['DKL-DI-0006'] });
  });

  it('passes version tags, images chosen by digest (no tags) and directories', () => {
    assert.deepEqual(run(['base']), []);
    assert.deepEqual(run(['seawall/test:base']), []);
    assert.deepEqual(run(undefined), []);
    assert.deepEqual(run(['latest'], 'rootfs'), []);
  });
});
