import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findingsOf,
  hardenedCompose,
  hardenedDocker,
  hardenedKubernetes,
  loc,
} from './test-specs.js';

describe('SW-CFG-013 SELinux disabled or unconfined', () => {
  it('fires on spc_t, setting container_t', () => {
    const path = '$.spec.template.spec.containers[0].securityContext.seLinuxOptions';
    const spec = hardenedKubernetes({ selinux: loc('kubernetes', { type: 'spc_t' }, path, 31) });
    assert.deepEqual(
      findingsOf('SW-CFG-013', spec).map((f) => [f.title, f.evidence, f.frameworks, f.patch]),
      [
        [
          'Runs as the unconfined SELinux type spc_t (Deployment default/web, container app)',
          'type spc_t',
          { 'cis-docker': ['5.3'], pss: ['baseline:seLinuxOptions'] },
          [
            {
              op: 'replace',
              path: '/spec/template/spec/containers/0/securityContext/seLinuxOptions/type',
              value: 'container_t',
            },
          ],
        ],
      ],
    );
  });

  it('fires on label=disable in Compose (removing it) and in docker inspect', () => {
    const compose = hardenedCompose({
      selinux: loc('compose', { disabled: true }, '$.services.web.security_opt[1]', 8),
    });
    assert.deepEqual(
      findingsOf('SW-CFG-013', compose).map((f) => [f.title, f.patch]),
      [
        [
          'Runs with SELinux labelling disabled (service web (compose))',
          [{ op: 'remove', path: '/services/web/security_opt/1' }],
        ],
      ],
    );
    const docker = hardenedDocker({
      selinux: loc(
        'docker-inspect',
        { type: 'unconfined_t' },
        '$[0].HostConfig.SecurityOpt[2]',
        65,
      ),
    });
    assert.equal(findingsOf('SW-CFG-013', docker).length, 1);
  });

  it('passes confined types, levels alone, and no label at all', () => {
    const spec = hardenedKubernetes({
      selinux: loc('kubernetes', { type: 'container_t', level: 's0:c123,c456' }, '$.x'),
    });
    const levelOnly = hardenedCompose({
      selinux: loc('compose', { level: 's0:c100,c200' }, '$.services.web.security_opt[1]'),
    });
    assert.deepEqual(findingsOf('SW-CFG-013', spec, levelOnly, hardenedDocker()), []);
  });
});
