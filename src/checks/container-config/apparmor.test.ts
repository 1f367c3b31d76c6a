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

describe('SW-CFG-012 no AppArmor profile', () => {
  it('fires on the unconfined annotation, setting runtime/default', () => {
    const path =
      '$.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]';
    const spec = hardenedKubernetes({ apparmor: loc('kubernetes', 'unconfined', path, 7) });
    assert.deepEqual(
      findingsOf('SW-CFG-012', spec).map((f) => [f.title, f.frameworks, f.patch]),
      [
        [
          'Runs without AppArmor (unconfined) (Deployment default/web, container app)',
          { 'cis-docker': ['5.2'], pss: ['baseline:appArmorProfile'] },
          [
            {
              op: 'replace',
              path: '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app',
              value: 'runtime/default',
            },
          ],
        ],
      ],
    );
  });

  it('fires on appArmorProfile whose Origin is the object, replacing its type', () => {
    const path = '$.spec.template.spec.containers[0].securityContext.appArmorProfile';
    const spec = hardenedKubernetes({ apparmor: loc('kubernetes', 'Unconfined', path, 30) });
    assert.deepEqual(findingsOf('SW-CFG-012', spec)[0]!.patch, [
      {
        op: 'replace',
        path: '/spec/template/spec/containers/0/securityContext/appArmorProfile/type',
        value: 'RuntimeDefault',
      },
    ]);
  });

  it('fires on docker inspect of an unconfined container and on an OCI process without a profile', () => {
    const docker = hardenedDocker({
      apparmor: loc('docker-inspect', 'unconfined', '$[0].AppArmorProfile', 20),
    });
    assert.deepEqual(
      findingsOf('SW-CFG-012', docker).map((f) => f.remediation),
      ['Run the container without --security-opt apparmor=unconfined.'],
    );
    const oci = hardenedOci({ apparmor: undefined });
    assert.deepEqual(
      findingsOf('SW-CFG-012', oci).map((f) => [f.title, f.location.jsonPath]),
      [['Runs without AppArmor (no profile set) (container bundle)', '$']],
    );
  });

  it('passes runtime defaults, named profiles, and an OCI process that SELinux confines instead', () => {
    assert.deepEqual(
      findingsOf(
        'SW-CFG-012',
        hardenedKubernetes(),
        hardenedCompose(),
        hardenedDocker(),
        bareSpec('lxc'),
      ),
      [],
    );
    const selinuxHost = hardenedOci({
      apparmor: undefined,
      selinux: loc('oci-runtime', { type: 'container_t' }, '$.process.selinuxLabel', 11),
    });
    assert.deepEqual(findingsOf('SW-CFG-012', selinuxHost), []);
  });
});
