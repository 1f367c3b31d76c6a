import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCKER_DEFAULT_CAPABILITIES } from './capabilities.js';
import { buildRuntimeConfig, type RuntimeConfigInput } from './runtime-config.js';

const input: RuntimeConfigInput = {
  rootPath: '/var/lib/seawall/containers/web/rootfs',
  readOnly: false,
  args: ['nginx', '-g', 'daemon off;'],
  env: ['PATH=/usr/bin:/bin'],
  cwd: '/',
  user: { uid: 0, gid: 0, additionalGids: [], home: '/root' },
  hostname: 'web',
  capabilities: [...DOCKER_DEFAULT_CAPABILITIES],
  networkNamespace: '/run/netns/sw-web',
  etcFiles: { hosts: '/s/hosts', hostname: '/s/hostname' },
  cgroupsPath: '/seawall/web',
  annotations: {
    'org.opencontainers.image.ref.name': 'oci:x:web',
    'io.seawall.image.config-digest': 'sha256:1',
  },
};

describe('buildRuntimeConfig', () => {
  it("gives a root process Docker's capabilities, no-new-privileges, masked paths and namespaces", () => {
    const spec = buildRuntimeConfig(input);
    assert.equal(spec.ociVersion, '1.0.2');
    assert.equal(spec.process.noNewPrivileges, true);
    assert.deepEqual(spec.process.capabilities.effective, [...DOCKER_DEFAULT_CAPABILITIES]);
    assert.deepEqual(spec.process.capabilities.inheritable, []);
    assert.deepEqual(
      spec.linux.namespaces.map((n) => n.path ?? n.type),
      ['pid', 'ipc', 'uts', 'mount', '/run/netns/sw-web'],
    );
    assert.ok(spec.linux.maskedPaths.includes('/proc/kcore'));
    assert.ok(spec.linux.readonlyPaths.includes('/proc/sys'));
    assert.deepEqual(
      spec.mounts.map((m) => m.destination),
      [
        '/proc',
        '/dev',
        '/dev/pts',
        '/sys',
        '/sys/fs/cgroup',
        '/dev/mqueue',
        '/dev/shm',
        '/etc/hostname',
        '/etc/hosts',
      ],
    );
    assert.ok(spec.mounts.find((m) => m.destination === '/sys')?.options?.includes('ro'));
    assert.deepEqual(Object.keys(spec.annotations), [
      'io.seawall.image.config-digest',
      'org.opencontainers.image.ref.name',
    ]);
    assert.equal(spec.linux.seccomp, undefined);
    assert.equal(spec.hooks, undefined);
  });

  it('gives a non-root process the bounding set only, and shares the host network without a namespace path', () => {
    const spec = buildRuntimeConfig({
      ...input,
      user: { uid: 33, gid: 33, additionalGids: [4], home: '/var/www' },
      networkNamespace: undefined,
      readOnly: true,
    });
    assert.deepEqual(spec.process.user, { uid: 33, gid: 33, additionalGids: [4] });
    assert.deepEqual(spec.process.capabilities.effective, []);
    assert.deepEqual(spec.process.capabilities.permitted, []);
    assert.equal(spec.process.capabilities.bounding.length, 14);
    assert.ok(!spec.linux.namespaces.some((n) => n.type === 'network'));
    assert.equal(spec.root.readonly, true);
    assert.ok(spec.mounts.find((m) => m.destination === '/etc/hosts')?.options?.includes('ro'));
  });
});
