import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bareSpec,
  findingsOf,
  hardenedCompose,
  hardenedDocker,
  hardenedKubernetes,
  loc,
} from './test-specs.js';

describe('SW-CFG-021 host devices', () => {
  it('fires on each device, removing a Compose entry', () => {
    const spec = hardenedCompose({
      devices: [
        loc('compose', '/dev/kvm', '$.services.web.devices[0]', 18),
        loc('compose', '/dev/sda:/dev/xvda:rwm', '$.services.web.devices[1]', 19),
      ],
    });
    assert.deepEqual(
      findingsOf('SW-CFG-021', spec).map((f) => [f.title, f.evidence, f.frameworks, f.patch]),
      [
        [
          'Has the host device /dev/kvm (service web (compose))',
          '/dev/kvm',
          { 'cis-docker': ['5.18'] },
          [{ op: 'remove', path: '/services/web/devices/0' }],
        ],
        [
          'Has the host device /dev/sda:/dev/xvda:rwm (service web (compose))',
          '/dev/sda:/dev/xvda:rwm',
          { 'cis-docker': ['5.18'] },
          [{ op: 'remove', path: '/services/web/devices/1' }],
        ],
      ],
    );
  });

  it('fires on an OCI device entry, without a patch (its cgroup rule is a second field)', () => {
    const spec = bareSpec('oci-runtime', {
      devices: [loc('oci-runtime', '/dev/fuse', '$.linux.devices[0]', 70)],
    });
    assert.deepEqual(
      findingsOf('SW-CFG-021', spec).map((f) => [f.location.line, f.remediation, f.patch]),
      [[70, 'Remove the entries of `linux.devices` the container does not need.', undefined]],
    );
  });

  it('passes containers without devices', () => {
    assert.deepEqual(
      findingsOf('SW-CFG-021', hardenedCompose(), hardenedDocker(), hardenedKubernetes()),
      [],
    );
  });
});
