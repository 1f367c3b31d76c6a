import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, hardenedCompose, hardenedKubernetes, loc } from './test-specs.js';

describe('SW-CFG-010 shared mount propagation', () => {
  it('fires on Kubernetes Bidirectional, setting it to None', () => {
    const path = '$.spec.template.spec.containers[0].volumeMounts[0].mountPropagation';
    const spec = hardenedKubernetes({
      mounts: [
        loc(
          'kubernetes',
          { hostPath: '/mnt/disks', target: '/disks', kind: 'bind', propagation: 'Bidirectional' },
          path,
          41,
        ),
      ],
    });
    assert.deepEqual(
      findingsOf('SW-CFG-010', spec).map((f) => [f.title, f.evidence, f.patch]),
      [
        [
          'Mounts /disks with Bidirectional propagation (Deployment default/web, container app)',
          '/mnt/disks -> /disks (Bidirectional)',
          [
            {
              op: 'replace',
              path: '/spec/template/spec/containers/0/volumeMounts/0/mountPropagation',
              value: 'None',
            },
          ],
        ],
      ],
    );
  });

  it('fires on Docker rshared; a short-syntax volume string gets no patch', () => {
    const spec = hardenedCompose({
      mounts: [
        loc(
          'compose',
          { hostPath: '/mnt', target: '/mnt', kind: 'bind', propagation: 'rshared' },
          '$.services.web.volumes[1]',
          16,
        ),
      ],
    });
    const [finding] = findingsOf('SW-CFG-010', spec);
    assert.equal(finding!.title, 'Mounts /mnt with rshared propagation (service web (compose))');
    assert.equal(finding!.patch, undefined);
  });

  it('passes private, slave and HostToContainer propagation', () => {
    const spec = hardenedCompose({
      mounts: ['rprivate', 'slave', 'rslave', 'HostToContainer', 'None'].map((propagation, i) =>
        loc(
          'compose',
          { target: `/m${i}`, kind: 'bind' as const, propagation },
          `$.services.web.volumes[${i}]`,
        ),
      ),
    });
    assert.deepEqual(findingsOf('SW-CFG-010', spec), []);
  });
});
