import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capabilityName } from './capabilities.js';
import type { Origin } from './container-spec.js';
import {
  parseByteSize,
  parsePortSpec,
  parseRestartPolicy,
  parseVolumeSpec,
  seccompValue,
  securityFields,
  selinuxContext,
} from './docker-options.js';

describe('parsePortSpec', () => {
  // The forms `docker run -p` and the Compose short syntax accept (compose-spec.io, services.ports).
  const table: [string, unknown][] = [
    ['3000', [{ containerPort: 3000, hostPort: 0 }]],
    [
      '3000-3002',
      [
        { containerPort: 3000, hostPort: 0 },
        { containerPort: 3001, hostPort: 0 },
        { containerPort: 3002, hostPort: 0 },
      ],
    ],
    ['8000:8000', [{ containerPort: 8000, hostPort: 8000 }]],
    [
      '9090-9091:8080-8081',
      [
        { containerPort: 8080, hostPort: 9090 },
        { containerPort: 8081, hostPort: 9091 },
      ],
    ],
    ['8000-9000:80', [{ containerPort: 80, hostPort: 8000 }]],
    ['127.0.0.1:8001:8001', [{ containerPort: 8001, hostPort: 8001, hostIp: '127.0.0.1' }]],
    ['127.0.0.1::5000', [{ containerPort: 5000, hostPort: 0, hostIp: '127.0.0.1' }]],
    ['::1:6000:6000', [{ containerPort: 6000, hostPort: 6000, hostIp: '::1' }]],
    ['[::1]:6001:6001', [{ containerPort: 6001, hostPort: 6001, hostIp: '::1' }]],
    ['6060:6060/udp', [{ containerPort: 6060, hostPort: 6060, protocol: 'udp' }]],
    ['80/TCP', [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }]],
  ];
  for (const [spec, expected] of table)
    it(spec, () => assert.deepEqual(parsePortSpec(spec), expected));

  it('refuses what Docker refuses', () => {
    for (const spec of [
      '',
      'http',
      '0',
      '70000:80',
      '80:80/icmp',
      '9090-9092:8080-8081',
      '8080:80-81',
      'x.y:80:80',
      '80:80:80:80',
    ])
      assert.equal(parsePortSpec(spec), undefined, spec);
  });
});

describe('parseVolumeSpec', () => {
  it('tells binds from named and anonymous volumes and reads the mode', () => {
    assert.deepEqual(parseVolumeSpec('/var/run/docker.sock:/var/run/docker.sock'), {
      hostPath: '/var/run/docker.sock',
      target: '/var/run/docker.sock',
      kind: 'bind',
    });
    assert.deepEqual(parseVolumeSpec('./data:/data:ro,z'), {
      hostPath: './data',
      target: '/data',
      kind: 'bind',
      readOnly: true,
    });
    assert.deepEqual(parseVolumeSpec('~/cfg:/cfg:rw,rshared'), {
      hostPath: '~/cfg',
      target: '/cfg',
      kind: 'bind',
      readOnly: false,
      propagation: 'rshared',
    });
    assert.deepEqual(parseVolumeSpec('C:\\data:/data'), {
      hostPath: 'C:\\data',
      target: '/data',
      kind: 'bind',
    });
    assert.deepEqual(parseVolumeSpec('pgdata:/var/lib/postgresql/data'), {
      target: '/var/lib/postgresql/data',
      kind: 'volume',
    });
    assert.deepEqual(parseVolumeSpec('/scratch'), { target: '/scratch', kind: 'volume' });
    assert.equal(parseVolumeSpec(':/x'), undefined);
    assert.equal(parseVolumeSpec('/a:/b:ro:extra'), undefined);
  });
});

describe('securityFields', () => {
  const at = (i: number): Origin => ({ file: 'f', line: i + 1, jsonPath: `$.security_opt[${i}]` });
  const options = (...texts: string[]) => texts.map((value, i) => ({ value, at: at(i) }));

  it('reads both separators, the bare no-new-privileges, and adds label parts up', () => {
    assert.deepEqual(
      securityFields(
        options(
          'seccomp:unconfined',
          'apparmor=docker-default',
          'no-new-privileges',
          'label=type:svirt_apache_t',
          'label:level:s0:c100,c200',
        ),
      ),
      {
        seccomp: { value: 'unconfined', at: at(0) },
        apparmor: { value: 'docker-default', at: at(1) },
        noNewPrivileges: { value: true, at: at(2) },
        selinux: { value: { type: 'svirt_apache_t', level: 's0:c100,c200' }, at: at(3) },
      },
    );
  });

  it('lets a later option override an earlier one and ignores options without a field', () => {
    assert.deepEqual(
      securityFields(
        options(
          'no-new-privileges=true',
          'no-new-privileges:false',
          'systempaths=unconfined',
          'seccomp=/etc/docker/strict.json',
        ),
      ),
      {
        noNewPrivileges: { value: false, at: at(1) },
        seccomp: { value: '/etc/docker/strict.json', at: at(3) },
      },
    );
  });

  it('summarises an inline profile by its default action; an allow-all filter is no filter', () => {
    assert.equal(
      seccompValue('{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}'),
      'inline profile, defaultAction SCMP_ACT_ERRNO',
    );
    assert.equal(seccompValue('{"defaultAction":"SCMP_ACT_ALLOW"}'), 'unconfined');
    assert.equal(
      seccompValue(
        '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["ptrace"],"action":"SCMP_ACT_ERRNO"}]}',
      ),
      'inline profile, defaultAction SCMP_ACT_ALLOW',
    );
    assert.equal(seccompValue('{not json'), 'inline profile');
  });
});

describe('option values', () => {
  it('reads SELinux contexts', () => {
    assert.deepEqual(selinuxContext('system_u:system_r:container_t:s0:c1,c2'), {
      user: 'system_u',
      role: 'system_r',
      type: 'container_t',
      level: 's0:c1,c2',
    });
    assert.deepEqual(selinuxContext('u:r:t'), { user: 'u', role: 'r', type: 't' });
    assert.equal(selinuxContext('container_t'), undefined);
  });

  it('reads restart policies', () => {
    assert.deepEqual(parseRestartPolicy('on-failure:5'), { name: 'on-failure', maxRetries: 5 });
    assert.deepEqual(parseRestartPolicy('unless-stopped'), { name: 'unless-stopped' });
    assert.deepEqual(parseRestartPolicy(''), { name: 'no' });
    assert.equal(parseRestartPolicy('on-failure:many'), undefined);
  });

  it('reads sizes in binary multiples, as Docker and Compose do', () => {
    const table: [string | number, number | undefined][] = [
      [1048576, 1048576],
      ['1048576', 1048576],
      ['512m', 512 * 1024 ** 2],
      ['512M', 512 * 1024 ** 2],
      ['1gb', 1024 ** 3],
      ['2GiB', 2 * 1024 ** 3],
      ['1.5g', 1.5 * 1024 ** 3],
      ['64 k', 64 * 1024],
      ['lots', undefined],
      ['-1m', undefined],
      [-1, undefined],
    ];
    for (const [text, bytes] of table) assert.equal(parseByteSize(text), bytes, String(text));
  });

  it('writes capabilities one way', () => {
    assert.deepEqual(['CAP_NET_ADMIN', 'net_admin', ' NET_ADMIN ', 'all'].map(capabilityName), [
      'NET_ADMIN',
      'NET_ADMIN',
      'NET_ADMIN',
      'ALL',
    ]);
  });
});
