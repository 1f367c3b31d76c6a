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

const pod = '$.spec.template.spec';

describe('SW-CFG-003 ... SW-CFG-007 host namespaces', () => {
  it('fires on the Kubernetes pod fields, turning them off', () => {
    const spec = hardenedKubernetes({
      hostPid: loc('kubernetes', true, `${pod}.hostPID`, 8),
      hostIpc: loc('kubernetes', true, `${pod}.hostIPC`, 9),
      hostNetwork: loc('kubernetes', true, `${pod}.hostNetwork`, 10),
      hostUserns: loc('kubernetes', true, `${pod}.hostUsers`, 11),
    });
    const rows = ['SW-CFG-003', 'SW-CFG-004', 'SW-CFG-006', 'SW-CFG-007'].map((id) => {
      const [finding, ...rest] = findingsOf(id, spec);
      assert.equal(rest.length, 0, id);
      return [id, finding!.title, finding!.frameworks['cis-docker'], finding!.patch];
    });
    const off = (field: string) => [
      { op: 'replace', path: `/spec/template/spec/${field}`, value: false },
    ];
    assert.deepEqual(rows, [
      [
        'SW-CFG-003',
        "Shares the host's PID namespace (Deployment default/web, container app)",
        ['5.16'],
        off('hostPID'),
      ],
      [
        'SW-CFG-004',
        "Shares the host's IPC namespace (Deployment default/web, container app)",
        ['5.17'],
        off('hostIPC'),
      ],
      [
        'SW-CFG-006',
        "Shares the host's network namespace (Deployment default/web, container app)",
        ['5.10'],
        off('hostNetwork'),
      ],
      [
        'SW-CFG-007',
        "Shares the host's user namespace (Deployment default/web, container app)",
        ['5.31'],
        off('hostUsers'),
      ],
    ]);
  });

  it('fires on Compose `uts: host` and `network_mode: host`, removing them', () => {
    const spec = hardenedCompose({
      hostUts: loc('compose', true, '$.services.web.uts', 12),
      hostNetwork: loc('compose', true, '$.services.web.network_mode', 13),
    });
    assert.deepEqual(
      [...findingsOf('SW-CFG-005', spec), ...findingsOf('SW-CFG-006', spec)].map((f) => [
        f.id,
        f.remediation,
        f.patch,
      ]),
      [
        [
          'SW-CFG-005',
          'Remove `uts: host` from the service.',
          [{ op: 'remove', path: '/services/web/uts' }],
        ],
        [
          'SW-CFG-006',
          'Remove `network_mode: host` from the service; publish ports under `ports`.',
          [{ op: 'remove', path: '/services/web/network_mode' }],
        ],
      ],
    );
  });

  it("fires on an OCI configuration that leaves a namespace out (it is then the host's)", () => {
    const spec = hardenedOci({ hostNetwork: undefined });
    const findings = findingsOf('SW-CFG-006', spec);
    assert.deepEqual(
      findings.map((f) => [f.title, f.location, f.evidence, f.remediation]),
      [
        [
          "Shares the host's network namespace by default (container bundle)",
          { path: 'bundle/config.json', line: 1, jsonPath: '$' },
          'linux.namespaces has no "network" entry',
          'Add `{"type": "network"}` to `linux.namespaces`.',
        ],
      ],
    );
  });

  it('fires on LXC without lxc.idmap (no user namespace of its own)', () => {
    assert.deepEqual(
      findingsOf('SW-CFG-007', bareSpec('lxc')).map((f) => f.evidence),
      ['no lxc.idmap'],
    );
  });

  it('passes namespaces the container owns, stated or by default', () => {
    const spec = hardenedDocker({
      hostPid: loc('docker-inspect', false, '$[0].HostConfig.PidMode', 61),
    });
    for (const id of ['SW-CFG-003', 'SW-CFG-004', 'SW-CFG-005', 'SW-CFG-006', 'SW-CFG-007']) {
      assert.deepEqual(
        findingsOf(id, spec, hardenedKubernetes(), hardenedOci(), bareSpec('compose')),
        [],
        id,
      );
    }
  });
});
