// SW-CFG-003 ... SW-CFG-007: sharing the host's PID, IPC, UTS, network or user namespace. CIS Docker Benchmark v1.6.0
// 5.16, 5.17, 5.21, 5.10, 5.31; Pod Security Standards baseline "Host Namespaces" (Kubernetes has no UTS field).

import type { ContainerSpec, Located } from '../../config/container-spec.js';
import type { Rule } from '../../model/finding.js';
import { dockerAdvice, hit, type Control, type Hit } from './control.js';
import { RUNTIME_DEFAULTS } from './defaults.js';
import { fixByKey, type FieldFix } from './patch.js';

const REFERENCES = [
  'https://docs.docker.com/engine/containers/run/',
  'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
];

/** Kubernetes' booleans go false; Compose's `pid: host` and kin go away (the container then gets its own). */
const FIXES: Record<string, FieldFix> = {
  hostPID: { replace: false },
  hostIPC: { replace: false },
  hostNetwork: { replace: false },
  hostUsers: { replace: false },
  pid: 'remove',
  ipc: 'remove',
  uts: 'remove',
  network_mode: 'remove',
  userns_mode: 'remove',
};

interface Namespace {
  rule: Rule;
  /** As titles say it: "PID". */
  name: string;
  /** The OCI `linux.namespaces` type, for the evidence of a missing entry. */
  ociType: string;
  field: (spec: ContainerSpec) => Located<boolean> | undefined;
  /** Whether an absent field means the host's namespace for this input. */
  sharedByDefault: (spec: ContainerSpec) => boolean;
  advice: Control['advice'];
}

function namespaceControl(ns: Namespace): Control {
  return {
    rule: ns.rule,
    advice: ns.advice,
    check(spec): Hit[] {
      const field = ns.field(spec);
      const problem = `Shares the host's ${ns.name} namespace`;
      if (field) {
        return field.value
          ? [hit(field.at, problem, { patch: fixByKey(spec, field.at, FIXES) })]
          : [];
      }
      if (!ns.sharedByDefault(spec)) return [];
      return [hit(spec.container.at, `${problem} by default`, { evidence: absence(spec, ns) })];
    },
  };
}

/** Why the runtime's default is the host's namespace, in the input's terms. */
function absence(spec: ContainerSpec, ns: Namespace): string {
  if (spec.input === 'oci-runtime') return `linux.namespaces has no "${ns.ociType}" entry`;
  if (spec.input === 'lxc' && ns.ociType === 'user') return 'no lxc.idmap';
  return `${ns.name} namespace not configured`;
}

const namespacesShared = (spec: ContainerSpec) => RUNTIME_DEFAULTS[spec.input].namespacesShared;

export const HOST_PID = namespaceControl({
  rule: {
    id: 'SW-CFG-003',
    kind: 'config',
    severity: 'high',
    title: "Shares the host's PID namespace",
    remediation:
      "Give the container its own PID namespace: it can otherwise see and signal the host's processes.",
    references: REFERENCES,
    frameworks: { 'cis-docker': ['5.16'], pss: ['baseline:hostNamespaces'] },
  },
  name: 'PID',
  ociType: 'pid',
  field: (spec) => spec.hostPid,
  sharedByDefault: namespacesShared,
  advice: {
    ...dockerAdvice('Run the container without --pid=host.'),
    compose: 'Remove `pid: host` from the service.',
    kubernetes: 'Remove `hostPID: true` from the pod spec.',
    'oci-runtime': 'Add `{"type": "pid"}` to `linux.namespaces`.',
  },
});

export const HOST_IPC = namespaceControl({
  rule: {
    id: 'SW-CFG-004',
    kind: 'config',
    severity: 'high',
    title: "Shares the host's IPC namespace",
    remediation:
      "Give the container its own IPC namespace: it can otherwise reach the host's shared memory.",
    references: REFERENCES,
    frameworks: { 'cis-docker': ['5.17'], pss: ['baseline:hostNamespaces'] },
  },
  name: 'IPC',
  ociType: 'ipc',
  field: (spec) => spec.hostIpc,
  sharedByDefault: namespacesShared,
  advice: {
    ...dockerAdvice('Run the container without --ipc=host.'),
    compose: 'Remove `ipc: host` from the service.',
    kubernetes: 'Remove `hostIPC: true` from the pod spec.',
    'oci-runtime': 'Add `{"type": "ipc"}` to `linux.namespaces`.',
  },
});

export const HOST_UTS = namespaceControl({
  rule: {
    id: 'SW-CFG-005',
    kind: 'config',
    severity: 'medium',
    title: "Shares the host's UTS namespace",
    remediation:
      "Give the container its own UTS namespace: it can otherwise change the host's name.",
    references: REFERENCES,
    frameworks: { 'cis-docker': ['5.21'] },
  },
  name: 'UTS',
  ociType: 'uts',
  field: (spec) => spec.hostUts,
  sharedByDefault: namespacesShared,
  advice: {
    ...dockerAdvice('Run the container without --uts=host.'),
    compose: 'Remove `uts: host` from the service.',
    'oci-runtime': 'Add `{"type": "uts"}` to `linux.namespaces`.',
  },
});

export const HOST_NETWORK = namespaceControl({
  rule: {
    id: 'SW-CFG-006',
    kind: 'config',
    severity: 'high',
    title: "Shares the host's network namespace",
    remediation:
      "Give the container its own network namespace and publish only the ports it serves: with the host's it can bind any host port and reach services listening on localhost.",
    references: REFERENCES,
    frameworks: { 'cis-docker': ['5.10'], pss: ['baseline:hostNamespaces'] },
  },
  name: 'network',
  ociType: 'network',
  field: (spec) => spec.hostNetwork,
  sharedByDefault: namespacesShared,
  advice: {
    ...dockerAdvice('Run the container without --network=host; publish ports with -p.'),
    compose: 'Remove `network_mode: host` from the service; publish ports under `ports`.',
    kubernetes: 'Remove `hostNetwork: true` from the pod spec; expose the pod through a Service.',
    'oci-runtime': 'Add `{"type": "network"}` to `linux.namespaces`.',
  },
});

export const HOST_USERNS = namespaceControl({
  rule: {
    id: 'SW-CFG-007',
    kind: 'config',
    severity: 'medium',
    title: "Shares the host's user namespace",
    remediation:
      'Run the container in a user namespace of its own, so that root inside it is not root on the host.',
    references: [
      'https://docs.docker.com/engine/security/userns-remap/',
      'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
    ],
    frameworks: { 'cis-docker': ['5.31'] },
  },
  name: 'user',
  ociType: 'user',
  field: (spec) => spec.hostUserns,
  sharedByDefault: (spec) => RUNTIME_DEFAULTS[spec.input].usernsShared,
  advice: {
    ...dockerAdvice(
      'Run the container without --userns=host (and enable userns-remap on the daemon).',
    ),
    compose: 'Remove `userns_mode: host` from the service.',
    kubernetes: 'Set `hostUsers: false` in the pod spec.',
    'oci-runtime':
      'Add `{"type": "user"}` to `linux.namespaces` with `linux.uidMappings` and `linux.gidMappings`.',
    lxc: "Map the container's ids with `lxc.idmap` (an unprivileged container).",
  },
});
