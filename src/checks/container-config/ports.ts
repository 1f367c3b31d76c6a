// SW-CFG-019 and SW-CFG-020: published host ports below 1024 (CIS Docker Benchmark v1.6.0 5.8) and ports bound to
// every host interface (5.14). Pod Security Standards baseline "Host Ports" forbids host ports altogether.

import type { ContainerSpec, Located, PortMapping } from '../../config/container-spec.js';
import { dockerAdvice, hit, type Control } from './control.js';

/** Ports below this are privileged: only root (or CAP_NET_BIND_SERVICE) binds them on the host. */
const FIRST_UNPRIVILEGED_PORT = 1024;

/** An address that means "every interface". */
const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '[::]']);

function published(spec: ContainerSpec): Located<PortMapping>[] {
  return spec.ports.filter((port) => port.value.hostPort !== undefined && port.value.hostPort > 0);
}

export function portText(port: PortMapping): string {
  const ip = port.hostIp === undefined || ANY_ADDRESS.has(port.hostIp) ? '0.0.0.0' : port.hostIp;
  const host =
    port.hostPort === undefined ? '' : `${ip.includes(':') ? `[${ip}]` : ip}:${port.hostPort}->`;
  return `${host}${port.containerPort}/${(port.protocol ?? 'tcp').toLowerCase()}`;
}

export const PRIVILEGED_HOST_PORT: Control = {
  rule: {
    id: 'SW-CFG-019',
    kind: 'config',
    severity: 'medium',
    title: 'A privileged host port (below 1024) is published',
    remediation:
      'Publish the service on a host port of 1024 or above (and put a load balancer or proxy in front if it must answer on 80 or 443).',
    references: [
      'https://docs.docker.com/engine/network/#published-ports',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: { 'cis-docker': ['5.8'], pss: ['baseline:hostPorts'] },
  },
  advice: {
    ...dockerAdvice('Publish the port above 1023: -p 8080:80 instead of -p 80:80.'),
    compose: 'Publish the port above 1023 in `ports` ("8080:80" instead of "80:80").',
    kubernetes: 'Remove `hostPort` and expose the pod through a Service.',
  },
  check(spec) {
    return published(spec)
      .filter((port) => port.value.hostPort! < FIRST_UNPRIVILEGED_PORT)
      .map((port) =>
        hit(port.at, `Publishes privileged host port ${port.value.hostPort}`, {
          evidence: portText(port.value),
        }),
      );
  },
};

export const PORT_ON_ALL_INTERFACES: Control = {
  rule: {
    id: 'SW-CFG-020',
    kind: 'config',
    severity: 'low',
    title: 'A published port listens on every host interface',
    remediation:
      'Bind published ports to the host interface that should receive the traffic (127.0.0.1 for local use only).',
    references: ['https://docs.docker.com/engine/network/#published-ports'],
    frameworks: { 'cis-docker': ['5.14'] },
  },
  advice: {
    ...dockerAdvice('Publish the port on one address: -p 127.0.0.1:8080:80.'),
    compose: 'Give the port a host address in `ports` ("127.0.0.1:8080:80").',
    kubernetes: 'Remove `hostPort` (or set `hostIP`) and expose the pod through a Service.',
  },
  check(spec) {
    return published(spec)
      .filter((port) => port.value.hostIp === undefined || ANY_ADDRESS.has(port.value.hostIp))
      .map((port) =>
        hit(port.at, `Publishes host port ${port.value.hostPort} on every interface`, {
          evidence: portText(port.value),
        }),
      );
  },
};
