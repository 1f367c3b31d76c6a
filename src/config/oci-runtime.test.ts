import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCKER_DEFAULT_CAPABILITIES } from './capabilities.js';
import { configFixture } from './config-fixture.js';
import { parseDocuments } from './documents.js';
import { readOciRuntime } from './oci-runtime.js';

describe('readOciRuntime', () => {
  it('reads every field of a hand-edited runc bundle that shares the host', () => {
    const fx = configFixture('oci-runtime', 'fail-monitor-bundle.json');
    const read = readOciRuntime(fx.docs(), fx.file);
    assert.equal(read?.kind, 'oci-runtime');
    assert.equal(read?.containers.length, 1);
    const spec = read!.containers[0]!;
    const namespaces = fx.at(fx.line('"namespaces"'), '$.linux.namespaces');
    assert.deepEqual(spec, {
      input: 'oci-runtime',
      file: fx.file,
      resource: { kind: 'container', name: 'monitor' },
      container: { name: 'monitor', at: fx.at(fx.line('"hostname"'), '$.hostname') },
      image: {
        value: 'docker.io/library/busybox:1.36',
        at: fx.at(
          fx.line('"org.opencontainers.image.ref.name"'),
          '$.annotations["org.opencontainers.image.ref.name"]',
        ),
      },
      // Beyond Docker's defaults: where each is first listed.
      capAdd: [
        {
          value: 'NET_ADMIN',
          at: fx.at(fx.line('"CAP_NET_ADMIN"', 0), '$.process.capabilities.bounding[6]'),
        },
        {
          value: 'SYS_ADMIN',
          at: fx.at(fx.line('"CAP_SYS_ADMIN"', 0), '$.process.capabilities.bounding[13]'),
        },
        {
          value: 'SYS_PTRACE',
          at: fx.at(fx.line('"CAP_SYS_PTRACE"'), '$.process.capabilities.permitted[15]'),
        },
      ],
      capDrop: [
        { value: 'MKNOD', at: fx.at(fx.line('"bounding"'), '$.process.capabilities.bounding') },
      ],
      hostPid: { value: true, at: namespaces },
      hostIpc: {
        value: true,
        at: fx.at(fx.line('"/proc/1/ns/ipc"'), '$.linux.namespaces[0].path'),
      },
      hostUts: { value: true, at: namespaces },
      hostNetwork: { value: true, at: namespaces },
      hostUserns: { value: true, at: namespaces },
      mounts: [
        ['/dev', { target: '/dev', kind: 'tmpfs' }],
        ['/dev/mqueue', { target: '/dev/mqueue', kind: 'other' }],
        ['/dev/pts', { target: '/dev/pts', kind: 'other' }],
        ['/dev/shm', { target: '/dev/shm', kind: 'tmpfs' }],
        [
          '/lib/modules',
          {
            hostPath: '/lib/modules',
            target: '/lib/modules',
            kind: 'bind',
            readOnly: true,
            propagation: 'rshared',
          },
        ],
        ['/proc', { target: '/proc', kind: 'other' }],
        ['/sys', { target: '/sys', kind: 'other', readOnly: true }],
        ['/sys/fs/cgroup', { target: '/sys/fs/cgroup', kind: 'other', readOnly: true }],
        [
          '/var/run/docker.sock',
          {
            hostPath: '/var/run/docker.sock',
            target: '/var/run/docker.sock',
            kind: 'bind',
            readOnly: false,
          },
        ],
      ].map(([destination, value], i) => ({
        value,
        at: fx.at(
          fx.objectLine(`"destination": "${String(destination)}"`),
          `$.mounts[${[1, 4, 2, 3, 8, 0, 5, 6, 7][i]!}]`,
        ),
      })),
      seccomp: { value: 'unconfined', at: fx.at(fx.line('"linux"'), '$.linux.seccomp') },
      apparmor: {
        value: 'unconfined',
        at: fx.at(fx.line('"apparmorProfile"'), '$.process.apparmorProfile'),
      },
      selinux: {
        value: { user: 'system_u', role: 'system_r', type: 'spc_t', level: 's0' },
        at: fx.at(fx.line('"selinuxLabel"'), '$.process.selinuxLabel'),
      },
      noNewPrivileges: {
        value: false,
        at: fx.at(fx.line('"noNewPrivileges"'), '$.process.noNewPrivileges'),
      },
      readOnlyRootfs: { value: false, at: fx.at(fx.line('"readonly"'), '$.root.readonly') },
      ports: [],
      devices: [
        { value: '/dev/kvm', at: fx.at(fx.line('"path": "/dev/kvm"'), '$.linux.devices[0].path') },
      ],
      user: { value: '0:0', at: fx.at(fx.line('"uid"', 0), '$.process.user.uid') },
      sysctls: [
        {
          value: { name: 'net.ipv4.ip_forward', value: '1' },
          at: fx.at(fx.line('"net.ipv4.ip_forward"'), '$.linux.sysctl["net.ipv4.ip_forward"]'),
        },
      ],
    });
  });

  it('reads a containerd CRI config: every namespace, a seccomp filter, limits, and names from annotations', () => {
    const fx = configFixture('oci-runtime', 'pass-cri-api.json');
    const spec = readOciRuntime(fx.docs(), fx.file)!.containers[0]!;
    assert.deepEqual(spec.resource, { kind: 'container', name: 'api' });
    assert.deepEqual(
      spec.container.at,
      fx.at(
        fx.line('"io.kubernetes.cri.container-name"'),
        '$.annotations["io.kubernetes.cri.container-name"]',
      ),
    );
    assert.deepEqual(spec.image, {
      value: 'registry.example.com/shop/api:2.4.1',
      at: fx.at(
        fx.line('"io.kubernetes.cri.image-name"'),
        '$.annotations["io.kubernetes.cri.image-name"]',
      ),
    });
    assert.deepEqual(spec.capAdd, []);
    assert.deepEqual(
      spec.capDrop.map((c) => c.value),
      DOCKER_DEFAULT_CAPABILITIES.filter((c) => c !== 'NET_BIND_SERVICE'),
    );
    const ns = (type: string, i: number) => ({
      value: false,
      at: fx.at(fx.line(`"type": "${type}"`), `$.linux.namespaces[${i}].type`),
    });
    assert.deepEqual(
      [spec.hostPid, spec.hostIpc, spec.hostUts, spec.hostNetwork, spec.hostUserns],
      [ns('pid', 0), ns('ipc', 1), ns('uts', 2), ns('network', 4), ns('user', 5)],
    );
    assert.deepEqual(spec.seccomp, {
      value: 'inline profile, defaultAction SCMP_ACT_ERRNO',
      at: fx.at(fx.line('"seccomp"'), '$.linux.seccomp'),
    });
    assert.deepEqual(spec.memoryLimit, {
      value: 268435456,
      at: fx.at(fx.line('"limit": 268435456'), '$.linux.resources.memory.limit'),
    });
    assert.deepEqual(spec.cpuLimit, {
      value: 0.5,
      at: fx.at(fx.line('"quota"'), '$.linux.resources.cpu.quota'),
    });
    assert.deepEqual(spec.pidsLimit, {
      value: 256,
      at: fx.at(fx.line('"limit": 256'), '$.linux.resources.pids.limit'),
    });
    assert.deepEqual(spec.user, {
      value: '65532:65532',
      at: fx.at(fx.line('"uid"'), '$.process.user.uid'),
    });
    assert.equal(spec.readOnlyRootfs?.value, true);
    assert.equal(spec.noNewPrivileges?.value, true);
    assert.equal(spec.apparmor?.value, 'cri-containerd.apparmor.d');
    assert.deepEqual(
      spec.mounts
        .filter((m) => m.value.kind === 'bind')
        .map((m) => [m.value.target, m.value.readOnly, m.value.propagation]),
      [
        ['/dev/shm', true, undefined],
        ['/etc/shop-api', true, 'rprivate'],
      ],
    );
    assert.deepEqual(spec.devices, []);
  });

  it('judges capabilities against the set the process holds when there is no bounding set', () => {
    const text = JSON.stringify({
      ociVersion: '1.0.2',
      process: {
        capabilities: {
          effective: ['CAP_CHOWN', 'CAP_SYS_MODULE'],
          permitted: ['CAP_CHOWN', 'CAP_BPF'],
        },
      },
    });
    const spec = readOciRuntime(parseDocuments(text, 'bundle/config.json'), 'bundle/config.json')!
      .containers[0]!;
    assert.deepEqual(
      spec.capAdd.map((c) => [c.value, c.at.jsonPath]),
      [
        ['BPF', '$.process.capabilities.permitted[1]'],
        ['SYS_MODULE', '$.process.capabilities.effective[1]'],
      ],
    );
    assert.equal(spec.capDrop.length, DOCKER_DEFAULT_CAPABILITIES.length - 1);
    // No hostname, no annotations: the bundle directory names the container.
    assert.equal(spec.resource.name, 'bundle');
    // No `linux` object (a Windows or VM config): nothing is said about Linux namespaces or seccomp.
    assert.equal(spec.hostPid, undefined);
    assert.equal(spec.seccomp, undefined);
  });

  it('is not an OCI image config, a Compose file or a document without ociVersion', () => {
    const imageConfig =
      '{"architecture": "amd64", "os": "linux", "config": {"User": "app"}, "rootfs": {"type": "layers"}}';
    assert.equal(readOciRuntime(parseDocuments(imageConfig, 'c.json'), 'c.json'), undefined);
    assert.equal(
      readOciRuntime(parseDocuments('services:\n  web:\n    image: nginx\n', 'c.yaml'), 'c.yaml'),
      undefined,
    );
    assert.equal(
      readOciRuntime(parseDocuments('{"ociVersion": "1.0.0"}', 'v.json'), 'v.json'),
      undefined,
    );
  });
});
