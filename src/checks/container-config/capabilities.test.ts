import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capabilityName } from './capabilities.js';
import { bareSpec, findingsOf, hardenedCompose, hardenedKubernetes, loc } from './test-specs.js';

const add = '$.spec.template.spec.containers[0].securityContext.capabilities.add';

describe('SW-CFG-002 capabilities beyond the default set', () => {
  it('fires once per container on the added ones, and removes them highest index first', () => {
    const spec = hardenedKubernetes({
      capAdd: [
        loc('kubernetes', 'NET_BIND_SERVICE', `${add}[0]`, 25),
        loc('kubernetes', 'SYS_ADMIN', `${add}[1]`, 26),
        loc('kubernetes', 'CHOWN', `${add}[2]`, 27),
        loc('kubernetes', 'cap_net_admin', `${add}[3]`, 28),
      ],
    });
    const findings = findingsOf('SW-CFG-002', spec);
    assert.deepEqual(
      findings.map((f) => [f.title, f.location.line, f.evidence, f.frameworks]),
      [
        [
          'Adds capabilities NET_ADMIN, SYS_ADMIN (Deployment default/web, container app)',
          26,
          'SYS_ADMIN, cap_net_admin',
          { 'cis-docker': ['5.4'], pss: ['baseline:capabilities'] },
        ],
      ],
    );
    const base = '/spec/template/spec/containers/0/securityContext/capabilities/add';
    assert.deepEqual(findings[0]!.patch, [
      { op: 'remove', path: `${base}/3` },
      { op: 'remove', path: `${base}/1` },
    ]);
  });

  it('counts ALL, in Compose too', () => {
    const spec = hardenedCompose({
      capAdd: [loc('compose', 'ALL', '$.services.web.cap_add[0]', 6)],
    });
    assert.deepEqual(
      findingsOf('SW-CFG-002', spec).map((f) => [f.title, f.patch]),
      [
        [
          'Adds capabilities ALL (service web (compose))',
          [{ op: 'remove', path: '/services/web/cap_add/0' }],
        ],
      ],
    );
  });

  it('gives no patch where removing one list entry would not take the capability away (OCI sets)', () => {
    const spec = bareSpec('oci-runtime', {
      capAdd: [loc('oci-runtime', 'CAP_SYS_PTRACE', '$.process.capabilities.bounding[14]', 60)],
    });
    const [finding] = findingsOf('SW-CFG-002', spec);
    assert.equal(finding!.title, 'Adds capabilities SYS_PTRACE (container bundle)');
    assert.equal(finding!.patch, undefined);
  });

  it("passes capabilities of Docker's default set, however they are spelled", () => {
    const spec = hardenedKubernetes({
      capAdd: ['CHOWN', 'net_raw', 'CAP_SETUID', ' KILL '].map((c, i) =>
        loc('kubernetes', c, `${add}[${i}]`),
      ),
    });
    assert.deepEqual(findingsOf('SW-CFG-002', spec), []);
    assert.deepEqual(findingsOf('SW-CFG-002', bareSpec('docker-inspect')), []);
    assert.equal(capabilityName('cap_sys_admin'), 'SYS_ADMIN');
  });
});
