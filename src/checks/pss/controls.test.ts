import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../model/finding.js';
import type { PssLevel } from './context.js';
import { podSecurityFindings } from './index.js';
import { controlPod } from './pss-fixture.js';

/** The findings of one fixture pod at a level, as [id, line, jsonPath, title, resource, evidence, patch]. */
function rows(file: string, pod: string, level: PssLevel, ids?: string[]) {
  return podSecurityFindings([controlPod(file, pod)], level)
    .filter((f) => !ids || ids.includes(f.id))
    .map((f: Finding) => [
      f.id,
      f.location.line,
      f.location.jsonPath,
      f.title,
      f.resource,
      f.evidence,
      f.patch,
    ]);
}

function frameworksOf(
  file: string,
  pod: string,
  level: PssLevel,
  id: string,
): string[] | undefined {
  return podSecurityFindings([controlPod(file, pod)], level).find((f) => f.id === id)?.frameworks
    .pss;
}

describe('baseline controls', () => {
  it('HostProcess: the pod field and each container that sets it', () => {
    assert.deepEqual(rows('host-process.yaml', 'hostprocess-containers', 'baseline'), [
      [
        'SW-CFG-100',
        51,
        '$.spec.initContainers[0].securityContext.windowsOptions.hostProcess',
        'Windows HostProcess container: container "setup" sets securityContext.windowsOptions.hostProcess=true',
        'Pod hostprocess-containers, container setup',
        'hostProcess: true',
        [
          {
            op: 'replace',
            path: '/spec/initContainers/0/securityContext/windowsOptions/hostProcess',
            value: false,
          },
        ],
      ],
      [
        'SW-CFG-100',
        59,
        '$.spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess',
        'Windows HostProcess container: container "debugger" sets securityContext.windowsOptions.hostProcess=true',
        'Pod hostprocess-containers, container debugger',
        'hostProcess: true',
        [
          {
            op: 'replace',
            path: '/spec/ephemeralContainers/0/securityContext/windowsOptions/hostProcess',
            value: false,
          },
        ],
      ],
    ]);
  });

  it('host namespaces: one finding per namespace shared', () => {
    assert.deepEqual(
      rows('host-namespaces.yaml', 'host-pid-and-ipc', 'restricted').map((r) => [
        r[0],
        r[1],
        r[3],
        r[6],
      ]),
      [
        [
          'SW-CFG-101',
          43,
          "Pod shares the node's namespaces: pod sets hostPID=true",
          [{ op: 'replace', path: '/spec/hostPID', value: false }],
        ],
        [
          'SW-CFG-101',
          44,
          "Pod shares the node's namespaces: pod sets hostIPC=true",
          [{ op: 'replace', path: '/spec/hostIPC', value: false }],
        ],
      ],
    );
    assert.deepEqual(
      frameworksOf('host-namespaces.yaml', 'host-network', 'baseline', 'SW-CFG-101'),
      ['baseline:hostNamespaces'],
    );
  });

  it('privileged: names the container and replaces the field with false', () => {
    assert.deepEqual(rows('privileged.yaml', 'privileged-container', 'baseline'), [
      [
        'SW-CFG-102',
        41,
        '$.spec.containers[1].securityContext.privileged',
        'Privileged container: container "agent" sets securityContext.privileged=true',
        'Pod privileged-container, container agent',
        'privileged: true',
        [{ op: 'replace', path: '/spec/containers/1/securityContext/privileged', value: false }],
      ],
    ]);
    assert.deepEqual(
      frameworksOf('privileged.yaml', 'privileged-container', 'baseline', 'SW-CFG-102'),
      ['baseline:privileged'],
    );
  });

  it('capabilities: keeps the allowed ones, drops the field when none remain, compares as written', () => {
    assert.deepEqual(rows('capabilities-baseline.yaml', 'capabilities-net-raw', 'baseline'), [
      [
        'SW-CFG-103',
        63,
        '$.spec.containers[0].securityContext.capabilities.add',
        'Capability added beyond the baseline set: container "app" must not include "NET_RAW" in securityContext.capabilities.add',
        'Pod capabilities-net-raw, container app',
        'capabilities.add: [NET_RAW]',
        [
          {
            op: 'replace',
            path: '/spec/containers/0/securityContext/capabilities/add',
            value: ['NET_BIND_SERVICE'],
          },
        ],
      ],
    ]);
    assert.deepEqual(
      rows('capabilities-baseline.yaml', 'capabilities-other-spellings', 'baseline').map((r) => [
        r[2],
        r[5],
        r[6],
      ]),
      [
        [
          '$.spec.containers[0].securityContext.capabilities.add',
          'capabilities.add: [CAP_CHOWN]',
          [{ op: 'remove', path: '/spec/containers/0/securityContext/capabilities/add' }],
        ],
        [
          '$.spec.ephemeralContainers[0].securityContext.capabilities.add',
          'capabilities.add: [chown]',
          [{ op: 'remove', path: '/spec/ephemeralContainers/0/securityContext/capabilities/add' }],
        ],
      ],
    );
    assert.deepEqual(
      rows('capabilities-baseline.yaml', 'capabilities-baseline-set', 'baseline'),
      [],
    );
  });

  it('hostPath volumes: at the volume, naming the containers that mount it, without a patch', () => {
    assert.deepEqual(rows('host-path-volumes.yaml', 'host-path-mounted', 'baseline'), [
      [
        'SW-CFG-104',
        48,
        '$.spec.volumes[1].hostPath',
        'hostPath volume: volume "docker-socket" is a hostPath volume (/var/run/docker.sock), mounted by container "app"',
        'Pod host-path-mounted, container app',
        'hostPath: /var/run/docker.sock',
        undefined,
      ],
    ]);
    assert.deepEqual(
      rows('host-path-volumes.yaml', 'host-path-unmounted', 'restricted', ['SW-CFG-104'])[0]![4],
      'Pod host-path-unmounted',
    );
  });

  it('host ports: each port, removed', () => {
    assert.deepEqual(rows('host-ports.yaml', 'host-port-container', 'baseline'), [
      [
        'SW-CFG-105',
        35,
        '$.spec.containers[0].ports[1].hostPort',
        'Container binds a host port: container "app" uses hostPort 443',
        'Pod host-port-container, container app',
        'hostPort: 443',
        [{ op: 'remove', path: '/spec/containers/0/ports/1/hostPort' }],
      ],
    ]);
  });

  it('AppArmor: fields and annotations, set back to the runtime default', () => {
    assert.deepEqual(rows('app-armor.yaml', 'apparmor-annotations', 'baseline'), [
      [
        'SW-CFG-106',
        81,
        '$.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
        'AppArmor profile overridden: annotation container.apparmor.security.beta.kubernetes.io/app must not set AppArmor profile "unconfined"',
        'Pod apparmor-annotations, container app',
        'container.apparmor.security.beta.kubernetes.io/app: unconfined',
        [
          {
            op: 'replace',
            path: '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app',
            value: 'runtime/default',
          },
        ],
      ],
      [
        'SW-CFG-106',
        82,
        '$.metadata.annotations["container.apparmor.security.beta.kubernetes.io/gone"]',
        'AppArmor profile overridden: annotation container.apparmor.security.beta.kubernetes.io/gone must not set AppArmor profile "docker-default"',
        'Pod apparmor-annotations, container gone',
        'container.apparmor.security.beta.kubernetes.io/gone: docker-default',
        [
          {
            op: 'replace',
            path: '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1gone',
            value: 'runtime/default',
          },
        ],
      ],
    ]);
    assert.deepEqual(rows('app-armor.yaml', 'apparmor-unconfined-pod', 'baseline'), [
      [
        'SW-CFG-106',
        44,
        '$.spec.securityContext.appArmorProfile.type',
        'AppArmor profile overridden: pod must not set AppArmor profile type to "Unconfined"',
        'Pod apparmor-unconfined-pod',
        'appArmorProfile.type: Unconfined',
        [
          {
            op: 'replace',
            path: '/spec/securityContext/appArmorProfile/type',
            value: 'RuntimeDefault',
          },
        ],
      ],
    ]);
  });

  it('SELinux: the type outside the container types, a user or a role, removed', () => {
    assert.deepEqual(
      rows('se-linux.yaml', 'selinux-user-and-role', 'baseline').map((r) => [r[2], r[3], r[6]]),
      [
        [
          '$.spec.initContainers[0].securityContext.seLinuxOptions.role',
          'Custom SELinux options: container "setup" sets forbidden securityContext.seLinuxOptions: role may not be set',
          [{ op: 'remove', path: '/spec/initContainers/0/securityContext/seLinuxOptions/role' }],
        ],
        [
          '$.spec.containers[0].securityContext.seLinuxOptions.user',
          'Custom SELinux options: container "app" sets forbidden securityContext.seLinuxOptions: user may not be set',
          [{ op: 'remove', path: '/spec/containers/0/securityContext/seLinuxOptions/user' }],
        ],
      ],
    );
    assert.deepEqual(rows('se-linux.yaml', 'selinux-spc-type', 'baseline')[0]!.slice(2, 4), [
      '$.spec.securityContext.seLinuxOptions.type',
      'Custom SELinux options: pod sets forbidden securityContext.seLinuxOptions: type "spc_t"',
    ]);
  });

  it('/proc mount: Unmasked, unless the pod has its own user namespace', () => {
    assert.deepEqual(rows('proc-mount.yaml', 'proc-mount-unmasked', 'baseline'), [
      [
        'SW-CFG-108',
        44,
        '$.spec.containers[0].securityContext.procMount',
        'Unmasked /proc mount: container "app" must not set securityContext.procMount to "Unmasked"',
        'Pod proc-mount-unmasked, container app',
        'procMount: Unmasked',
        [{ op: 'replace', path: '/spec/containers/0/securityContext/procMount', value: 'Default' }],
      ],
    ]);
    assert.deepEqual(rows('proc-mount.yaml', 'proc-mount-unmasked-user-namespace', 'baseline'), []);
  });

  it('seccomp: Unconfined at the pod or a container, and nothing about an unset profile', () => {
    assert.deepEqual(rows('seccomp.yaml', 'seccomp-unconfined-pod', 'baseline'), [
      [
        'SW-CFG-109',
        90,
        '$.spec.securityContext.seccompProfile.type',
        'Seccomp profile Unconfined: pod must not set securityContext.seccompProfile.type to "Unconfined"',
        'Pod seccomp-unconfined-pod',
        'seccompProfile.type: Unconfined',
        [
          {
            op: 'replace',
            path: '/spec/securityContext/seccompProfile/type',
            value: 'RuntimeDefault',
          },
        ],
      ],
    ]);
    assert.deepEqual(
      frameworksOf('seccomp.yaml', 'seccomp-unconfined-pod', 'baseline', 'SW-CFG-109'),
      ['baseline:seccomp', 'restricted:seccomp'],
    );
  });

  it('sysctls: each one outside the safe set, removed', () => {
    assert.deepEqual(rows('sysctls.yaml', 'sysctls-unsafe', 'baseline'), [
      [
        'SW-CFG-110',
        43,
        '$.spec.securityContext.sysctls[1].name',
        'Sysctl outside the safe set: pod sets forbidden sysctl net.core.somaxconn',
        'Pod sysctls-unsafe',
        'net.core.somaxconn=1024',
        [{ op: 'remove', path: '/spec/securityContext/sysctls/1' }],
      ],
      [
        'SW-CFG-110',
        44,
        '$.spec.securityContext.sysctls[2].name',
        'Sysctl outside the safe set: pod sets forbidden sysctl kernel.msgmax',
        'Pod sysctls-unsafe',
        'kernel.msgmax=65536',
        [{ op: 'remove', path: '/spec/securityContext/sysctls/2' }],
      ],
    ]);
  });

  it('probe and lifecycle hosts: each handler that names a host', () => {
    assert.deepEqual(rows('host-probes.yaml', 'lifecycle-other-hosts', 'baseline'), [
      [
        'SW-CFG-111',
        66,
        '$.spec.initContainers[0].lifecycle.postStart.httpGet.host',
        'Probe or lifecycle hook sends to another host: container "setup" uses probe or lifecycle host "registry.internal" (lifecycle.postStart.httpGet)',
        'Pod lifecycle-other-hosts, container setup',
        'lifecycle.postStart.httpGet.host: registry.internal',
        [{ op: 'remove', path: '/spec/initContainers/0/lifecycle/postStart/httpGet/host' }],
      ],
      [
        'SW-CFG-111',
        75,
        '$.spec.containers[0].lifecycle.preStop.tcpSocket.host',
        'Probe or lifecycle hook sends to another host: container "app" uses probe or lifecycle host "10.0.0.1" (lifecycle.preStop.tcpSocket)',
        'Pod lifecycle-other-hosts, container app',
        'lifecycle.preStop.tcpSocket.host: 10.0.0.1',
        [{ op: 'remove', path: '/spec/containers/0/lifecycle/preStop/tcpSocket/host' }],
      ],
    ]);
  });
});

describe('restricted controls', () => {
  it('volume types: the first restricted source, naming the volume and its containers', () => {
    assert.deepEqual(rows('volume-types.yaml', 'volumes-network-storage', 'restricted'), [
      [
        'SW-CFG-120',
        54,
        '$.spec.volumes[0].nfs',
        'Volume type outside the restricted set: volume "shared" uses restricted volume type "nfs", mounted by container "app"',
        'Pod volumes-network-storage, container app',
        'nfs: {"server":"nfs.internal","path":"/exports/shared"}',
        undefined,
      ],
      [
        'SW-CFG-120',
        55,
        '$.spec.volumes[1].cephfs',
        'Volume type outside the restricted set: volume "ceph" uses restricted volume type "cephfs"',
        'Pod volumes-network-storage',
        'cephfs: {"monitors":["10.0.0.5:6789"]}',
        undefined,
      ],
    ]);
    // hostPath at restricted is the baseline finding, mapped to both controls, once.
    assert.deepEqual(
      rows('host-path-volumes.yaml', 'host-path-mounted', 'restricted').map((r) => r[0]),
      ['SW-CFG-104'],
    );
    assert.deepEqual(
      frameworksOf('host-path-volumes.yaml', 'host-path-mounted', 'restricted', 'SW-CFG-104'),
      ['baseline:hostPathVolumes', 'restricted:volumeTypes'],
    );
  });

  it('privilege escalation: unset or true, set to false (creating securityContext if need be)', () => {
    assert.deepEqual(
      rows('privilege-escalation.yaml', 'privilege-escalation-unset', 'restricted', ['SW-CFG-121']),
      [
        [
          'SW-CFG-121',
          37,
          '$.spec.containers[0].securityContext.allowPrivilegeEscalation',
          'Privilege escalation allowed: container "app" must set securityContext.allowPrivilegeEscalation=false',
          'Pod privilege-escalation-unset, container app',
          'allowPrivilegeEscalation not set (defaults to true)',
          [
            {
              op: 'add',
              path: '/spec/containers/0/securityContext',
              value: { allowPrivilegeEscalation: false },
            },
          ],
        ],
        [
          'SW-CFG-121',
          41,
          '$.spec.containers[1].securityContext.allowPrivilegeEscalation',
          'Privilege escalation allowed: container "sidecar" must set securityContext.allowPrivilegeEscalation=false',
          'Pod privilege-escalation-unset, container sidecar',
          'allowPrivilegeEscalation not set (defaults to true)',
          [
            {
              op: 'add',
              path: '/spec/containers/1/securityContext/allowPrivilegeEscalation',
              value: false,
            },
          ],
        ],
      ],
    );
  });

  it('running as non-root: one pod-level fix for the containers that say nothing, explicit false where written', () => {
    assert.deepEqual(rows('run-as-non-root.yaml', 'non-root-unset', 'restricted'), [
      [
        'SW-CFG-122',
        53,
        '$.spec.securityContext.runAsNonRoot',
        'Not required to run as non-root: pod or container "app" must set securityContext.runAsNonRoot=true',
        'Pod non-root-unset, container app',
        'runAsNonRoot not set',
        [{ op: 'add', path: '/spec/securityContext/runAsNonRoot', value: true }],
      ],
    ]);
    assert.deepEqual(rows('run-as-non-root.yaml', 'non-root-false-in-container', 'restricted'), [
      [
        'SW-CFG-122',
        103,
        '$.spec.containers[1].securityContext.runAsNonRoot',
        'Not required to run as non-root: container "legacy" must not set securityContext.runAsNonRoot=false',
        'Pod non-root-false-in-container, container legacy',
        'runAsNonRoot: false',
        [{ op: 'replace', path: '/spec/containers/1/securityContext/runAsNonRoot', value: true }],
      ],
    ]);
    assert.deepEqual(
      rows('run-as-non-root.yaml', 'non-root-false-in-pod', 'restricted')[0]!.slice(2, 4),
      [
        '$.spec.securityContext.runAsNonRoot',
        'Not required to run as non-root: pod must not set securityContext.runAsNonRoot=false',
      ],
    );
  });

  it('running as a non-root user: runAsUser 0 at the pod or a container, without a patch', () => {
    assert.deepEqual(rows('run-as-user.yaml', 'run-as-user-zero-pod', 'restricted'), [
      [
        'SW-CFG-123',
        31,
        '$.spec.securityContext.runAsUser',
        'Runs as UID 0: pod must not set runAsUser=0',
        'Pod run-as-user-zero-pod',
        'runAsUser: 0',
        undefined,
      ],
    ]);
  });

  it('seccomp: set at the pod level for the containers that have none', () => {
    assert.deepEqual(rows('seccomp.yaml', 'seccomp-init-container-unset', 'restricted'), [
      [
        'SW-CFG-124',
        127,
        '$.spec.securityContext.seccompProfile',
        'No seccomp profile: pod or container "setup" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
        'Pod seccomp-init-container-unset, container setup',
        'seccompProfile not set',
        [
          {
            op: 'add',
            path: '/spec/securityContext/seccompProfile',
            value: { type: 'RuntimeDefault' },
          },
        ],
      ],
    ]);
    // Unconfined at the pod is reported once; fixing it covers the containers that inherit it.
    assert.deepEqual(
      rows('seccomp.yaml', 'seccomp-unconfined-pod', 'restricted').map((r) => r[0]),
      ['SW-CFG-109'],
    );
  });

  it('capabilities: drop ALL (appended to an existing list), add nothing but NET_BIND_SERVICE', () => {
    assert.deepEqual(rows('capabilities-restricted.yaml', 'drop-missing', 'restricted'), [
      [
        'SW-CFG-126',
        39,
        '$.spec.initContainers[0].securityContext.capabilities.drop',
        'Capabilities not dropped: container "setup" must set securityContext.capabilities.drop=["ALL"]',
        'Pod drop-missing, container setup',
        'capabilities.drop not set',
        [
          {
            op: 'add',
            path: '/spec/initContainers/0/securityContext/capabilities',
            value: { drop: ['ALL'] },
          },
        ],
      ],
      [
        'SW-CFG-126',
        46,
        '$.spec.containers[0].securityContext.capabilities.drop',
        'Capabilities not dropped: container "app" must set securityContext.capabilities.drop=["ALL"]',
        'Pod drop-missing, container app',
        'capabilities.drop: [NET_RAW]',
        [
          {
            op: 'add',
            path: '/spec/containers/0/securityContext/capabilities/drop/-',
            value: 'ALL',
          },
        ],
      ],
    ]);
    assert.deepEqual(
      rows('capabilities-restricted.yaml', 'add-baseline-capability', 'restricted'),
      [
        [
          'SW-CFG-125',
          88,
          '$.spec.containers[0].securityContext.capabilities.add',
          'Capability added beyond NET_BIND_SERVICE: container "app" must not include "CHOWN", "SETUID" in securityContext.capabilities.add',
          'Pod add-baseline-capability, container app',
          'capabilities.add: [CHOWN, SETUID]',
          [
            {
              op: 'replace',
              path: '/spec/containers/0/securityContext/capabilities/add',
              value: ['NET_BIND_SERVICE'],
            },
          ],
        ],
      ],
    );
    // Beyond the baseline set, the one finding names both standards.
    assert.deepEqual(
      rows('capabilities-baseline.yaml', 'capabilities-net-raw', 'restricted').map((r) => [
        r[0],
        r[6],
      ]),
      [
        [
          'SW-CFG-103',
          [
            {
              op: 'replace',
              path: '/spec/containers/0/securityContext/capabilities/add',
              value: ['NET_BIND_SERVICE'],
            },
          ],
        ],
      ],
    );
  });

  it('/proc mount: still Default only for a pod with its own user namespace', () => {
    assert.deepEqual(rows('proc-mount.yaml', 'proc-mount-unmasked-user-namespace', 'restricted'), [
      [
        'SW-CFG-127',
        82,
        '$.spec.containers[0].securityContext.procMount',
        'Unmasked /proc mount in a user-namespace pod: container "app" must not set securityContext.procMount to "Unmasked"',
        'Pod proc-mount-unmasked-user-namespace, container app',
        'procMount: Unmasked',
        [{ op: 'replace', path: '/spec/containers/0/securityContext/procMount', value: 'Default' }],
      ],
    ]);
    assert.deepEqual(
      rows('proc-mount.yaml', 'proc-mount-unmasked', 'restricted').map((r) => r[0]),
      ['SW-CFG-108'],
    );
  });

  it('Windows pods: exempt from privilege escalation, seccomp and capabilities, not from running as non-root', () => {
    assert.deepEqual(rows('windows.yaml', 'windows-restricted', 'restricted'), []);
    assert.deepEqual(
      rows('windows.yaml', 'windows-root-allowed', 'restricted').map((r) => r[0]),
      ['SW-CFG-122'],
    );
    assert.deepEqual(
      rows('windows.yaml', 'linux-os-named', 'restricted').map((r) => r[0]),
      ['SW-CFG-121', 'SW-CFG-124', 'SW-CFG-126'],
    );
  });
});
