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

const c = '$.spec.template.spec.containers[0]';

describe('SW-CFG-014 no-new-privileges', () => {
  it('fires on allowPrivilegeEscalation: true, turning it off', () => {
    const spec = hardenedKubernetes({
      noNewPrivileges: loc(
        'kubernetes',
        false,
        `${c}.securityContext.allowPrivilegeEscalation`,
        28,
      ),
    });
    assert.deepEqual(
      findingsOf('SW-CFG-014', spec).map((f) => [f.title, f.frameworks, f.remediation, f.patch]),
      [
        [
          'Allows privilege escalation (Deployment default/web, container app)',
          { 'cis-docker': ['5.26'], pss: ['restricted:allowPrivilegeEscalation'] },
          'Set `securityContext.allowPrivilegeEscalation: false`.',
          [
            {
              op: 'replace',
              path: '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation',
              value: false,
            },
          ],
        ],
      ],
    );
  });

  it('fires where it is not set, adding it where the parent is known to exist', () => {
    const k8s = hardenedKubernetes({ noNewPrivileges: undefined });
    assert.deepEqual(
      findingsOf('SW-CFG-014', k8s).map((f) => [f.title, f.location.jsonPath, f.patch]),
      [
        [
          'Allows privilege escalation (no-new-privileges not set) (Deployment default/web, container app)',
          c,
          [
            {
              op: 'add',
              path: '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation',
              value: false,
            },
          ],
        ],
      ],
    );
    // The seccomp option is read from security_opt[0]: the list exists, so the option is appended to it.
    const compose = hardenedCompose({
      noNewPrivileges: undefined,
      seccomp: loc('compose', 'default.json', '$.services.web.security_opt[0]', 7),
    });
    assert.deepEqual(findingsOf('SW-CFG-014', compose)[0]!.patch, [
      { op: 'add', path: '/services/web/security_opt/-', value: 'no-new-privileges:true' },
    ]);
    assert.equal(findingsOf('SW-CFG-014', bareSpec('compose'))[0]!.patch, undefined);
    const oci = hardenedOci({ noNewPrivileges: undefined });
    assert.deepEqual(findingsOf('SW-CFG-014', oci)[0]!.patch, [
      { op: 'add', path: '/process/noNewPrivileges', value: true },
    ]);
  });

  it('fires on `no-new-privileges:false` in Compose, turning it on', () => {
    const spec = hardenedCompose({
      noNewPrivileges: loc('compose', false, '$.services.web.security_opt[0]', 7),
    });
    assert.deepEqual(findingsOf('SW-CFG-014', spec)[0]!.patch, [
      { op: 'replace', path: '/services/web/security_opt/0', value: 'no-new-privileges:true' },
    ]);
  });

  it('passes every hardened input', () => {
    assert.deepEqual(
      findingsOf(
        'SW-CFG-014',
        hardenedKubernetes(),
        hardenedCompose(),
        hardenedDocker(),
        hardenedOci(),
      ),
      [],
    );
  });
});
