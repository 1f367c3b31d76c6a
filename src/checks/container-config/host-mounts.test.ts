import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mount } from '../../config/container-spec.js';
import { isSensitiveHostPath, runtimeSocketKind } from './host-mounts.js';
import { findingsOf, hardenedCompose, hardenedKubernetes, loc } from './test-specs.js';

const volume = (mount: Mount, index: number) =>
  loc('compose', mount, `$.services.web.volumes[${index}]`, 20 + index);

describe('SW-CFG-008 sensitive host directories', () => {
  it('fires on /, the CIS directories and anything below them, read-only or not', () => {
    const spec = hardenedCompose({
      mounts: [
        volume({ hostPath: '/', target: '/host', kind: 'bind', readOnly: true }, 0),
        volume({ hostPath: '/etc/', target: '/host-etc', kind: 'bind' }, 1),
        volume({ hostPath: '/proc/sys/kernel', target: '/k', kind: 'bind' }, 2),
        volume({ hostPath: '/usr/../dev/./fuse', target: '/dev/fuse', kind: 'bind' }, 3),
      ],
    });
    const findings = findingsOf('SW-CFG-008', spec);
    assert.deepEqual(
      findings.map((f) => [f.title, f.evidence, f.patch]),
      [
        [
          'Mounts the sensitive host path / read-only (service web (compose))',
          '/ -> /host (read-only)',
          [{ op: 'remove', path: '/services/web/volumes/0' }],
        ],
        [
          'Mounts the sensitive host path /etc (service web (compose))',
          '/etc -> /host-etc',
          [{ op: 'remove', path: '/services/web/volumes/1' }],
        ],
        [
          'Mounts the sensitive host path /proc/sys/kernel (service web (compose))',
          '/proc/sys/kernel -> /k',
          [{ op: 'remove', path: '/services/web/volumes/2' }],
        ],
        [
          'Mounts the sensitive host path /dev/fuse (service web (compose))',
          '/dev/fuse -> /dev/fuse',
          [{ op: 'remove', path: '/services/web/volumes/3' }],
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, {
      'cis-docker': ['5.6'],
      pss: ['baseline:hostPathVolumes'],
    });
  });

  it('gives a Kubernetes hostPath no patch (the volume and its mount are two fields)', () => {
    const spec = hardenedKubernetes({
      mounts: [
        loc(
          'kubernetes',
          { hostPath: '/etc/kubernetes', target: '/etc/kubernetes', kind: 'bind', readOnly: true },
          '$.spec.template.spec.volumes[0].hostPath.path',
          44,
        ),
      ],
    });
    const [finding] = findingsOf('SW-CFG-008', spec);
    assert.equal(finding!.location.line, 44);
    assert.equal(finding!.patch, undefined);
  });

  it('passes project directories, named volumes and look-alike paths', () => {
    const spec = hardenedCompose({
      mounts: [
        volume({ hostPath: './etc', target: '/etc/app', kind: 'bind' }, 0),
        volume({ target: '/var/lib/data', kind: 'volume' }, 1),
        volume({ hostPath: '/srv/etc', target: '/data', kind: 'bind' }, 2),
        volume({ hostPath: '/usrlocal', target: '/x', kind: 'bind' }, 3),
        volume({ hostPath: '/var/lib/app', target: '/y', kind: 'bind' }, 4),
      ],
    });
    assert.deepEqual(findingsOf('SW-CFG-008', spec), []);
    assert.equal(isSensitiveHostPath('/lib'), true);
    assert.equal(isSensitiveHostPath('/library'), false);
  });
});

describe('SW-CFG-009 container runtime sockets', () => {
  it('fires, critical, on the Docker socket and on the directory that holds it', () => {
    const spec = hardenedCompose({
      mounts: [
        volume(
          { hostPath: '/var/run/docker.sock', target: '/var/run/docker.sock', kind: 'bind' },
          0,
        ),
        volume({ hostPath: '/run', target: '/host-run', kind: 'bind', readOnly: true }, 1),
      ],
    });
    const findings = findingsOf('SW-CFG-009', spec);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.title, f.frameworks['cis-docker']]),
      [
        [
          'critical',
          'Mounts the container runtime socket /var/run/docker.sock (service web (compose))',
          ['5.32'],
        ],
        [
          'critical',
          'Mounts the directory of a container runtime socket, /run read-only (service web (compose))',
          ['5.32'],
        ],
      ],
    );
    assert.deepEqual(findingsOf('SW-CFG-008', spec), [], 'one finding per mount, not two');
  });

  it('knows containerd, CRI-O, Podman and rootless sockets, and passes other paths under /run', () => {
    for (const path of [
      '/run/containerd/containerd.sock',
      '/var/run/crio/crio.sock',
      '/run/podman/podman.sock',
      '/run/user/1000/docker.sock',
      '/run/docker.sock',
    ]) {
      assert.equal(runtimeSocketKind(path), 'socket', path);
    }
    assert.equal(runtimeSocketKind('/run/containerd'), 'directory');
    assert.equal(runtimeSocketKind('/run/secrets'), undefined);
    assert.equal(runtimeSocketKind('/var/run/docker.sock.bak'), undefined);
    assert.deepEqual(findingsOf('SW-CFG-009', hardenedCompose(), hardenedKubernetes()), []);
  });
});
