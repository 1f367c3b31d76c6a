// The findings' JSON Patches applied to real documents: each must apply (RFC 6902: replace and remove need their
// target, add its parent) and leave the field fixed. Specs are built by hand over the parsed fixtures.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ContainerSpec, Located, Origin } from '../../config/container-spec.js';
import { jsonPath, parseDocuments, type LocatedDocument } from '../../config/documents.js';
import type { Finding } from '../../model/finding.js';
import { fixturePath } from '../../testing/fixtures.js';
import { containerConfigFindings } from './index.js';
import { applyPatch } from './test-specs.js';

type Path = (string | number)[];

function fixture(name: string, file: string) {
  const [doc] = parseDocuments(readFileSync(fixturePath('container-config', name), 'utf8'), file);
  const at = (path: Path): Origin => ({ file, line: doc!.lineAt(path)!, jsonPath: jsonPath(path) });
  const val = <T>(value: T, path: Path): Located<T> => ({ value, at: at(path) });
  return { doc: doc!, at, val };
}

/** The value at a JSON Pointer, or undefined. */
function get(value: unknown, pointer: string): unknown {
  let node = value;
  for (const token of pointer.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Each patched finding as [id, the field it changes, that field's value once the patch is applied alone]. */
function applied(doc: LocatedDocument, findings: Finding[]): [string, string, unknown][] {
  return findings
    .filter((f) => f.patch)
    .map((f) => {
      const after = applyPatch(doc.value, f.patch!);
      const path = f.patch![0]!.path.replace(/\/-$/, '');
      return [f.id, path, get(after, path)];
    });
}

describe('patches on a Kubernetes Deployment', () => {
  const { doc, at, val } = fixture('insecure-deployment.yaml', 'deploy/web.yaml');
  const pod: Path = ['spec', 'template', 'spec'];
  const common = {
    input: 'kubernetes' as const,
    file: 'deploy/web.yaml',
    resource: { kind: 'Deployment', namespace: 'shop', name: 'web' },
    hostNetwork: val(true, [...pod, 'hostNetwork']),
    hostPid: val(true, [...pod, 'hostPID']),
    capDrop: [],
    devices: [],
    sysctls: [],
  };
  const c0: Path = [...pod, 'containers', 0];
  const c1: Path = [...pod, 'containers', 1];
  const web: ContainerSpec = {
    ...common,
    container: { name: 'web', at: at(c0) },
    image: val('registry.example.com/shop/web:latest', [...c0, 'image']),
    privileged: val(true, [...c0, 'securityContext', 'privileged']),
    noNewPrivileges: val(false, [...c0, 'securityContext', 'allowPrivilegeEscalation']),
    capAdd: ['NET_ADMIN', 'NET_BIND_SERVICE', 'SYS_ADMIN'].map((cap, i) =>
      val(cap, [...c0, 'securityContext', 'capabilities', 'add', i]),
    ),
    seccomp: val('unconfined', [...c0, 'securityContext', 'seccompProfile', 'type']),
    apparmor: val('unconfined', [
      'spec',
      'template',
      'metadata',
      'annotations',
      'container.apparmor.security.beta.kubernetes.io/web',
    ]),
    mounts: [
      val(
        { hostPath: '/var/run/docker.sock', target: '/var/run/docker.sock', kind: 'bind' as const },
        [...pod, 'volumes', 0, 'hostPath', 'path'],
      ),
    ],
    ports: [val({ containerPort: 80, hostPort: 80 }, [...c0, 'ports', 0])],
  };
  const metrics: ContainerSpec = {
    ...common,
    container: { name: 'metrics', at: at(c1) },
    image: val('registry.example.com/shop/metrics:2.1.0', [...c1, 'image']),
    user: val('10001', [...c1, 'securityContext', 'runAsUser']),
    memoryLimit: val(64 * 1024 * 1024, [...c1, 'resources', 'limits', 'memory']),
    cpuLimit: val(0.1, [...c1, 'resources', 'limits', 'cpu']),
    healthcheck: val(true, [...c1, 'livenessProbe']),
    capAdd: [],
    mounts: [],
    ports: [],
  };
  const findings = containerConfigFindings([web, metrics]);

  it('points at the lines of the file', () => {
    assert.deepEqual(
      findings.map((f) => [f.id, f.location.line, f.resource]),
      [
        ['SW-CFG-001', 23, 'Deployment shop/web, container web'],
        ['SW-CFG-009', 46, 'Deployment shop/web, container web'],
        ['SW-CFG-002', 26, 'Deployment shop/web, container web'],
        ['SW-CFG-003', 18, 'Deployment shop/web, containers metrics, web'],
        ['SW-CFG-006', 17, 'Deployment shop/web, containers metrics, web'],
        ['SW-CFG-011', 28, 'Deployment shop/web, container web'],
        ['SW-CFG-011', 35, 'Deployment shop/web, container metrics'],
        ['SW-CFG-012', 15, 'Deployment shop/web, container web'],
        ['SW-CFG-014', 24, 'Deployment shop/web, container web'],
        ['SW-CFG-014', 35, 'Deployment shop/web, container metrics'],
        ['SW-CFG-019', 30, 'Deployment shop/web, container web'],
        ['SW-CFG-015', 20, 'Deployment shop/web, container web'],
        ['SW-CFG-015', 35, 'Deployment shop/web, container metrics'],
        ['SW-CFG-016', 20, 'Deployment shop/web, container web'],
        ['SW-CFG-017', 20, 'Deployment shop/web, container web'],
        ['SW-CFG-020', 30, 'Deployment shop/web, container web'],
        ['SW-CFG-023', 21, 'Deployment shop/web, container web'],
        ['SW-CFG-024', 20, 'Deployment shop/web, container web'],
      ],
    );
  });

  it('fixes each field it patches, and adds below a securityContext only where one exists', () => {
    const c = '/spec/template/spec/containers';
    assert.deepEqual(applied(doc, findings), [
      ['SW-CFG-001', `${c}/0/securityContext/privileged`, false],
      ['SW-CFG-002', `${c}/0/securityContext/capabilities/add/2`, undefined],
      ['SW-CFG-003', '/spec/template/spec/hostPID', false],
      ['SW-CFG-006', '/spec/template/spec/hostNetwork', false],
      ['SW-CFG-011', `${c}/0/securityContext/seccompProfile/type`, 'RuntimeDefault'],
      ['SW-CFG-011', `${c}/1/securityContext/seccompProfile`, { type: 'RuntimeDefault' }],
      [
        'SW-CFG-012',
        '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1web',
        'runtime/default',
      ],
      ['SW-CFG-014', `${c}/0/securityContext/allowPrivilegeEscalation`, false],
      ['SW-CFG-014', `${c}/1/securityContext/allowPrivilegeEscalation`, false],
      ['SW-CFG-015', `${c}/0/securityContext/readOnlyRootFilesystem`, true],
      ['SW-CFG-015', `${c}/1/securityContext/readOnlyRootFilesystem`, true],
    ]);
    const capabilities = applyPatch(doc.value, findings.find((f) => f.id === 'SW-CFG-002')!.patch!);
    assert.deepEqual(get(capabilities, `${c}/0/securityContext/capabilities/add`), [
      'NET_BIND_SERVICE',
    ]);
  });
});

describe('patches on a Compose file', () => {
  const { doc, at, val } = fixture('insecure-compose.yaml', 'compose.yaml');
  const w: Path = ['services', 'web'];
  const base = {
    input: 'compose' as const,
    file: 'compose.yaml',
    capDrop: [],
    ports: [],
    sysctls: [],
  };
  const web: ContainerSpec = {
    ...base,
    resource: { kind: 'service', name: 'web' },
    container: { name: 'web', at: at(w) },
    image: val('nginx', [...w, 'image']),
    privileged: val(true, [...w, 'privileged']),
    hostNetwork: val(true, [...w, 'network_mode']),
    capAdd: [val('SYS_ADMIN', [...w, 'cap_add', 0]), val('CHOWN', [...w, 'cap_add', 1])],
    seccomp: val('unconfined', [...w, 'security_opt', 0]),
    apparmor: val('unconfined', [...w, 'security_opt', 1]),
    mounts: [
      val(
        {
          hostPath: './html',
          target: '/usr/share/nginx/html',
          kind: 'bind' as const,
          readOnly: true,
        },
        [...w, 'volumes', 0],
      ),
      val(
        { hostPath: '/var/run/docker.sock', target: '/var/run/docker.sock', kind: 'bind' as const },
        [...w, 'volumes', 1],
      ),
    ],
    devices: [val('/dev/kvm', [...w, 'devices', 0])],
    restartPolicy: val({ name: 'always' }, [...w, 'restart']),
  };
  const k: Path = ['services', 'worker'];
  const worker: ContainerSpec = {
    ...base,
    resource: { kind: 'service', name: 'worker' },
    container: { name: 'worker', at: at(k) },
    image: val('registry.example.com/shop/worker:3.2.1', [...k, 'image']),
    readOnlyRootfs: val(false, [...k, 'read_only']),
    hostPid: val(true, [...k, 'pid']),
    capAdd: [],
    mounts: [],
    devices: [],
  };
  const findings = containerConfigFindings([web, worker]);

  it('fixes each field it patches, each patch applied alone to the file as read', () => {
    const web = '/services/web';
    assert.deepEqual(applied(doc, findings), [
      ['SW-CFG-001', `${web}/privileged`, false],
      ['SW-CFG-009', `${web}/volumes/1`, undefined],
      ['SW-CFG-002', `${web}/cap_add/0`, 'CHOWN'],
      ['SW-CFG-003', '/services/worker/pid', undefined],
      ['SW-CFG-006', `${web}/network_mode`, undefined],
      ['SW-CFG-011', `${web}/security_opt/0`, 'apparmor:unconfined'],
      ['SW-CFG-012', `${web}/security_opt/1`, undefined],
      [
        'SW-CFG-014',
        `${web}/security_opt`,
        ['seccomp:unconfined', 'apparmor:unconfined', 'no-new-privileges:true'],
      ],
      ['SW-CFG-021', `${web}/devices/0`, undefined],
      ['SW-CFG-015', `${web}/read_only`, true],
      ['SW-CFG-015', '/services/worker/read_only', true],
      ['SW-CFG-022', `${web}/restart`, 'on-failure:5'],
    ]);
  });

  it('gives no patch where the list the option would join may not exist (the worker has no security_opt)', () => {
    const worker = findings.find(
      (f) => f.id === 'SW-CFG-014' && f.resource === 'service worker (compose)',
    );
    assert.equal(worker!.patch, undefined);
  });
});
