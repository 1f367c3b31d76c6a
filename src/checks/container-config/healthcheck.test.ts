import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bareSpec,
  findingsOf,
  hardenedCompose,
  hardenedDocker,
  hardenedKubernetes,
  hardenedOci,
  loc,
} from './test-specs.js';

describe('SW-CFG-024 no health check', () => {
  it('fires on a disabled health check, at the field', () => {
    const spec = hardenedCompose({
      healthcheck: loc('compose', false, '$.services.web.healthcheck.disable', 18),
    });
    assert.deepEqual(
      findingsOf('SW-CFG-024', spec).map((f) => [f.title, f.location, f.frameworks]),
      [
        [
          'Has its health check disabled (service web (compose))',
          { path: 'compose.yaml', line: 18, jsonPath: '$.services.web.healthcheck.disable' },
          { 'cis-docker': ['5.27'] },
        ],
      ],
    );
  });

  it('fires on a Kubernetes container without probes and a docker inspect without Healthcheck', () => {
    assert.deepEqual(
      findingsOf('SW-CFG-024', bareSpec('kubernetes'), bareSpec('docker-inspect')).map((f) => [
        f.title,
        f.remediation,
      ]),
      [
        [
          'Has no health check (Deployment default/web, container app)',
          'Add a `livenessProbe` (and a `readinessProbe`) to the container.',
        ],
        [
          'Has no health check (container web)',
          'Run the container with --health-cmd (or build the image with a HEALTHCHECK); do not use --no-healthcheck.',
        ],
      ],
    );
  });

  it('passes configured checks, a Compose service that leaves it to the image, and inputs without the idea', () => {
    assert.deepEqual(
      findingsOf(
        'SW-CFG-024',
        hardenedKubernetes(),
        hardenedCompose(),
        hardenedDocker(),
        bareSpec('compose'),
        hardenedOci(),
        bareSpec('lxc'),
      ),
      [],
    );
  });
});
