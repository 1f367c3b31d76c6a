import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findingsOf,
  hardenedCompose,
  hardenedDocker,
  hardenedKubernetes,
  loc,
} from './test-specs.js';

describe('SW-CFG-001 privileged', () => {
  it('fires on securityContext.privileged: true, with the field, the container and the fix', () => {
    const path = '$.spec.template.spec.containers[0].securityContext.privileged';
    const [finding, ...rest] = findingsOf(
      'SW-CFG-001',
      hardenedKubernetes({ privileged: loc('kubernetes', true, path, 20) }),
    );
    assert.equal(rest.length, 0);
    assert.deepEqual(finding, {
      id: 'SW-CFG-001',
      kind: 'config',
      severity: 'critical',
      title: 'Runs privileged (Deployment default/web, container app)',
      location: { path: 'deploy/web.yaml', line: 20, jsonPath: path },
      remediation:
        'Set `securityContext.privileged: false`; add single capabilities under `capabilities.add`.',
      references: finding!.references,
      frameworks: { 'cis-docker': ['5.5'], pss: ['baseline:privileged'] },
      resource: 'Deployment default/web, container app',
      patch: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/securityContext/privileged',
          value: false,
        },
      ],
    });
  });

  it('fires on Compose and docker inspect in their own terms; docker inspect output gets no patch', () => {
    const compose = findingsOf(
      'SW-CFG-001',
      hardenedCompose({ privileged: loc('compose', true, '$.services.web.privileged', 4) }),
    );
    assert.deepEqual(
      compose.map((f) => [f.title, f.patch]),
      [
        [
          'Runs privileged (service web (compose))',
          [{ op: 'replace', path: '/services/web/privileged', value: false }],
        ],
      ],
    );
    const docker = findingsOf(
      'SW-CFG-001',
      hardenedDocker({ privileged: loc('docker-inspect', true, '$[0].HostConfig.Privileged', 60) }),
    );
    assert.deepEqual(
      docker.map((f) => [f.title, f.remediation, f.patch]),
      [
        [
          'Runs privileged (container web)',
          'Run the container without --privileged; add single capabilities with --cap-add.',
          undefined,
        ],
      ],
    );
  });

  it('passes privileged: false and a container that does not say', () => {
    assert.deepEqual(findingsOf('SW-CFG-001', hardenedKubernetes()), []);
    assert.deepEqual(findingsOf('SW-CFG-001', hardenedCompose()), []);
  });
});
