import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCKER_DEFAULT_CAPABILITIES } from './capabilities.js';
import { configFixture } from './config-fixture.js';
import { isLxcConfig, readLxc } from './lxc.js';

describe('readLxc', () => {
  it('reads every field of a privileged CI container that shares the host', () => {
    const fx = configFixture('lxc', 'fail-build-runner/config');
    const read = readLxc(fx.text, fx.file);
    assert.equal(read?.kind, 'lxc');
    assert.deepEqual(read?.pods, []);
    const at = (needle: string, jsonPath: string) => fx.at(fx.line(needle), jsonPath);
    const auto = at('lxc.mount.auto', '$["lxc.mount.auto"]');
    assert.deepEqual(read?.containers, [
      {
        input: 'lxc',
        file: fx.file,
        resource: { kind: 'container', name: 'build-runner' },
        container: { name: 'build-runner', at: at('lxc.uts.name', '$["lxc.uts.name"]') },
        // `lxc.cap.drop =` forgets the drops common.conf made; nothing is dropped here.
        capAdd: [],
        capDrop: [],
        hostPid: {
          value: true,
          at: at('lxc.namespace.share.pid = 1', '$["lxc.namespace.share.pid"]'),
        },
        hostIpc: { value: true, at: at('lxc.namespace.keep = ipc', '$["lxc.namespace.keep"]') },
        hostNetwork: { value: true, at: at('lxc.net.0.type = none', '$["lxc.net.0.type"]') },
        // No lxc.idmap: a privileged container, root in it is root on the host.
        hostUserns: { value: true, at: fx.at(undefined, '$["lxc.idmap"]') },
        mounts: [
          {
            value: { hostPath: '/dev/kvm', target: '/dev/kvm', kind: 'device' },
            at: at('/dev/kvm dev/kvm', '$["lxc.mount.entry"][2]'),
          },
          { value: { target: '/proc', kind: 'other', readOnly: false }, at: auto },
          {
            value: {
              hostPath: '/srv/builds',
              target: '/srv/builds',
              kind: 'bind',
              propagation: 'rshared',
            },
            at: at('/srv/builds srv/builds', '$["lxc.mount.entry"][1]'),
          },
          { value: { target: '/sys', kind: 'other', readOnly: false }, at: auto },
          { value: { target: '/sys/fs/cgroup', kind: 'other', readOnly: false }, at: auto },
          {
            value: {
              hostPath: '/var/run/docker.sock',
              target: '/var/run/docker.sock',
              kind: 'bind',
            },
            at: at('/var/run/docker.sock var/run', '$["lxc.mount.entry"][0]'),
          },
        ],
        seccomp: {
          value: 'unconfined',
          at: at('lxc.seccomp.profile =', '$["lxc.seccomp.profile"]'),
        },
        apparmor: {
          value: 'unconfined',
          at: at('lxc.apparmor.profile', '$["lxc.apparmor.profile"]'),
        },
        ports: [],
        devices: [{ value: '/dev/kvm', at: at('/dev/kvm dev/kvm', '$["lxc.mount.entry"][2]') }],
        sysctls: [
          {
            value: { name: 'net.ipv4.ip_forward', value: '1' },
            at: at('lxc.sysctl.net.ipv4.ip_forward', '$["lxc.sysctl.net.ipv4.ip_forward"]'),
          },
        ],
      },
    ]);
  });

  it('reads an unprivileged, confined container: id maps, drops, labels, limits, user', () => {
    const fx = configFixture('lxc', 'pass-web-01/config');
    const spec = readLxc(fx.text, fx.file)!.containers[0]!;
    const at = (needle: string, jsonPath: string) => fx.at(fx.line(needle), jsonPath);
    assert.deepEqual(spec.hostUserns, { value: false, at: at('u 0 100000', '$["lxc.idmap"][0]') });
    assert.deepEqual(spec.hostNetwork, {
      value: false,
      at: at('lxc.net.0.type = veth', '$["lxc.net.0.type"]'),
    });
    assert.equal(spec.hostPid, undefined);
    assert.deepEqual(
      spec.capDrop.map((c) => [c.value, c.at.line, c.at.jsonPath]),
      [
        ['MAC_ADMIN', fx.line('mac_admin'), '$["lxc.cap.drop"][1]'],
        ['MAC_OVERRIDE', fx.line('mac_admin'), '$["lxc.cap.drop"][1]'],
        ['SYS_MODULE', fx.line('sys_module'), '$["lxc.cap.drop"][0]'],
        ['SYS_RAWIO', fx.line('sys_module'), '$["lxc.cap.drop"][0]'],
        ['SYS_TIME', fx.line('sys_module'), '$["lxc.cap.drop"][0]'],
      ],
    );
    assert.deepEqual(spec.seccomp, {
      value: '/usr/share/lxc/config/common.seccomp',
      at: at('lxc.seccomp.profile', '$["lxc.seccomp.profile"]'),
    });
    assert.deepEqual(spec.apparmor?.value, 'generated');
    assert.deepEqual(spec.selinux, {
      value: { user: 'system_u', role: 'system_r', type: 'lxc_t', level: 's0:c22' },
      at: at('lxc.selinux.context', '$["lxc.selinux.context"]'),
    });
    assert.deepEqual(spec.noNewPrivileges, {
      value: true,
      at: at('lxc.no_new_privs', '$["lxc.no_new_privs"]'),
    });
    assert.deepEqual(spec.readOnlyRootfs, {
      value: true,
      at: at('lxc.rootfs.options', '$["lxc.rootfs.options"]'),
    });
    assert.deepEqual(spec.memoryLimit, {
      value: 512 * 1024 ** 2,
      at: at('memory.max', '$["lxc.cgroup2.memory.max"]'),
    });
    assert.deepEqual(spec.pidsLimit, {
      value: 256,
      at: at('pids.max', '$["lxc.cgroup2.pids.max"]'),
    });
    assert.deepEqual(spec.cpuLimit, { value: 1.5, at: at('cpu.max', '$["lxc.cgroup2.cpu.max"]') });
    assert.deepEqual(spec.user, {
      value: '1000:1000',
      at: at('lxc.init.uid', '$["lxc.init.uid"]'),
    });
    assert.deepEqual(
      spec.mounts.map((m) => m.value),
      [
        { target: '/proc', kind: 'other', readOnly: false },
        { target: '/proc/sys', kind: 'other', readOnly: true },
        { hostPath: '/srv/web-01/data', target: '/srv/data', kind: 'bind', readOnly: true },
        { target: '/sys', kind: 'other', readOnly: true },
        { target: '/sys/fs/cgroup', kind: 'other', readOnly: true },
        { target: '/tmp', kind: 'tmpfs' },
      ],
    );
    assert.deepEqual(spec.devices, []);
    assert.deepEqual(
      spec.sysctls.map((s) => s.value),
      [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }],
    );
  });

  it('judges lxc.cap.keep against the default set, and reads cgroup v1 limits and legacy keys', () => {
    const text = [
      'lxc.cap.keep = chown setuid setgid',
      'lxc.cap.keep = sys_admin',
      'lxc.aa_profile = lxc-container-default',
      'lxc.id_map = u 0 0 65536',
      'lxc.cgroup.memory.limit_in_bytes = 1G',
      'lxc.cgroup.cpu.cfs_quota_us = 50000',
      'lxc.cgroup.cpu.cfs_period_us = 200000',
      'lxc.namespace.clone = mnt pid uts ipc user',
      '',
    ].join('\n');
    const spec = readLxc(text, '/var/lib/lxc/legacy/config')!.containers[0]!;
    assert.equal(spec.resource.name, 'legacy');
    assert.deepEqual(spec.capAdd, [
      {
        value: 'SYS_ADMIN',
        at: { file: '/var/lib/lxc/legacy/config', line: 2, jsonPath: '$["lxc.cap.keep"][1]' },
      },
    ]);
    assert.deepEqual(
      spec.capDrop.map((c) => [c.value, c.at.line]),
      DOCKER_DEFAULT_CAPABILITIES.filter((c) => !['CHOWN', 'SETUID', 'SETGID'].includes(c)).map(
        (c) => [c, 1],
      ),
    );
    assert.equal(spec.apparmor?.value, 'lxc-container-default');
    // Container root mapped onto host root.
    assert.deepEqual(spec.hostUserns, {
      value: true,
      at: { file: '/var/lib/lxc/legacy/config', line: 4, jsonPath: '$["lxc.id_map"]' },
    });
    assert.equal(spec.memoryLimit?.value, 1024 ** 3);
    assert.equal(spec.cpuLimit?.value, 0.25);
    // `net` is not cloned: the host's network namespace.
    assert.deepEqual(
      [spec.hostNetwork?.value, spec.hostPid?.value, spec.hostIpc?.value],
      [true, false, false],
    );
  });

  it('refuses an unreadable limit with its line', () => {
    assert.throws(
      () => readLxc('lxc.uts.name = x\nlxc.cgroup2.pids.max = plenty\n', 'x.conf'),
      /x\.conf: line 2: lxc\.cgroup2\.pids\.max: "plenty" is not a number of processes/,
    );
  });

  it('is detected from lines of lxc. keys only', () => {
    assert.equal(isLxcConfig('# comment\n\nlxc.uts.name = a\n  lxc.arch = linux64\n'), true);
    assert.equal(isLxcConfig('# only comments\n'), false);
    assert.equal(isLxcConfig('lxc.uts.name = a\nservices:\n'), false);
    assert.equal(readLxc('services:\n  web: {}\n', 'c.yaml'), undefined);
  });
});
