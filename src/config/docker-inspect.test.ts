import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFixture } from './config-fixture.js';
import { parseDocuments } from './documents.js';
import { readDockerInspect } from './docker-inspect.js';

describe('readDockerInspect', () => {
  it('reads every field of a privileged host agent and a web container from `docker inspect a b`', () => {
    const fx = configFixture('docker-inspect', 'fail-node-agent-and-shop-web.json');
    const read = readDockerInspect(fx.docs(), fx.file);
    assert.ok(read);
    assert.equal(read.kind, 'docker-inspect');
    assert.deepEqual(read.pods, []);
    const [agent, web] = read.containers;
    const h0 = (field: string, nth = 0) => fx.line(`"${field}"`, nth);
    assert.deepEqual(agent, {
      input: 'docker-inspect',
      file: fx.file,
      resource: { kind: 'container', name: 'node-agent' },
      container: { name: 'node-agent', at: fx.at(fx.line('"Name": "/node-agent"'), '$[0].Name') },
      image: {
        value: 'quay.io/acme/node-agent:latest',
        at: fx.at(fx.line('"Image": "quay.io/acme/node-agent:latest"'), '$[0].Config.Image'),
      },
      privileged: {
        value: true,
        at: fx.at(fx.line('"Privileged": true'), '$[0].HostConfig.Privileged'),
      },
      capAdd: [
        { value: 'SYS_ADMIN', at: fx.at(fx.line('"SYS_ADMIN"'), '$[0].HostConfig.CapAdd[0]') },
      ],
      capDrop: [],
      hostPid: { value: true, at: fx.at(fx.line('"PidMode": "host"'), '$[0].HostConfig.PidMode') },
      hostIpc: { value: true, at: fx.at(fx.line('"IpcMode": "host"'), '$[0].HostConfig.IpcMode') },
      hostUts: { value: true, at: fx.at(fx.line('"UTSMode": "host"'), '$[0].HostConfig.UTSMode') },
      hostNetwork: {
        value: true,
        at: fx.at(fx.line('"NetworkMode": "host"'), '$[0].HostConfig.NetworkMode'),
      },
      hostUserns: {
        value: true,
        at: fx.at(fx.line('"UsernsMode": "host"'), '$[0].HostConfig.UsernsMode'),
      },
      mounts: [
        {
          value: {
            hostPath: '/',
            target: '/host',
            kind: 'bind',
            readOnly: true,
            propagation: 'rslave',
          },
          at: fx.at(fx.objectLine('"Destination": "/host"'), '$[0].Mounts[0]'),
        },
        {
          value: {
            hostPath: '/var/run/docker.sock',
            target: '/var/run/docker.sock',
            kind: 'bind',
            readOnly: false,
            propagation: 'rprivate',
          },
          at: fx.at(fx.objectLine('"Destination": "/var/run/docker.sock"'), '$[0].Mounts[1]'),
        },
      ],
      seccomp: {
        value: 'unconfined',
        at: fx.at(fx.line('"seccomp=unconfined"'), '$[0].HostConfig.SecurityOpt[1]'),
      },
      apparmor: {
        value: 'unconfined',
        at: fx.at(fx.line('"apparmor=unconfined"'), '$[0].HostConfig.SecurityOpt[2]'),
      },
      selinux: {
        value: { disabled: true },
        at: fx.at(fx.line('"label=disable"'), '$[0].HostConfig.SecurityOpt[0]'),
      },
      readOnlyRootfs: {
        value: false,
        at: fx.at(h0('ReadonlyRootfs', 0), '$[0].HostConfig.ReadonlyRootfs'),
      },
      ports: [],
      devices: [
        {
          value: '/dev/kmsg',
          at: fx.at(fx.line('"PathOnHost": "/dev/kmsg"'), '$[0].HostConfig.Devices[0].PathOnHost'),
        },
      ],
      restartPolicy: {
        value: { name: 'always' },
        at: fx.at(fx.line('"Name": "always"'), '$[0].HostConfig.RestartPolicy.Name'),
      },
      user: { value: '', at: fx.at(fx.line('"User": ""', 0), '$[0].Config.User') },
      sysctls: [],
    });

    assert.deepEqual(web, {
      input: 'docker-inspect',
      file: fx.file,
      resource: { kind: 'container', name: 'shop-web' },
      container: { name: 'shop-web', at: fx.at(fx.line('"Name": "/shop-web"'), '$[1].Name') },
      image: {
        value: 'nginx:1.25',
        at: fx.at(fx.line('"Image": "nginx:1.25"'), '$[1].Config.Image'),
      },
      privileged: {
        value: false,
        at: fx.at(fx.line('"Privileged": false'), '$[1].HostConfig.Privileged'),
      },
      capAdd: [
        { value: 'NET_ADMIN', at: fx.at(fx.line('"NET_ADMIN"'), '$[1].HostConfig.CapAdd[0]') },
        { value: 'SYS_PTRACE', at: fx.at(fx.line('"SYS_PTRACE"'), '$[1].HostConfig.CapAdd[1]') },
      ],
      capDrop: [{ value: 'MKNOD', at: fx.at(fx.line('"MKNOD"'), '$[1].HostConfig.CapDrop[0]') }],
      hostPid: { value: false, at: fx.at(fx.line('"PidMode": ""'), '$[1].HostConfig.PidMode') },
      hostIpc: {
        value: false,
        at: fx.at(fx.line('"IpcMode": "private"'), '$[1].HostConfig.IpcMode'),
      },
      hostUts: { value: false, at: fx.at(fx.line('"UTSMode": ""'), '$[1].HostConfig.UTSMode') },
      hostNetwork: {
        value: false,
        at: fx.at(fx.line('"NetworkMode": "bridge"'), '$[1].HostConfig.NetworkMode'),
      },
      hostUserns: {
        value: false,
        at: fx.at(fx.line('"UsernsMode": ""'), '$[1].HostConfig.UsernsMode'),
      },
      mounts: [
        {
          value: {
            hostPath: '/srv/shop/uploads',
            target: '/usr/share/nginx/html/uploads',
            kind: 'bind',
            readOnly: false,
            propagation: 'rprivate',
          },
          at: fx.at(
            fx.objectLine('"Destination": "/usr/share/nginx/html/uploads"'),
            '$[1].Mounts[0]',
          ),
        },
        {
          value: { target: '/var/cache/nginx', kind: 'volume', readOnly: false },
          at: fx.at(fx.objectLine('"Destination": "/var/cache/nginx"'), '$[1].Mounts[1]'),
        },
      ],
      // No apparmor security option: the profile the Engine applied.
      apparmor: {
        value: 'docker-default',
        at: fx.at(fx.line('"AppArmorProfile": "docker-default"'), '$[1].AppArmorProfile'),
      },
      noNewPrivileges: {
        value: false,
        at: fx.at(fx.line('"no-new-privileges:false"'), '$[1].HostConfig.SecurityOpt[0]'),
      },
      readOnlyRootfs: {
        value: false,
        at: fx.at(h0('ReadonlyRootfs', 1), '$[1].HostConfig.ReadonlyRootfs'),
      },
      ports: [
        {
          value: { containerPort: 80, protocol: 'tcp', hostPort: 80, hostIp: '0.0.0.0' },
          at: fx.at(
            fx.objectLine('"HostPort": "80"', 0),
            '$[1].HostConfig.PortBindings["80/tcp"][0]',
          ),
        },
        {
          value: { containerPort: 443, protocol: 'tcp', hostPort: 443 },
          at: fx.at(
            fx.objectLine('"HostPort": "443"', 0),
            '$[1].HostConfig.PortBindings["443/tcp"][0]',
          ),
        },
        {
          value: { containerPort: 9113, protocol: 'tcp', hostPort: 0, hostIp: '127.0.0.1' },
          at: fx.at(fx.objectLine('"HostPort": ""'), '$[1].HostConfig.PortBindings["9113/tcp"][0]'),
        },
      ],
      devices: [],
      restartPolicy: {
        value: { name: 'on-failure', maxRetries: 10 },
        at: fx.at(fx.line('"Name": "on-failure"'), '$[1].HostConfig.RestartPolicy.Name'),
      },
      healthcheck: { value: false, at: fx.at(fx.line('"Healthcheck"'), '$[1].Config.Healthcheck') },
      user: { value: '', at: fx.at(fx.line('"User": ""', 1), '$[1].Config.User') },
      sysctls: [
        {
          value: { name: 'net.core.somaxconn', value: '4096' },
          at: fx.at(
            fx.line('"net.core.somaxconn"'),
            '$[1].HostConfig.Sysctls["net.core.somaxconn"]',
          ),
        },
        {
          value: { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
          at: fx.at(
            fx.line('"net.ipv4.ip_unprivileged_port_start"'),
            '$[1].HostConfig.Sysctls["net.ipv4.ip_unprivileged_port_start"]',
          ),
        },
      ],
    });
  });

  it('reads a hardened container: limits, a custom seccomp profile, tmpfs, a health check and a user', () => {
    const fx = configFixture('docker-inspect', 'pass-shop-api.json');
    const [api] = readDockerInspect(fx.docs(), fx.file)!.containers;
    assert.ok(api);
    assert.deepEqual(api.capAdd, [
      {
        value: 'NET_BIND_SERVICE',
        at: fx.at(fx.line('"NET_BIND_SERVICE"'), '$[0].HostConfig.CapAdd[0]'),
      },
    ]);
    assert.deepEqual(api.capDrop, [
      { value: 'ALL', at: fx.at(fx.line('"ALL"'), '$[0].HostConfig.CapDrop[0]') },
    ]);
    assert.deepEqual(api.seccomp, {
      value: 'inline profile, defaultAction SCMP_ACT_ERRNO',
      at: fx.at(fx.line('"seccomp={'), '$[0].HostConfig.SecurityOpt[1]'),
    });
    assert.deepEqual(api.noNewPrivileges, {
      value: true,
      at: fx.at(fx.line('"no-new-privileges:true"'), '$[0].HostConfig.SecurityOpt[0]'),
    });
    assert.deepEqual(api.readOnlyRootfs, {
      value: true,
      at: fx.at(fx.line('"ReadonlyRootfs": true'), '$[0].HostConfig.ReadonlyRootfs'),
    });
    assert.deepEqual(api.memoryLimit, {
      value: 268435456,
      at: fx.at(fx.line('"Memory": 268435456'), '$[0].HostConfig.Memory'),
    });
    assert.deepEqual(api.cpuLimit, {
      value: 0.5,
      at: fx.at(fx.line('"NanoCpus"'), '$[0].HostConfig.NanoCpus'),
    });
    assert.deepEqual(api.pidsLimit, {
      value: 100,
      at: fx.at(fx.line('"PidsLimit"'), '$[0].HostConfig.PidsLimit'),
    });
    assert.deepEqual(api.mounts, [
      {
        value: { target: '/tmp', kind: 'tmpfs' },
        at: fx.at(fx.line('"/tmp": "rw,noexec'), '$[0].HostConfig.Tmpfs["/tmp"]'),
      },
      {
        value: { target: '/var/lib/shop-api', kind: 'volume', readOnly: true },
        at: fx.at(fx.objectLine('"Name": "api-data"'), '$[0].Mounts[0]'),
      },
    ]);
    assert.deepEqual(api.ports, [
      {
        value: { containerPort: 8080, protocol: 'tcp', hostPort: 8080, hostIp: '127.0.0.1' },
        at: fx.at(
          fx.objectLine('"HostPort": "8080"', 0),
          '$[0].HostConfig.PortBindings["8080/tcp"][0]',
        ),
      },
    ]);
    assert.deepEqual(api.restartPolicy?.value, { name: 'on-failure', maxRetries: 5 });
    assert.deepEqual(api.healthcheck, {
      value: true,
      at: fx.at(fx.line('"Healthcheck"'), '$[0].Config.Healthcheck'),
    });
    assert.deepEqual(api.user, {
      value: '10001:10001',
      at: fx.at(fx.line('"User": "10001:10001"'), '$[0].Config.User'),
    });
    assert.equal(api.hostNetwork?.value, false);
    assert.equal(api.apparmor?.value, 'docker-default');
    assert.equal(api.selinux, undefined);
  });

  it('reads one object (`--format "{{json .}}"`), with paths from the root', () => {
    const fx = configFixture('docker-inspect', 'pass-shop-api.json');
    const [object] = JSON.parse(fx.text) as unknown[];
    const read = readDockerInspect(parseDocuments(JSON.stringify(object), 'api.json'), 'api.json');
    assert.equal(read?.containers.length, 1);
    assert.deepEqual(read?.containers[0]?.privileged, {
      value: false,
      at: { file: 'api.json', line: 1, jsonPath: '$.HostConfig.Privileged' },
    });
  });

  it('falls back to HostConfig.Binds and HostConfig.Mounts, and publishes exposed ports under -P', () => {
    const text = JSON.stringify(
      [
        {
          Id: 'abc',
          Name: '/old',
          Config: { Image: 'redis:7', ExposedPorts: { '6379/tcp': {}, '8001/tcp': {} } },
          HostConfig: {
            Binds: ['/data:/data:ro,rshared', 'cache:/cache'],
            Mounts: [
              {
                Type: 'bind',
                Source: '/var/log',
                Target: '/logs',
                ReadOnly: true,
                BindOptions: { Propagation: 'rslave' },
              },
            ],
            PublishAllPorts: true,
            PortBindings: { '8001/tcp': [{ HostIp: '', HostPort: '18001' }] },
            CpuQuota: 150000,
            CpuPeriod: 0,
          },
        },
      ],
      null,
      2,
    );
    const [spec] = readDockerInspect(parseDocuments(text, 'old.json'), 'old.json')!.containers;
    assert.deepEqual(
      spec?.mounts.map((m) => [m.value, m.at.jsonPath]),
      [
        [{ target: '/cache', kind: 'volume' }, '$[0].HostConfig.Binds[1]'],
        [
          {
            hostPath: '/data',
            target: '/data',
            kind: 'bind',
            readOnly: true,
            propagation: 'rshared',
          },
          '$[0].HostConfig.Binds[0]',
        ],
        [
          {
            hostPath: '/var/log',
            target: '/logs',
            kind: 'bind',
            readOnly: true,
            propagation: 'rslave',
          },
          '$[0].HostConfig.Mounts[0]',
        ],
      ],
    );
    assert.deepEqual(
      spec?.ports.map((p) => [p.value, p.at.jsonPath]),
      [
        [{ containerPort: 6379, protocol: 'tcp', hostPort: 0 }, '$[0].HostConfig.PublishAllPorts'],
        [
          { containerPort: 8001, protocol: 'tcp', hostPort: 18001 },
          '$[0].HostConfig.PortBindings["8001/tcp"][0]',
        ],
      ],
    );
    // A period of 0 is the kernel's 100ms.
    assert.deepEqual(spec?.cpuLimit?.value, 1.5);
    assert.equal(spec?.cpuLimit?.at.jsonPath, '$[0].HostConfig.CpuQuota');
  });

  it('tells podman from docker and reads its capability names, CPU quota and SELinux process label', () => {
    const fail = configFixture('podman-inspect', 'fail-webapp.json');
    const read = readDockerInspect(fail.docs(), fail.file);
    assert.equal(read?.kind, 'podman-inspect');
    const [webapp] = read!.containers;
    assert.ok(webapp);
    assert.equal(webapp.input, 'podman-inspect');
    assert.deepEqual(webapp.resource, { kind: 'container', name: 'webapp' });
    assert.deepEqual(webapp.image, {
      value: 'docker.io/library/nginx:1.25',
      at: fail.at(fail.line('"Image": "docker.io/library/nginx:1.25"'), '$[0].Config.Image'),
    });
    assert.deepEqual(webapp.capAdd, [
      { value: 'NET_RAW', at: fail.at(fail.line('"CAP_NET_RAW"', 2), '$[0].HostConfig.CapAdd[0]') },
      {
        value: 'SYS_ADMIN',
        at: fail.at(fail.line('"CAP_SYS_ADMIN"', 2), '$[0].HostConfig.CapAdd[1]'),
      },
    ]);
    assert.equal(webapp.hostPid?.value, true);
    assert.equal(webapp.hostIpc?.value, false); // shareable
    assert.equal(webapp.hostUts?.value, false); // private
    assert.deepEqual(webapp.selinux, {
      value: { disabled: true },
      at: fail.at(fail.line('"label=disable"', 1), '$[0].HostConfig.SecurityOpt[0]'),
    });
    assert.equal(webapp.seccomp?.value, 'unconfined');
    assert.equal(webapp.apparmor, undefined); // AppArmorProfile "" on an SELinux host
    assert.deepEqual(webapp.cpuLimit, {
      value: 1.5,
      at: fail.at(fail.line('"CpuQuota": 150000'), '$[0].HostConfig.CpuQuota'),
    });
    assert.deepEqual(webapp.memoryLimit?.value, 536870912);
    assert.deepEqual(webapp.pidsLimit?.value, 2048);
    assert.deepEqual(
      webapp.mounts.map((m) => m.value),
      [
        {
          hostPath: '/etc',
          target: '/host-etc',
          kind: 'bind',
          readOnly: false,
          propagation: 'rshared',
        },
        {
          hostPath: '/run/podman/podman.sock',
          target: '/run/podman/podman.sock',
          kind: 'bind',
          readOnly: false,
          propagation: 'rprivate',
        },
      ],
    );
    assert.deepEqual(
      webapp.ports.map((p) => p.value),
      [
        { containerPort: 22, protocol: 'tcp', hostPort: 2222, hostIp: '0.0.0.0' },
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
      ],
    );
    assert.deepEqual(
      webapp.devices.map((d) => d.value),
      ['/dev/fuse'],
    );
    assert.deepEqual(webapp.restartPolicy?.value, { name: 'unless-stopped' });
    assert.equal(webapp.healthcheck?.value, true);
    assert.equal(webapp.user?.value, '1000');

    const pass = configFixture('podman-inspect', 'pass-ledger.json');
    const [ledger] = readDockerInspect(pass.docs(), pass.file)!.containers;
    assert.deepEqual(ledger?.selinux, {
      value: { user: 'system_u', role: 'system_r', type: 'container_t', level: 's0:c412,c877' },
      at: pass.at(pass.line('"ProcessLabel"'), '$[0].ProcessLabel'),
    });
    assert.deepEqual(ledger?.capAdd, []);
    assert.deepEqual(
      ledger?.capDrop.map((c) => c.value),
      [
        'CHOWN',
        'DAC_OVERRIDE',
        'FOWNER',
        'FSETID',
        'KILL',
        'NET_BIND_SERVICE',
        'SETFCAP',
        'SETGID',
        'SETPCAP',
        'SETUID',
        'SYS_CHROOT',
      ],
    );
    assert.deepEqual(ledger?.noNewPrivileges?.value, true);
    assert.deepEqual(ledger?.cpuLimit?.value, 0.5);
    assert.deepEqual(ledger?.restartPolicy?.value, { name: 'on-failure', maxRetries: 3 });
  });

  it('is not image inspect output, another document kind, or several documents', () => {
    const image = '[{"Id": "sha256:abc", "RepoTags": ["nginx:1.25"], "Config": {"Image": ""}}]';
    assert.equal(readDockerInspect(parseDocuments(image, 'i.json'), 'i.json'), undefined);
    assert.equal(readDockerInspect(parseDocuments('[]', 'e.json'), 'e.json'), undefined);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n';
    assert.equal(readDockerInspect(parseDocuments(pod, 'p.yaml'), 'p.yaml'), undefined);
    const two = '{"Config": {}, "HostConfig": {}}\n---\n{"Config": {}, "HostConfig": {}}\n';
    assert.equal(readDockerInspect(parseDocuments(two, 't.yaml'), 't.yaml'), undefined);
  });

  it('refuses a field of the wrong type with its line', () => {
    const text =
      '[\n  {\n    "Config": {},\n    "HostConfig": {\n      "Privileged": "sometimes"\n    }\n  }\n]\n';
    assert.throws(
      () => readDockerInspect(parseDocuments(text, 'bad.json'), 'bad.json'),
      /bad\.json: line 5: \$\[0\]\.HostConfig\.Privileged: expected true or false, not "sometimes"/,
    );
  });
});
