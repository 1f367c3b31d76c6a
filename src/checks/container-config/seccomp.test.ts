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

const c = '$.spec.template.spec.containers[0]';

describe('SW-CFG-011 no seccomp profile', () => {
  it('fires on an explicit Unconfined type, setting RuntimeDefault', () => {
    const spec = hardenedKubernetes({
      seccomp: loc('kubernetes', 'Unconfined', `${c}.securityContext.seccompProfile.type`, 27),
    });
    assert.deepEqual(
      findingsOf('SW-CFG-011', spec).map((f) => [f.title, f.evidence, f.frameworks, f.patch]),
      [
        [
          'Runs without seccomp (unconfined) (Deployment default/web, container app)',
          'Unconfined',
          {
            'cis-docker': ['5.22'],
            pss: ['baseline:seccompProfile', 'restricted:seccompProfile'],
          },
          [
            {
              op: 'replace',
              path: '/spec/template/spec/containers/0/securityContext/seccompProfile/type',
              value: 'RuntimeDefault',
            },
          ],
        ],
      ],
    );
  });

  it('fires on the pre-1.19 annotation and on a Compose security_opt entry', () => {
    const annotation =
      '$.spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]';
    const k8s = hardenedKubernetes({ seccomp: loc('kubernetes', 'unconfined', annotation, 6) });
    assert.deepEqual(findingsOf('SW-CFG-011', k8s)[0]!.patch, [
      {
        op: 'replace',
        path: '/spec/template/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod',
        value: 'runtime/default',
      },
    ]);
    const compose = hardenedCompose({
      seccomp: loc('compose', 'unconfined', '$.services.web.security_opt[1]', 8),
    });
    assert.deepEqual(findingsOf('SW-CFG-011', compose)[0]!.patch, [
      { op: 'remove', path: '/services/web/security_opt/1' },
    ]);
  });

  it('fires on a Kubernetes container that sets none, adding RuntimeDefault where securityContext exists', () => {
    const withContext = hardenedKubernetes({ seccomp: undefined });
    assert.deepEqual(
      findingsOf('SW-CFG-011', withContext).map((f) => [f.title, f.location.jsonPath, f.patch]),
      [
        [
          'Runs without seccomp (no profile set) (Deployment default/web, container app)',
          c,
          [
            {
              op: 'add',
              path: '/spec/template/spec/containers/0/securityContext/seccompProfile',
              value: { type: 'RuntimeDefault' },
            },
          ],
        ],
      ],
    );
    // Without a securityContext seen, adding one whole could overwrite fields the spec does not model.
    assert.equal(findingsOf('SW-CFG-011', bareSpec('kubernetes'))[0]!.patch, undefined);
  });

  it("passes Docker's default profile (stated or not), a custom one, and a privileged container's silence", () => {
    assert.deepEqual(findingsOf('SW-CFG-011', hardenedDocker(), bareSpec('compose')), []);
    const custom = hardenedKubernetes({
      seccomp: loc(
        'kubernetes',
        'localhost/profiles/web.json',
        `${c}.securityContext.seccompProfile`,
      ),
    });
    assert.deepEqual(findingsOf('SW-CFG-011', custom), []);
    const privileged = bareSpec('kubernetes', {
      privileged: loc('kubernetes', true, `${c}.securityContext.privileged`),
    });
    assert.deepEqual(findingsOf('SW-CFG-011', privileged), []);
  });
});
