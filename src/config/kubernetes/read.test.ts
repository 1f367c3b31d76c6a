import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { fixturePath } from '../../testing/fixtures.js';
import type { ContainerSpec } from '../container-spec.js';
import { parseDocuments } from '../documents.js';
import type { ConfigRead } from '../reader.js';
import { resourceLabel } from './pod.js';
import { readKubernetes } from './read.js';

function readText(text: string, file = 'manifest.yaml'): ConfigRead | undefined {
  return readKubernetes(parseDocuments(text, file), file);
}

function readFixture(name: string): ConfigRead {
  const file = fixturePath('pss', 'workloads', name);
  const read = readKubernetes(parseDocuments(readFileSync(file, 'utf8'), file), file);
  assert.ok(read, `${name} holds Kubernetes objects`);
  return read;
}

/** A container's fields without their origins, for comparing values. */
function values(spec: ContainerSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    if (['input', 'file', 'resource', 'container'].includes(key)) continue;
    out[key] = Array.isArray(field)
      ? field.map((f: { value: unknown }) => f.value)
      : (field as { value: unknown }).value;
  }
  return out;
}

describe('readKubernetes', () => {
  it('is not for documents without apiVersion and kind', () => {
    assert.equal(readText('services:\n  web:\n    image: nginx\n'), undefined);
    assert.equal(readText('[{"Id": "abc", "Config": {}}]', 'inspect.json'), undefined);
    assert.equal(readText('kind: Pod\nspec: {}\n'), undefined);
    assert.equal(readText('apiVersion: v1\nkind: ""\n'), undefined);
  });

  it('reads objects that run no pods as Kubernetes with nothing in them', () => {
    assert.deepEqual(readText('apiVersion: v1\nkind: Service\nmetadata: {name: web}\n'), {
      kind: 'kubernetes',
      containers: [],
      pods: [],
    });
  });

  it('finds the pod of every workload kind, at its path, with its namespace as written', () => {
    const read = readFixture('kinds.yaml');
    assert.deepEqual(
      read.pods.map((p) => [
        resourceLabel(p.resource),
        p.document.index,
        p.specPath.join('.'),
        p.metadataPath.join('.'),
      ]),
      [
        ['Deployment shop/web', 0, 'spec.template.spec', 'spec.template.metadata'],
        ['StatefulSet shop/db', 1, 'spec.template.spec', 'spec.template.metadata'],
        ['DaemonSet monitoring/node-agent', 2, 'spec.template.spec', 'spec.template.metadata'],
        ['ReplicaSet web-5d4f8', 3, 'spec.template.spec', 'spec.template.metadata'],
        ['Job shop/migrate', 4, 'spec.template.spec', 'spec.template.metadata'],
        [
          'CronJob shop/backup',
          5,
          'spec.jobTemplate.spec.template.spec',
          'spec.jobTemplate.spec.template.metadata',
        ],
        ['ReplicationController legacy', 6, 'spec.template.spec', 'spec.template.metadata'],
        ['PodTemplate batch/worker-template', 7, 'template.spec', 'template.metadata'],
        ['Pod shop/debug', 8, 'spec', 'metadata'],
      ],
    );
    assert.equal(read.pods[8]!.spec, (read.pods[8]!.document.value as { spec: unknown }).spec);
    assert.deepEqual(
      read.containers.map(
        (c) =>
          `${c.resource.kind}/${c.container.name} ${c.container.at.jsonPath}:${c.container.at.line}`,
      ),
      [
        'Deployment/web $.spec.template.spec.containers[0]:17',
        'StatefulSet/postgres $.spec.template.spec.containers[0]:37',
        'DaemonSet/agent $.spec.template.spec.containers[0]:57',
        'ReplicaSet/web $.spec.template.spec.containers[0]:75',
        'Job/migrate $.spec.template.spec.containers[0]:97',
        'Job/wait $.spec.template.spec.initContainers[0]:93',
        'CronJob/backup $.spec.jobTemplate.spec.template.spec.containers[0]:117',
        'ReplicationController/legacy $.spec.template.spec.containers[0]:136',
        'PodTemplate/worker $.template.spec.containers[0]:152',
        'Pod/shell $.spec.containers[0]:166',
      ],
    );
    assert.ok(read.containers.every((c) => c.input === 'kubernetes'));
    assert.deepEqual(
      read.containers.filter((c) => c.privileged?.value !== true).map((c) => c.container.name),
      ['migrate'],
    );
  });

  it('reads past other kinds, empty documents and a CRD that borrows a workload kind', () => {
    const read = readFixture('multi-document.yaml');
    assert.deepEqual(
      read.pods.map((p) => [resourceLabel(p.resource), p.document.index]),
      [
        ['Deployment shop/web', 3],
        ['Job shop/seed', 6],
      ],
    );
    const [web] = read.containers;
    assert.deepEqual(values(web!), {
      capAdd: [],
      capDrop: ['ALL'],
      mounts: [],
      ports: [],
      devices: [],
      sysctls: [],
      image: 'registry.example/web:2.1',
      seccomp: 'runtime/default',
      noNewPrivileges: true,
      readOnlyRootfs: true,
      memoryLimit: 256 * 1024 * 1024,
      cpuLimit: 0.5,
      healthcheck: true,
      user: '10001:10001',
    });
    assert.equal(web!.user!.at.line, 34);
    assert.equal(web!.user!.at.jsonPath, '$.spec.template.spec.securityContext.runAsUser');
  });

  it('reads Lists, typed lists whose items leave out apiVersion and kind, and nested lists', () => {
    const read = readFixture('list.yaml');
    assert.deepEqual(
      read.pods.map((p) => [resourceLabel(p.resource), p.specPath.join('.')]),
      [
        ['Pod shop/web-5d4f8-abcde', 'items.0.spec'],
        ['Pod shop/cache-0', 'items.2.items.0.spec'],
        ['Deployment api', 'items.3.items.0.spec.template.spec'],
      ],
    );
    assert.deepEqual(read.containers[0]!.ports, [
      {
        value: { containerPort: 8080, hostPort: 8080 },
        at: {
          file: read.pods[0]!.file,
          jsonPath: '$.items[0].spec.containers[0].ports[0].hostPort',
          line: 18,
        },
      },
    ]);
    assert.equal(
      read.containers[1]!.hostNetwork?.at.jsonPath,
      '$.items[2].items[0].spec.hostNetwork',
    );
  });

  it('reads JSON manifests with their lines', () => {
    const read = readFixture('pod.json');
    const [app] = read.containers;
    assert.deepEqual(app!.mounts, [
      {
        value: { hostPath: '/etc', target: '/host/etc', kind: 'bind', readOnly: true },
        at: {
          file: read.pods[0]!.file,
          jsonPath: '$.spec.containers[0].volumeMounts[0]',
          line: 16,
        },
      },
    ]);
  });

  it('maps every container field, the pod security context standing in where the container says nothing', () => {
    const read = readFixture('full-container.yaml');
    assert.deepEqual(
      read.containers.map((c) => c.container.name),
      ['edge', 'helper', 'proxy', 'debugger'],
    );
    const [edge, helper, proxy, debuggerContainer] = read.containers;
    assert.deepEqual(values(edge!), {
      capAdd: ['NET_BIND_SERVICE', 'NET_ADMIN'],
      capDrop: ['ALL'],
      mounts: [
        {
          hostPath: '/run/edge/sockets',
          target: '/run/edge',
          kind: 'bind',
          readOnly: true,
          propagation: 'HostToContainer',
        },
      ],
      ports: [{ containerPort: 443, hostPort: 443, hostIp: '10.0.0.1', protocol: 'TCP' }],
      devices: [],
      sysctls: [
        { name: 'net.ipv4.ip_local_port_range', value: '1024 65000' },
        { name: 'net.core.somaxconn', value: '1024' },
      ],
      image:
        'registry.example/edge:4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      privileged: false,
      hostPid: false,
      hostNetwork: true,
      hostUts: true,
      hostUserns: false,
      seccomp: 'runtime/default',
      apparmor: 'unconfined',
      selinux: { type: 'container_t', level: 's0:c1,c2' },
      noNewPrivileges: true,
      readOnlyRootfs: true,
      memoryLimit: 1.5 * 1024 ** 3,
      cpuLimit: 1.5,
      restartPolicy: { name: 'Always' },
      healthcheck: true,
      user: '1000:3000',
    });
    assert.deepEqual(
      [edge!.seccomp!.at.jsonPath, edge!.seccomp!.at.line, edge!.capAdd[1]!.at.jsonPath],
      [
        '$.spec.template.spec.containers[0].securityContext.seccompProfile.type',
        47,
        '$.spec.template.spec.containers[0].securityContext.capabilities.add[1]',
      ],
    );
    // The helper inherits the pod's seccomp, SELinux and user, and takes AppArmor from the annotation.
    assert.deepEqual(
      [
        helper!.seccomp,
        helper!.apparmor!.value,
        helper!.user!.value,
        helper!.memoryLimit!.value,
        helper!.cpuLimit!.value,
      ],
      [
        {
          value: 'localhost/profiles/edge.json',
          at: {
            file: read.pods[0]!.file,
            jsonPath: '$.spec.template.spec.securityContext.seccompProfile.type',
            line: 24,
          },
        },
        'localhost/edge-helper',
        '2000:3000',
        64e6,
        0.25,
      ],
    );
    assert.equal(
      helper!.apparmor!.at.jsonPath,
      '$.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/helper"]',
    );
    assert.deepEqual(
      helper!.mounts.map((m) => m.value.hostPath),
      ['/run/edge/'],
    );
    assert.equal(helper!.privileged, undefined);
    assert.equal(helper!.noNewPrivileges, undefined);
    assert.equal(
      helper!.healthcheck?.at.jsonPath,
      '$.spec.template.spec.containers[1].readinessProbe',
    );
    // A sidecar's own restartPolicy wins over the pod's.
    assert.equal(
      proxy!.restartPolicy!.at.jsonPath,
      '$.spec.template.spec.initContainers[0].restartPolicy',
    );
    assert.equal(proxy!.healthcheck, undefined);
    assert.equal(
      debuggerContainer!.container.at.jsonPath,
      '$.spec.template.spec.ephemeralContainers[0]',
    );
  });

  it('leaves hostUserns to the runtime default when hostUsers is not written', () => {
    const read = readText(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: true\n  containers: [{name: a}]\n',
    );
    assert.equal(read!.containers[0]!.hostUserns?.value, true);
    const unset = readText(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n',
    );
    assert.equal(unset!.containers[0]!.hostUserns, undefined);
  });

  it('names unnamed objects and containers, and skips workloads without a pod spec (patches, fragments)', () => {
    const read = readText(
      [
        'apiVersion: v1\nkind: Pod\nmetadata: {generateName: job-}\nspec:\n  containers: [{image: busybox}]',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: patch}\nspec: {replicas: 3}',
      ].join('\n---\n'),
    );
    assert.deepEqual(
      read!.pods.map((p) => p.resource),
      [{ kind: 'Pod', name: 'job-*' }],
    );
    assert.equal(read!.containers[0]!.container.name, 'containers[0]');
  });

  it('refuses fields of the wrong type with the file, line and JSON path', () => {
    const bad = (text: string, message: string) =>
      assert.throws(
        () => readText(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${text}`),
        (err: unknown) => err instanceof InputError && err.message === `manifest.yaml: ${message}`,
      );
    bad(
      '  containers:\n    - name: a\n      securityContext: {privileged: "yes"}\n',
      'line 7: $.spec.containers[0].securityContext.privileged must be true or false, found "yes"',
    );
    bad('  containers: {name: a}\n', 'line 5: $.spec.containers must be a list, found a map');
    bad('  containers:\n    - null\n', 'line 6: $.spec.containers[0] must be a map, found null');
    bad(
      '  containers:\n    - name: a\n      resources: {limits: {memory: lots}}\n',
      'line 7: $.spec.containers[0].resources.limits.memory is not a Kubernetes quantity: "lots"',
    );
  });
});
