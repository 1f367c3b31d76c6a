// PSS baseline "Sysctls": only namespaced sysctls isolated from other pods on the node may be set.
// Restricted fields: spec.securityContext.sysctls[*].name. Allowed values: undefined/nil, and the safe set of
// policy v1.32 (the latest a released Kubernetes defines, 1.36): the five of v1.0, net.ipv4.ip_local_reserved_ports
// (v1.27), net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl, tcp_keepalive_probes (v1.29),
// net.ipv4.tcp_rmem and tcp_wmem (v1.32).

import { pssFinding, removeField, type PssCheck } from './context.js';
import { UNSAFE_SYSCTL } from './rules.js';

export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

export const sysctlsCheck: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  findings(pod) {
    return pod.spec
      .at('securityContext', 'sysctls')
      .items()
      .flatMap((entry) => {
        const field = entry.get('name');
        const name = field.string() ?? '';
        if (SAFE_SYSCTLS.has(name)) return [];
        return [
          pssFinding(UNSAFE_SYSCTL, pod, field, {
            title: `pod sets forbidden sysctl ${name}`,
            evidence: `${name}=${entry.get('value').text() ?? ''}`,
            patch: removeField(entry),
          }),
        ];
      });
  },
};
