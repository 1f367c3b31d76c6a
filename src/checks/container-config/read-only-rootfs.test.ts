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

describe('SW-CFG-015 writable root filesystem', () => {
  it('fires on read_only: false and readOnlyRootFilesystem: false, turning them on', () => {
    const compose = hardenedCompose({
      readOnlyRootfs: loc('compose', false, '$.services.web.read_only', 8),
    });
    const k8s = hardenedKubernetes({
      readOnlyRootfs: loc(
        'kubernetes',
        false,
        '$.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
        29,
      ),
    });
    // Sorted by file: compose.yaml before deploy/web.yaml.
    assert.deepEqual(
      findingsOf('SW-CFG-015', compose, k8s).map((f) => [f.title, f.patch]),
      [
        [
          'Has a writable root filesystem (service web (compose))',
          [{ op: 'replace', path: '/services/web/read_only', value: true }],
        ],
        [
          'Has a writable root filesystem (Deployment default/web, container app)',
          [
            {
              op: 'replace',
              path: '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
              value: true,
            },
          ],
        ],
      ],
    );
  });

  it('fires where it is not set: Compose gets `read_only: true` on the service', () => {
    const [finding] = findingsOf('SW-CFG-015', bareSpec('compose'));
    assert.deepEqual(
      [finding!.title, finding!.location, finding!.frameworks, finding!.patch],
      [
        'Has a writable root filesystem (read-only not set) (service web (compose))',
        { path: 'compose.yaml', line: 2, jsonPath: '$.services.web' },
        { 'cis-docker': ['5.13'] },
        [{ op: 'add', path: '/services/web/read_only', value: true }],
      ],
    );
    assert.equal(findingsOf('SW-CFG-015', bareSpec('docker-inspect'))[0]!.patch, undefined);
  });

  it('passes a read-only root in every hardened input', () => {
    assert.deepEqual(
      findingsOf(
        'SW-CFG-015',
        hardenedKubernetes(),
        hardenedCompose(),
        hardenedDocker(),
        hardenedOci(),
      ),
      [],
    );
  });
});
