// The container configuration controls (SW-CFG-001 ... SW-CFG-024; ids up to SW-CFG-099 are this module's): the CIS
// Docker Benchmark v1.6.0 section 5 controls over normalised ContainerSpecs -> Findings. Defaults: see defaults.ts.

import type { ContainerSpec } from '../../config/container-spec.js';
import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { compareFindingsOfChecks } from '../order.js';
import { APPARMOR_UNCONFINED } from './apparmor.js';
import { ADDED_CAPABILITIES } from './capabilities.js';
import type { Control, Hit } from './control.js';
import { HOST_DEVICES } from './devices.js';
import { NO_HEALTHCHECK } from './healthcheck.js';
import { RUNTIME_SOCKET_MOUNT, SENSITIVE_MOUNT } from './host-mounts.js';
import { HOST_IPC, HOST_NETWORK, HOST_PID, HOST_USERNS, HOST_UTS } from './host-namespaces.js';
import { LATEST_IMAGE } from './image-tag.js';
import { SHARED_PROPAGATION } from './mount-propagation.js';
import { NO_NEW_PRIVILEGES } from './no-new-privileges.js';
import { PORT_ON_ALL_INTERFACES, PRIVILEGED_HOST_PORT } from './ports.js';
import { PRIVILEGED } from './privileged.js';
import { WRITABLE_ROOTFS } from './read-only-rootfs.js';
import { NO_CPU_LIMIT, NO_MEMORY_LIMIT, NO_PIDS_LIMIT } from './resource-limits.js';
import { resourceLabel } from './resource.js';
import { UNBOUNDED_RESTART } from './restart-policy.js';
import { SECCOMP_UNCONFINED } from './seccomp.js';
import { SELINUX_DISABLED } from './selinux.js';

export type { Control, Hit } from './control.js';
export type { ConfigResource } from './resource.js';
export { configResourceOf } from './resource.js';
export { jsonPathToPointer } from './json-pointer.js';
export { RUNTIME_DEFAULTS, type RuntimeDefaults } from './defaults.js';

/** Every control, in id order. */
export const CONTAINER_CONTROLS: readonly Control[] = [
  PRIVILEGED,
  ADDED_CAPABILITIES,
  HOST_PID,
  HOST_IPC,
  HOST_UTS,
  HOST_NETWORK,
  HOST_USERNS,
  SENSITIVE_MOUNT,
  RUNTIME_SOCKET_MOUNT,
  SHARED_PROPAGATION,
  SECCOMP_UNCONFINED,
  APPARMOR_UNCONFINED,
  SELINUX_DISABLED,
  NO_NEW_PRIVILEGES,
  WRITABLE_ROOTFS,
  NO_MEMORY_LIMIT,
  NO_CPU_LIMIT,
  NO_PIDS_LIMIT,
  PRIVILEGED_HOST_PORT,
  PORT_ON_ALL_INTERFACES,
  HOST_DEVICES,
  UNBOUNDED_RESTART,
  LATEST_IMAGE,
  NO_HEALTHCHECK,
];

/** Every rule of these controls, by id. */
export const CIS_CONFIG_RULES: readonly Rule[] = CONTAINER_CONTROLS.map((control) => control.rule);

/** Hits of one control that are the same place in the same workload: a pod-level field shared by its containers. */
interface Group {
  control: Control;
  spec: ContainerSpec;
  hit: Hit;
  containers: string[];
}

/**
 * The findings of every control over `containers`, in the one check order. A field of the pod (hostNetwork, a pod
 * securityContext) fails once for the pod, naming each container it affects, rather than once per container.
 */
export function containerConfigFindings(containers: readonly ContainerSpec[]): Finding[] {
  const groups = new Map<string, Group>();
  for (const spec of containers) {
    for (const control of CONTAINER_CONTROLS) {
      for (const hit of control.check(spec)) {
        const key = JSON.stringify([
          control.rule.id,
          spec.file,
          spec.input,
          spec.resource,
          hit.at.line ?? null,
          hit.at.jsonPath,
          hit.problem,
          hit.evidence ?? null,
          hit.patch ?? null,
        ]);
        const group = groups.get(key);
        if (group) {
          if (!group.containers.includes(spec.container.name))
            group.containers.push(spec.container.name);
        } else groups.set(key, { control, spec, hit, containers: [spec.container.name] });
      }
    }
  }
  return [...groups.values()].map(findingOfGroup).sort(compareFindingsOfChecks);
}

function findingOfGroup({ control, spec, hit, containers }: Group): Finding {
  const resource = resourceLabel(spec, [...containers].sort());
  const location: Finding['location'] = { path: spec.file, jsonPath: hit.at.jsonPath };
  if (hit.at.line !== undefined) location.line = hit.at.line;
  const details: { title: string; evidence?: string } = { title: `${hit.problem} (${resource})` };
  if (hit.evidence !== undefined) details.evidence = hit.evidence;
  const finding = findingOf(control.rule, location, details);
  finding.remediation = control.advice?.[spec.input] ?? control.rule.remediation;
  finding.resource = resource;
  if (hit.patch !== undefined) finding.patch = hit.patch;
  return finding;
}
