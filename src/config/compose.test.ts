import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCompose, withDefaults } from './compose.js';
import { configFixture } from './config-fixture.js';
import { parseDocuments } from './documents.js';

describe('readCompose', () => {
  const fx = configFixture('compose', 'fail-shop.compose.yaml');
  const read = readCompose(fx.docs(), fx.file);
  const service = (name: string) => read!.containers.find((c) => c.resource.name === name)!;
  const at = (needle: string, jsonPath: string, nth?: number) =>
    fx.at(fx.line(needle, nth), jsonPath);

  it('reads one container per service, in the order written', () => {
    assert.equal(read?.kind, 'compose');
    assert.deepEqual(read?.pods, []);
    assert.deepEqual(
      read?.containers.map((c) => [c.input, c.resource, c.container.name]),
      [
        ['compose', { kind: 'service', name: 'proxy' }, 'shop-proxy'],
        ['compose', { kind: 'service', name: 'agent' }, 'agent'],
        ['compose', { kind: 'service', name: 'db' }, 'db'],
        ['compose', { kind: 'service', name: 'app' }, 'app'],
      ],
    );
  });

  it('reads short-syntax ports and volumes, merged-in settings, map sysctls and a disabled health check', () => {
    const S = '$.services.proxy';
    const merge = fx.line('<<: *common');
    assert.deepEqual(service('proxy'), {
      input: 'compose',
      file: fx.file,
      resource: { kind: 'service', name: 'proxy' },
      container: {
        name: 'shop-proxy',
        at: at('container_name: shop-proxy', `${S}.container_name`),
      },
      image: { value: 'nginx:1.25', at: at('image: nginx:1.25', `${S}.image`) },
      capAdd: [{ value: 'NET_ADMIN', at: at('- NET_ADMIN', `${S}.cap_add[0]`) }],
      capDrop: [],
      mounts: [
        {
          value: {
            hostPath: './nginx.conf',
            target: '/etc/nginx/nginx.conf',
            kind: 'bind',
            readOnly: true,
          },
          at: at('./nginx.conf:', `${S}.volumes[0]`),
        },
        {
          value: { target: '/usr/share/nginx/html', kind: 'volume' },
          at: at('- static:', `${S}.volumes[2]`),
        },
        {
          value: { hostPath: '/var/run/docker.sock', target: '/var/run/docker.sock', kind: 'bind' },
          at: at('- /var/run/docker.sock', `${S}.volumes[1]`),
        },
      ],
      // From `<<: *common`: located where the anchor is merged into the service.
      seccomp: { value: 'unconfined', at: fx.at(merge, `${S}["<<"].security_opt[0]`) },
      restartPolicy: { value: { name: 'always' }, at: fx.at(merge, `${S}["<<"].restart`) },
      ports: [
        { value: { containerPort: 80, hostPort: 80 }, at: at('"80:80"', `${S}.ports[0]`) },
        { value: { containerPort: 443, hostPort: 443 }, at: at('"443:443"', `${S}.ports[1]`) },
        { value: { containerPort: 3000, hostPort: 0 }, at: at('"3000"', `${S}.ports[4]`) },
        {
          value: { containerPort: 8404, hostPort: 8404, hostIp: '127.0.0.1', protocol: 'udp' },
          at: at('8404/udp', `${S}.ports[2]`),
        },
        {
          value: { containerPort: 9000, hostPort: 9000 },
          at: at('"9000-9001:9000-9001"', `${S}.ports[3]`),
        },
        {
          value: { containerPort: 9001, hostPort: 9001 },
          at: at('"9000-9001:9000-9001"', `${S}.ports[3]`),
        },
        { value: { containerPort: 9113, hostPort: 9113 }, at: at('METRICS_PORT', `${S}.ports[5]`) },
      ],
      devices: [],
      healthcheck: { value: false, at: at('disable: true', `${S}.healthcheck.disable`) },
      sysctls: [
        {
          value: { name: 'net.core.somaxconn', value: '1024' },
          at: at('net.core.somaxconn', `${S}.sysctls["net.core.somaxconn"]`),
        },
        {
          value: { name: 'net.ipv4.tcp_syncookies', value: '0' },
          at: at('net.ipv4.tcp_syncookies', `${S}.sysctls["net.ipv4.tcp_syncookies"]`),
        },
      ],
    });
  });

  it('reads host namespaces, long-syntax binds with propagation, security options, devices and restart retries', () => {
    const S = '$.services.agent';
    assert.deepEqual(service('agent'), {
      input: 'compose',
      file: fx.file,
      resource: { kind: 'service', name: 'agent' },
      container: { name: 'agent', at: at('  agent:', S) },
      image: { value: 'quay.io/acme/node-agent:latest', at: at('node-agent:latest', `${S}.image`) },
      privileged: { value: true, at: at('privileged: true', `${S}.privileged`) },
      capAdd: [{ value: 'ALL', at: at('- ALL', `${S}.cap_add[0]`) }],
      capDrop: [],
      hostPid: { value: true, at: at('pid: host', `${S}.pid`) },
      hostIpc: { value: true, at: at('ipc: host', `${S}.ipc`) },
      hostUts: { value: true, at: at('uts: host', `${S}.uts`) },
      hostNetwork: { value: true, at: at('network_mode: host', `${S}.network_mode`) },
      hostUserns: { value: true, at: at('userns_mode: host', `${S}.userns_mode`) },
      mounts: [
        {
          value: {
            hostPath: '/',
            target: '/host',
            kind: 'bind',
            readOnly: true,
            propagation: 'rslave',
          },
          at: at('- type: bind', `${S}.volumes[0]`, 0),
        },
        {
          value: {
            hostPath: '/sys/fs/cgroup',
            target: '/sys/fs/cgroup',
            kind: 'bind',
            propagation: 'rshared',
          },
          at: at('- type: bind', `${S}.volumes[1]`, 1),
        },
      ],
      apparmor: { value: 'unconfined', at: at('apparmor:unconfined', `${S}.security_opt[0]`) },
      selinux: { value: { disabled: true }, at: at('label:disable', `${S}.security_opt[1]`) },
      noNewPrivileges: { value: false, at: at('no-new-privileges:false', `${S}.security_opt[2]`) },
      ports: [],
      devices: [
        { value: '/dev/fuse', at: at('"/dev/fuse"', `${S}.devices[1]`) },
        { value: '/dev/kmsg', at: at('/dev/kmsg:/dev/kmsg', `${S}.devices[0]`) },
      ],
      restartPolicy: {
        value: { name: 'on-failure', maxRetries: 10 },
        at: at('on-failure:10', `${S}.restart`),
      },
      user: { value: 'root', at: at('user: root', `${S}.user`) },
      sysctls: [],
    });
  });

  it('reads long-syntax ports, service-level limits, list sysctls, tmpfs volumes and restart "no"', () => {
    const S = '$.services.db';
    const db = service('db');
    assert.deepEqual(db.ports, [
      {
        value: { containerPort: 5432, hostPort: 5432, hostIp: '0.0.0.0', protocol: 'tcp' },
        at: at('- target: 5432', `${S}.ports[0]`),
      },
    ]);
    assert.deepEqual(db.memoryLimit, {
      value: 1024 ** 3,
      at: at('mem_limit: 1g', `${S}.mem_limit`),
    });
    assert.deepEqual(db.cpuLimit, { value: 1.5, at: at('cpus: 1.5', `${S}.cpus`) });
    assert.equal(db.pidsLimit, undefined); // -1: no limit
    assert.deepEqual(db.mounts, [
      {
        value: { target: '/run/postgresql', kind: 'tmpfs' },
        at: at('- type: tmpfs', `${S}.volumes[1]`),
      },
      {
        value: { target: '/var/lib/postgresql/data', kind: 'volume' },
        at: at('- db-data:', `${S}.volumes[0]`),
      },
    ]);
    assert.deepEqual(db.sysctls, [
      {
        value: { name: 'net.ipv4.tcp_keepalive_time', value: '600' },
        at: at('net.ipv4.tcp_keepalive_time=600', `${S}.sysctls[0]`),
      },
    ]);
    assert.deepEqual(db.readOnlyRootfs, {
      value: false,
      at: at('read_only: false', `${S}.read_only`),
    });
    assert.deepEqual(db.restartPolicy, {
      value: { name: 'no' },
      at: at('restart: "no"', `${S}.restart`),
    });
    assert.equal(db.privileged, undefined);
    assert.equal(db.hostNetwork, undefined);
  });

  it('fills in variable defaults, skips what only the environment knows, and reads test: ["NONE"]', () => {
    const app = service('app');
    assert.equal(app.image?.value, 'registry.example.com/shop/app:latest');
    assert.deepEqual(app.ports, []); // "${APP_PORT}:8080"
    assert.deepEqual(app.healthcheck, {
      value: false,
      at: at('test: ["NONE"]', '$.services.app.healthcheck.test'),
    });
  });

  it('reads a Swarm stack file: deploy limits and restart policy, tmpfs, cap_drop ALL', () => {
    const stack = configFixture('compose', 'pass-shop.stack.yml');
    const [api, worker] = readCompose(stack.docs(), stack.file)!.containers;
    const S = '$.services.api';
    const sat = (needle: string, jsonPath: string, nth?: number) =>
      stack.at(stack.line(needle, nth), jsonPath);
    assert.deepEqual(api?.capDrop, [{ value: 'ALL', at: sat('- ALL', `${S}.cap_drop[0]`, 0) }]);
    assert.deepEqual(api?.capAdd, [
      { value: 'NET_BIND_SERVICE', at: sat('- NET_BIND_SERVICE', `${S}.cap_add[0]`) },
    ]);
    assert.deepEqual(api?.noNewPrivileges, {
      value: true,
      at: sat('no-new-privileges:true', `${S}.security_opt[0]`, 0),
    });
    assert.deepEqual(api?.readOnlyRootfs, {
      value: true,
      at: sat('read_only: true', `${S}.read_only`, 0),
    });
    assert.deepEqual(api?.mounts, [
      { value: { target: '/tmp', kind: 'tmpfs' }, at: sat('/tmp:size=64m', `${S}.tmpfs[0]`) },
    ]);
    assert.deepEqual(api?.ports, [
      {
        value: { containerPort: 8080, hostPort: 8080, protocol: 'tcp' },
        at: sat('- target: 8080', `${S}.ports[0]`),
      },
    ]);
    assert.deepEqual(api?.memoryLimit, {
      value: 256 * 1024 ** 2,
      at: sat('memory: 256M', `${S}.deploy.resources.limits.memory`),
    });
    assert.deepEqual(api?.cpuLimit, {
      value: 0.5,
      at: sat('cpus: "0.50"', `${S}.deploy.resources.limits.cpus`),
    });
    assert.deepEqual(api?.pidsLimit, {
      value: 200,
      at: sat('pids: 200', `${S}.deploy.resources.limits.pids`),
    });
    assert.deepEqual(api?.restartPolicy, {
      value: { name: 'on-failure', maxRetries: 3 },
      at: sat('condition: on-failure', `${S}.deploy.restart_policy.condition`),
    });
    assert.deepEqual(api?.healthcheck, {
      value: true,
      at: sat('healthcheck:', `${S}.healthcheck`, 0),
    });
    assert.deepEqual(api?.user, {
      value: '10001:10001',
      at: sat('user: "10001:10001"', `${S}.user`),
    });
    // No condition: Swarm's default, `any`, which the Engine calls `always`.
    assert.deepEqual(worker?.restartPolicy, {
      value: { name: 'always', maxRetries: 5 },
      at: sat('restart_policy:', '$.services.worker.deploy.restart_policy', 1),
    });
    assert.deepEqual(worker?.cpuLimit?.value, 1);
    assert.deepEqual(worker?.user?.value, '10002');
  });

  it('refuses an unreadable port or size with its line, and is not a Kubernetes manifest or a plain mapping', () => {
    const bad = 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80:80:80"\n';
    assert.throws(
      () => readCompose(parseDocuments(bad, 'c.yaml'), 'c.yaml'),
      /c\.yaml: line 5: \$\.services\.web\.ports\[0\]: "80:80:80:80" is not a port mapping/,
    );
    const size = 'services:\n  web:\n    mem_limit: lots\n';
    assert.throws(
      () => readCompose(parseDocuments(size, 'c.yaml'), 'c.yaml'),
      /line 3: .*"lots" is not a size/,
    );
    const k8s = 'apiVersion: v1\nkind: List\nservices:\n  web: {}\n';
    assert.equal(readCompose(parseDocuments(k8s, 'k.yaml'), 'k.yaml'), undefined);
    assert.equal(
      readCompose(parseDocuments('name: x\nvalues: {}\n', 'v.yaml'), 'v.yaml'),
      undefined,
    );
    assert.equal(
      readCompose(parseDocuments('services:\n  - web\n', 'l.yaml'), 'l.yaml'),
      undefined,
    );
  });
});

describe('withDefaults', () => {
  it('fills in defaults and escapes, and gives up on variables without a default', () => {
    assert.equal(withDefaults('${HOST:-127.0.0.1}:${PORT-8080}:80'), '127.0.0.1:8080:80');
    assert.equal(withDefaults('$$HOME'), '$HOME');
    assert.equal(withDefaults('${PORT}:80'), undefined);
    assert.equal(withDefaults('$PORT:80'), undefined);
    assert.equal(withDefaults('${PORT:?set PORT}:80'), undefined);
  });
});
