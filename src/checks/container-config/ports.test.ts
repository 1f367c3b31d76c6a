import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portText } from './ports.js';
import {
  findingsOf,
  hardenedCompose,
  hardenedDocker,
  hardenedKubernetes,
  loc,
} from './test-specs.js';

const port = (hostPort: number | undefined, hostIp: string | undefined, index: number) =>
  loc(
    'compose',
    {
      containerPort: 80,
      ...(hostPort === undefined ? {} : { hostPort }),
      ...(hostIp === undefined ? {} : { hostIp }),
    },
    `$.services.web.ports[${index}]`,
    13 + index,
  );

describe('SW-CFG-019 privileged host ports', () => {
  it('fires on a host port below 1024, wherever it listens', () => {
    const spec = hardenedCompose({ ports: [port(80, undefined, 0), port(443, '10.0.0.5', 1)] });
    assert.deepEqual(
      findingsOf('SW-CFG-019', spec).map((f) => [f.title, f.evidence, f.frameworks]),
      [
        [
          'Publishes privileged host port 80 (service web (compose))',
          '0.0.0.0:80->80/tcp',
          { 'cis-docker': ['5.8'], pss: ['baseline:hostPorts'] },
        ],
        [
          'Publishes privileged host port 443 (service web (compose))',
          '10.0.0.5:443->80/tcp',
          { 'cis-docker': ['5.8'], pss: ['baseline:hostPorts'] },
        ],
      ],
    );
  });

  it('passes ports from 1024 up and container ports that are not published', () => {
    const spec = hardenedCompose({
      ports: [port(1024, '127.0.0.1', 0), port(undefined, undefined, 1)],
    });
    assert.deepEqual(findingsOf('SW-CFG-019', spec, hardenedKubernetes()), []);
  });
});

describe('SW-CFG-020 ports on every host interface', () => {
  it('fires on a published port without an address, or with 0.0.0.0 or ::', () => {
    const spec = hardenedDocker({
      ports: [
        loc(
          'docker-inspect',
          { containerPort: 8080, hostPort: 8080, hostIp: '' },
          '$[0].HostConfig.PortBindings["8080/tcp"][0]',
          80,
        ),
        loc(
          'docker-inspect',
          { containerPort: 8443, hostPort: 8443, hostIp: '::', protocol: 'tcp' },
          '$[0].HostConfig.PortBindings["8443/tcp"][0]',
          84,
        ),
      ],
    });
    assert.deepEqual(
      findingsOf('SW-CFG-020', spec).map((f) => [f.title, f.evidence, f.frameworks]),
      [
        [
          'Publishes host port 8080 on every interface (container web)',
          '0.0.0.0:8080->8080/tcp',
          { 'cis-docker': ['5.14'] },
        ],
        [
          'Publishes host port 8443 on every interface (container web)',
          '0.0.0.0:8443->8443/tcp',
          { 'cis-docker': ['5.14'] },
        ],
      ],
    );
  });

  it('passes a port bound to one address', () => {
    assert.deepEqual(findingsOf('SW-CFG-020', hardenedCompose(), hardenedKubernetes()), []);
    assert.equal(
      portText({ containerPort: 53, hostPort: 5353, hostIp: 'fd00::1', protocol: 'UDP' }),
      '[fd00::1]:5353->53/udp',
    );
  });
});
