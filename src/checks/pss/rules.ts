// The Pod Security Standards rules, SW-CFG-100 to SW-CFG-149: ids are stable forever, never renumbered or reused.
// https://kubernetes.io/docs/concepts/security/pod-security-standards/ (baseline 100-119, restricted 120-149)

import type { Rule } from '../../model/finding.js';

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const SECURITY_CONTEXT =
  'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';

function rule(
  id: string,
  severity: Rule['severity'],
  title: string,
  pss: string[],
  remediation: string,
  references: string[] = [],
): Rule {
  return {
    id,
    kind: 'config',
    severity,
    title,
    remediation,
    references: [PSS, ...references],
    frameworks: { pss: [...pss].sort() },
  };
}

export const HOST_PROCESS = rule(
  'SW-CFG-100',
  'high',
  'Windows HostProcess container',
  ['baseline:hostProcess'],
  'Remove securityContext.windowsOptions.hostProcess (or set it to false); a HostProcess container has the privileges of the Windows node.',
  ['https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/'],
);

export const HOST_NAMESPACES = rule(
  'SW-CFG-101',
  'high',
  "Pod shares the node's namespaces",
  ['baseline:hostNamespaces'],
  'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).',
);

export const PRIVILEGED = rule(
  'SW-CFG-102',
  'high',
  'Privileged container',
  ['baseline:privileged'],
  'Set securityContext.privileged to false (or remove it) and add only the capabilities the container needs.',
  [SECURITY_CONTEXT],
);

export const CAPABILITIES_BASELINE = rule(
  'SW-CFG-103',
  'high',
  'Capability added beyond the baseline set',
  ['baseline:capabilities', 'restricted:capabilities'],
  'Remove the capability from securityContext.capabilities.add; baseline allows only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT.',
  [SECURITY_CONTEXT],
);

export const HOST_PATH_VOLUME = rule(
  'SW-CFG-104',
  'high',
  'hostPath volume',
  ['baseline:hostPathVolumes', 'restricted:volumeTypes'],
  'Replace the hostPath volume with an emptyDir, a configMap or secret, or a persistentVolumeClaim.',
  ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
);

export const HOST_PORT = rule(
  'SW-CFG-105',
  'medium',
  'Container binds a host port',
  ['baseline:hostPorts'],
  'Remove hostPort from the container port (or set it to 0) and expose the pod through a Service.',
  ['https://kubernetes.io/docs/concepts/configuration/overview/#services'],
);

export const APPARMOR = rule(
  'SW-CFG-106',
  'medium',
  'AppArmor profile overridden',
  ['baseline:appArmor'],
  'Set appArmorProfile.type to RuntimeDefault or Localhost (annotation values runtime/default or localhost/<profile>), or remove it.',
  ['https://kubernetes.io/docs/tutorials/security/apparmor/'],
);

export const SELINUX = rule(
  'SW-CFG-107',
  'medium',
  'Custom SELinux options',
  ['baseline:seLinux'],
  'Remove seLinuxOptions.user and .role, and use a type of container_t, container_init_t, container_kvm_t or container_engine_t (or none).',
  [SECURITY_CONTEXT],
);

export const PROC_MOUNT = rule(
  'SW-CFG-108',
  'medium',
  'Unmasked /proc mount',
  ['baseline:procMount'],
  'Set securityContext.procMount to Default (or remove it); baseline allows Unmasked only in a pod with hostUsers: false.',
  [SECURITY_CONTEXT],
);

export const SECCOMP_UNCONFINED = rule(
  'SW-CFG-109',
  'medium',
  'Seccomp profile Unconfined',
  ['baseline:seccomp', 'restricted:seccomp'],
  'Set seccompProfile.type to RuntimeDefault (or Localhost with a profile).',
  ['https://kubernetes.io/docs/tutorials/security/seccomp/'],
);

export const UNSAFE_SYSCTL = rule(
  'SW-CFG-110',
  'medium',
  'Sysctl outside the safe set',
  ['baseline:sysctls'],
  'Remove the sysctl from spec.securityContext.sysctls, or set it on the node; only namespaced sysctls isolated from other pods are allowed.',
  ['https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/'],
);

export const PROBE_HOST = rule(
  'SW-CFG-111',
  'medium',
  'Probe or lifecycle hook sends to another host',
  ['baseline:hostProbesAndLifecycleHooks'],
  'Remove host from the httpGet or tcpSocket handler: the kubelet then probes the pod IP.',
  [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
);

export const VOLUME_TYPE = rule(
  'SW-CFG-120',
  'low',
  'Volume type outside the restricted set',
  ['restricted:volumeTypes'],
  'Use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes; reach other storage through a PersistentVolume.',
  ['https://kubernetes.io/docs/concepts/storage/volumes/'],
);

export const PRIVILEGE_ESCALATION = rule(
  'SW-CFG-121',
  'medium',
  'Privilege escalation allowed',
  ['restricted:privilegeEscalation'],
  'Set securityContext.allowPrivilegeEscalation to false on every container.',
  [SECURITY_CONTEXT],
);

export const RUN_AS_NON_ROOT = rule(
  'SW-CFG-122',
  'medium',
  'Not required to run as non-root',
  ['restricted:runAsNonRoot'],
  'Set securityContext.runAsNonRoot to true in the pod (or in every container) and run the image as a non-zero UID.',
  [SECURITY_CONTEXT],
);

export const RUN_AS_ROOT_USER = rule(
  'SW-CFG-123',
  'medium',
  'Runs as UID 0',
  ['restricted:runAsUser'],
  'Set securityContext.runAsUser to a non-zero UID (for example 10001), or remove it and run the image as a non-root user.',
  [SECURITY_CONTEXT],
);

export const SECCOMP_MISSING = rule(
  'SW-CFG-124',
  'low',
  'No seccomp profile',
  ['restricted:seccomp'],
  'Set spec.securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile).',
  ['https://kubernetes.io/docs/tutorials/security/seccomp/'],
);

export const CAPABILITIES_RESTRICTED = rule(
  'SW-CFG-125',
  'low',
  'Capability added beyond NET_BIND_SERVICE',
  ['restricted:capabilities'],
  'Remove the capability from securityContext.capabilities.add; restricted allows adding only NET_BIND_SERVICE.',
  [SECURITY_CONTEXT],
);

export const CAPABILITIES_NOT_DROPPED = rule(
  'SW-CFG-126',
  'low',
  'Capabilities not dropped',
  ['restricted:capabilities'],
  'Add ALL to securityContext.capabilities.drop, and add back only NET_BIND_SERVICE if the container needs it.',
  [SECURITY_CONTEXT],
);

export const PROC_MOUNT_USER_NAMESPACE = rule(
  'SW-CFG-127',
  'low',
  'Unmasked /proc mount in a user-namespace pod',
  ['restricted:procMount'],
  'Set securityContext.procMount to Default (or remove it); restricted allows no other /proc mount type, even with hostUsers: false.',
  ['https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/'],
);
