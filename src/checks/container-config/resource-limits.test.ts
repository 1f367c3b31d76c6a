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

describe('SW-CFG-016 ... SW-CFG-018 memory, CPU and PIDs limits', () => {
  it("fires on docker inspect's zeros (and PidsLimit -1), at the fields", () => {
    const spec = hardenedDocker({
      memoryLimit: loc('docker-inspect', 0, '$[0].HostConfig.Memory', 70),
      cpuLimit: loc('docker-inspect', 0, '$[0].HostConfig.NanoCpus', 71),
      pidsLimit: loc('docker-inspect', -1, '$[0].HostConfig.PidsLimit', 72),
    });
    assert.deepEqual(
      ['SW-CFG-016', 'SW-CFG-017', 'SW-CFG-018'].map((id) =>
        findingsOf(id, spec).map((f) => [f.title, f.location.line, f.evidence, f.frameworks]),
      ),
      [
        [
          [
            'Has no memory limit (container web)',
            70,
            '0 bytes (unlimited)',
            { 'cis-docker': ['5.11'] },
          ],
        ],
        [
          [
            'Has no CPU limit (container web)',
            71,
            '0 CPUs (unlimited)',
            { 'cis-docker': ['5.12'] },
          ],
        ],
        [
          [
            'Has no PIDs limit (container web)',
            72,
            '-1 processes (unlimited)',
            { 'cis-docker': ['5.29'] },
          ],
        ],
      ],
    );
  });

  it("fires where no limit is set, at the container, in the input's terms", () => {
    const findings = findingsOf('SW-CFG-016', bareSpec('kubernetes'));
    assert.deepEqual(
      findings.map((f) => [f.title, f.location.jsonPath, f.remediation, f.patch]),
      [
        [
          'Has no memory limit (not set) (Deployment default/web, container app)',
          '$.spec.template.spec.containers[0]',
          'Set `resources.limits.memory` on the container.',
          undefined,
        ],
      ],
    );
  });

  it('passes set limits, and does not ask a Kubernetes manifest for a PIDs limit (the kubelet sets it)', () => {
    for (const id of ['SW-CFG-016', 'SW-CFG-017', 'SW-CFG-018']) {
      assert.deepEqual(
        findingsOf(id, hardenedKubernetes(), hardenedCompose(), hardenedDocker(), hardenedOci()),
        [],
        id,
      );
    }
    assert.deepEqual(findingsOf('SW-CFG-018', bareSpec('kubernetes')), []);
  });
});
