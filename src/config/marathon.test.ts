import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFixture } from './config-fixture.js';
import { parseDocuments } from './documents.js';
import { readMarathon } from './marathon.js';

describe('readMarathon', () => {
  it('reads every app of a group, nested groups included, with ids resolved against their group', () => {
    const fx = configFixture('marathon', 'fail-shop-group.json');
    const read = readMarathon(fx.docs(), fx.file);
    assert.equal(read?.kind, 'marathon');
    assert.deepEqual(read?.pods, []);
    const at = (needle: string, jsonPath: string, nth?: number) =>
      fx.at(fx.line(needle, nth), jsonPath);
    const [proxy, agent] = read!.containers;
    const P = '$.apps[0]';
    assert.deepEqual(proxy, {
      input: 'marathon',
      file: fx.file,
      resource: { kind: 'app', name: '/shop/edge-proxy' },
      container: { name: 'edge-proxy', at: at('"id": "edge-proxy"', `${P}.id`) },
      image: {
        value: 'nginx:1.25',
        at: at('"image": "nginx:1.25"', `${P}.container.docker.image`),
      },
      privileged: {
        value: false,
        at: at('"privileged": false', `${P}.container.docker.privileged`),
      },
      capAdd: [
        { value: 'NET_ADMIN', at: at('"NET_ADMIN"', `${P}.container.docker.parameters[0].value`) },
      ],
      capDrop: [],
      hostNetwork: { value: false, at: at('"network": "BRIDGE"', `${P}.container.docker.network`) },
      mounts: [
        {
          value: {
            hostPath: '/etc/shop/nginx',
            target: '/etc/nginx/conf.d',
            kind: 'bind',
            readOnly: true,
          },
          at: at('"/etc/nginx/conf.d"', `${P}.container.volumes[0]`),
        },
      ],
      seccomp: {
        value: 'unconfined',
        at: at('seccomp=unconfined', `${P}.container.docker.parameters[1].value`),
      },
      memoryLimit: { value: 256 * 1024 * 1024, at: at('"mem": 256', `${P}.mem`) },
      cpuLimit: { value: 0.5, at: at('"cpus": 0.5', `${P}.cpus`) },
      ports: [
        {
          value: { containerPort: 80, hostPort: 80, protocol: 'tcp' },
          at: at('"containerPort": 80,', `${P}.container.docker.portMappings[0]`),
        },
        {
          value: { containerPort: 443, hostPort: 0, protocol: 'tcp' },
          at: at('"containerPort": 443', `${P}.container.docker.portMappings[1]`),
        },
        // No hostPort on the bridge network: Mesos picks one.
        {
          value: { containerPort: 9113, hostPort: 0, protocol: 'tcp' },
          at: at('"containerPort": 9113', `${P}.container.docker.portMappings[2]`),
        },
      ],
      devices: [],
      healthcheck: { value: false, at: at('"healthChecks": []', `${P}.healthChecks`) },
      sysctls: [
        {
          value: { name: 'net.core.somaxconn', value: '4096' },
          at: at('net.core.somaxconn=4096', `${P}.container.docker.parameters[2].value`),
        },
      ],
    });

    const A = '$.groups[0].apps[0]';
    const param = (i: number, needle: string) =>
      at(needle, `${A}.container.docker.parameters[${i}].value`);
    assert.deepEqual(agent, {
      input: 'marathon',
      file: fx.file,
      resource: { kind: 'app', name: '/shop/monitoring/node-agent' },
      container: { name: 'node-agent', at: at('"/shop/monitoring/node-agent"', `${A}.id`) },
      image: {
        value: 'quay.io/acme/node-agent:latest',
        at: at('node-agent:latest', `${A}.container.docker.image`),
      },
      privileged: { value: true, at: at('"privileged": true', `${A}.container.docker.privileged`) },
      capAdd: [{ value: 'SYS_ADMIN', at: param(4, '"SYS_ADMIN"') }],
      capDrop: [{ value: 'MKNOD', at: param(5, '"MKNOD"') }],
      hostPid: { value: true, at: param(0, '"key": "pid"') },
      hostIpc: { value: true, at: param(1, '"key": "ipc"') },
      hostUts: { value: true, at: param(2, '"key": "uts"') },
      hostNetwork: { value: true, at: at('"network": "HOST"', `${A}.container.docker.network`) },
      hostUserns: { value: true, at: param(3, '"key": "userns"') },
      mounts: [
        {
          value: { hostPath: '/', target: '/host', kind: 'bind', readOnly: false },
          at: at('"containerPath": "/host"', `${A}.container.volumes[0]`),
        },
        {
          value: { hostPath: '/var/run/docker.sock', target: '/var/run/docker.sock', kind: 'bind' },
          at: param(9, '/var/run/docker.sock:'),
        },
      ],
      apparmor: { value: 'unconfined', at: param(6, 'apparmor=unconfined') },
      selinux: { value: { disabled: true }, at: param(7, 'label=disable') },
      memoryLimit: { value: 128 * 1024 * 1024, at: at('"mem": 128', `${A}.mem`) },
      cpuLimit: { value: 0.25, at: at('"cpus": 0.25', `${A}.cpus`) },
      ports: [],
      devices: [{ value: '/dev/kmsg', at: param(8, '"/dev/kmsg"') }],
      user: { value: 'root', at: at('"user": "root"', `${A}.user`) },
      sysctls: [],
    });
  });

  it('reads a Marathon 1.5 app: networks, container.portMappings, docker parameters and health checks', () => {
    const fx = configFixture('marathon', 'pass-shop-api.json');
    const [api] = readMarathon(fx.docs(), fx.file)!.containers;
    const at = (needle: string, jsonPath: string) => fx.at(fx.line(needle), jsonPath);
    const param = (i: number, needle: string) =>
      at(needle, `$.container.docker.parameters[${i}].value`);
    assert.deepEqual(api?.resource, { kind: 'app', name: '/shop/api' });
    assert.equal(api?.container.name, 'api');
    assert.deepEqual(api?.hostNetwork, {
      value: false,
      at: at('"container/bridge"', '$.networks[0].mode'),
    });
    assert.deepEqual(api?.capDrop, [{ value: 'ALL', at: param(0, '"ALL"') }]);
    assert.deepEqual(api?.readOnlyRootfs, { value: true, at: param(1, '"read-only"') });
    assert.deepEqual(api?.noNewPrivileges, { value: true, at: param(2, 'no-new-privileges:true') });
    assert.deepEqual(api?.pidsLimit, { value: 200, at: param(3, '"pids-limit"') });
    assert.deepEqual(api?.user, { value: '10001:10001', at: param(4, '"10001:10001"') });
    assert.deepEqual(api?.mounts, [
      { value: { target: '/tmp', kind: 'tmpfs' }, at: param(5, '"tmpfs"') },
      {
        value: { target: 'data', kind: 'volume', readOnly: false },
        at: at('"persistent"', '$.container.volumes[0]'),
      },
    ]);
    assert.deepEqual(api?.ports, [
      {
        value: { containerPort: 8080, hostPort: 0, protocol: 'tcp' },
        at: at('"containerPort": 8080', '$.container.portMappings[0]'),
      },
    ]);
    assert.deepEqual(api?.healthcheck, { value: true, at: at('"healthChecks"', '$.healthChecks') });
    assert.deepEqual(api?.memoryLimit?.value, 256 * 1024 * 1024);
  });

  it('reads the `{app}` and `{apps}` answers of the REST API, parameters overriding app fields', () => {
    const single = JSON.stringify({
      app: {
        id: '/tools/cli',
        cmd: 'sleep 3600',
        mem: 64,
        container: {
          type: 'DOCKER',
          docker: {
            image: 'alpine:3.19',
            parameters: [
              { key: '--memory', value: '32m' },
              { key: 'net', value: 'host' },
              { key: 'publish', value: '127.0.0.1:8080:80' },
              { key: 'no-healthcheck', value: 'true' },
              { key: 'restart', value: 'on-failure:3' },
            ],
          },
        },
      },
    });
    const [cli] = readMarathon(parseDocuments(single, 'app.json'), 'app.json')!.containers;
    assert.equal(cli?.resource.name, '/tools/cli');
    assert.deepEqual(cli?.memoryLimit, {
      value: 32 * 1024 * 1024,
      at: { file: 'app.json', line: 1, jsonPath: '$.app.container.docker.parameters[0].value' },
    });
    assert.equal(cli?.hostNetwork?.value, true);
    assert.deepEqual(
      cli?.ports.map((p) => p.value),
      [{ containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1' }],
    );
    assert.equal(cli?.healthcheck?.value, false);
    assert.deepEqual(cli?.restartPolicy?.value, { name: 'on-failure', maxRetries: 3 });

    const list = JSON.stringify({
      apps: [
        { id: '/a', cmd: 'true' },
        { id: '/b/c', cmd: 'true' },
      ],
    });
    assert.deepEqual(
      readMarathon(parseDocuments(list, 'apps.json'), 'apps.json')?.containers.map(
        (c) => c.resource.name,
      ),
      ['/a', '/b/c'],
    );
  });

  it('refuses an unreadable parameter with its line, and is not a document of another kind', () => {
    const bad =
      '{\n  "id": "/x",\n  "container": {"docker": {"parameters": [\n    {"key": "pids-limit", "value": "many"}\n  ]}}\n}\n';
    assert.throws(
      () => readMarathon(parseDocuments(bad, 'x.json'), 'x.json'),
      /x\.json: line 4: \$\.container\.docker\.parameters\[0\]\.value: "many" is not a number/,
    );
    assert.equal(
      readMarathon(parseDocuments('{"id": "x", "name": "y"}', 'o.json'), 'o.json'),
      undefined,
    );
    assert.equal(
      readMarathon(parseDocuments('{"apps": [{"name": "x"}]}', 'o.json'), 'o.json'),
      undefined,
    );
    assert.equal(
      readMarathon(parseDocuments('services:\n  web: {}\n', 'c.yaml'), 'c.yaml'),
      undefined,
    );
  });
});
