import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InputKind } from '../../config/container-spec.js';
import { CIS_CONFIG_RULES, containerConfigFindings } from './index.js';
import {
  bareSpec,
  hardenedCompose,
  hardenedDocker,
  hardenedKubernetes,
  hardenedOci,
  loc,
} from './test-specs.js';

const ids = (input: InputKind) =>
  containerConfigFindings([bareSpec(input)])
    .map((f) => f.id)
    .sort();

describe('containerConfigFindings', () => {
  it('has one config rule per id inside SW-CFG-001 ... SW-CFG-099, frameworks sorted', () => {
    const ruleIds = CIS_CONFIG_RULES.map((r) => r.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length);
    assert.deepEqual(ruleIds, [...ruleIds].sort());
    for (const rule of CIS_CONFIG_RULES) {
      assert.match(rule.id, /^SW-CFG-0(0[1-9]|[1-9][0-9])$/);
      assert.equal(rule.kind, 'config');
      for (const list of Object.values(rule.frameworks)) assert.deepEqual(list, [...list].sort());
    }
  });

  it('passes hardened containers of every input kind', () => {
    assert.deepEqual(
      containerConfigFindings([
        hardenedKubernetes(),
        hardenedCompose(),
        hardenedDocker(),
        hardenedOci(),
      ]),
      [],
    );
  });

  it("judges a container that sets nothing by its runtime's defaults (defaults.ts)", () => {
    const everywhere = ['SW-CFG-014', 'SW-CFG-015', 'SW-CFG-016', 'SW-CFG-017'];
    // Kubernetes: no seccomp unless set, no probes; PIDs and restart are not the manifest's.
    assert.deepEqual(ids('kubernetes'), ['SW-CFG-011', ...everywhere, 'SW-CFG-024']);
    // Compose: Docker's seccomp and AppArmor defaults, the image's HEALTHCHECK.
    assert.deepEqual(ids('compose'), [...everywhere, 'SW-CFG-018']);
    assert.deepEqual(ids('docker-inspect'), [...everywhere, 'SW-CFG-018', 'SW-CFG-024']);
    assert.deepEqual(ids('podman-inspect'), ids('docker-inspect'));
    assert.deepEqual(ids('marathon'), ids('docker-inspect'));
    // OCI: every namespace not listed is the host's; no seccomp, no AppArmor.
    assert.deepEqual(ids('oci-runtime'), [
      'SW-CFG-003',
      'SW-CFG-004',
      'SW-CFG-005',
      'SW-CFG-006',
      'SW-CFG-007',
      'SW-CFG-011',
      'SW-CFG-012',
      ...everywhere,
      'SW-CFG-018',
    ]);
    // LXC: own namespaces but the host's user namespace without lxc.idmap; no seccomp without a profile.
    assert.deepEqual(ids('lxc'), ['SW-CFG-007', 'SW-CFG-011', ...everywhere, 'SW-CFG-018']);
  });

  it('reports a pod-level field once for the pod, naming every container it affects', () => {
    const hostNetwork = loc('kubernetes', true, '$.spec.template.spec.hostNetwork', 9);
    const app = hardenedKubernetes({ hostNetwork });
    const proxy = hardenedKubernetes({
      hostNetwork,
      container: {
        name: 'proxy',
        at: { file: 'deploy/web.yaml', line: 40, jsonPath: '$.spec.template.spec.containers[1]' },
      },
    });
    const findings = containerConfigFindings([proxy, app]);
    assert.deepEqual(
      findings.map((f) => [f.id, f.title, f.resource, f.location]),
      [
        [
          'SW-CFG-006',
          "Shares the host's network namespace (Deployment default/web, containers app, proxy)",
          'Deployment default/web, containers app, proxy',
          { path: 'deploy/web.yaml', line: 9, jsonPath: '$.spec.template.spec.hostNetwork' },
        ],
      ],
    );
    assert.deepEqual(findings[0]!.patch, [
      { op: 'replace', path: '/spec/template/spec/hostNetwork', value: false },
    ]);
  });

  it('keeps containers of different workloads apart, most severe first', () => {
    const privileged = loc('compose', true, '$.services.web.privileged', 4);
    const findings = containerConfigFindings([
      hardenedCompose({ readOnlyRootfs: loc('compose', false, '$.services.web.read_only', 8) }),
      hardenedCompose({
        privileged: loc('compose', true, '$.services.worker.privileged', 30),
        resource: { kind: 'service', name: 'worker' },
        container: { name: 'worker', at: { file: 'compose.yaml', jsonPath: '$.services.worker' } },
      }),
      hardenedCompose({ privileged }),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.id, f.resource, f.location.line]),
      [
        ['critical', 'SW-CFG-001', 'service web (compose)', 4],
        ['critical', 'SW-CFG-001', 'service worker (compose)', 30],
        ['low', 'SW-CFG-015', 'service web (compose)', 8],
      ],
    );
  });
});
