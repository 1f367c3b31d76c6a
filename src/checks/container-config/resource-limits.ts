// SW-CFG-016 ... SW-CFG-018: no memory, CPU or PIDs limit, so one container can starve the host (or fork-bomb it).
// CIS Docker Benchmark v1.6.0 5.11, 5.12 and 5.29 (Docker: Memory 0, NanoCpus/CpuQuota 0, PidsLimit 0 or -1).

import type { ContainerSpec, Located } from '../../config/container-spec.js';
import type { Rule } from '../../model/finding.js';
import { dockerAdvice, hit, type Control, type Hit } from './control.js';
import { RUNTIME_DEFAULTS } from './defaults.js';

interface Limit {
  rule: Rule;
  /** "memory", as titles say it. */
  name: string;
  field: (spec: ContainerSpec) => Located<number> | undefined;
  applies: (spec: ContainerSpec) => boolean;
  shown: (value: number) => string;
  advice: Control['advice'];
}

function limitControl(limit: Limit): Control {
  return {
    rule: limit.rule,
    advice: limit.advice,
    check(spec): Hit[] {
      if (!limit.applies(spec)) return [];
      const field = limit.field(spec);
      // Docker writes 0 (and -1 for PIDs) for "no limit".
      if (field && field.value > 0) return [];
      if (field) {
        return [
          hit(field.at, `Has no ${limit.name} limit`, {
            evidence: `${limit.shown(field.value)} (unlimited)`,
          }),
        ];
      }
      return [hit(spec.container.at, `Has no ${limit.name} limit (not set)`)];
    },
  };
}

const always = () => true;

export const NO_MEMORY_LIMIT = limitControl({
  rule: {
    id: 'SW-CFG-016',
    kind: 'config',
    severity: 'low',
    title: 'No memory limit',
    remediation: "Limit the memory the container may use, so that it cannot exhaust the host's.",
    references: [
      'https://docs.docker.com/engine/containers/resource_constraints/#memory',
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    ],
    frameworks: { 'cis-docker': ['5.11'] },
  },
  name: 'memory',
  field: (spec) => spec.memoryLimit,
  applies: always,
  shown: (value) => `${value} bytes`,
  advice: {
    ...dockerAdvice('Run the container with --memory (for example --memory=512m).'),
    compose: 'Set `mem_limit` (or `deploy.resources.limits.memory`) on the service.',
    kubernetes: 'Set `resources.limits.memory` on the container.',
    'oci-runtime': 'Set `linux.resources.memory.limit`.',
    lxc: 'Set `lxc.cgroup2.memory.max`.',
  },
});

export const NO_CPU_LIMIT = limitControl({
  rule: {
    id: 'SW-CFG-017',
    kind: 'config',
    severity: 'low',
    title: 'No CPU limit',
    remediation:
      'Limit the CPU the container may use (or its share), so that it cannot starve its neighbours.',
    references: [
      'https://docs.docker.com/engine/containers/resource_constraints/#cpu',
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    ],
    frameworks: { 'cis-docker': ['5.12'] },
  },
  name: 'CPU',
  field: (spec) => spec.cpuLimit,
  applies: always,
  shown: (value) => `${value} CPUs`,
  advice: {
    ...dockerAdvice('Run the container with --cpus (or --cpu-shares).'),
    compose: 'Set `cpus` (or `deploy.resources.limits.cpus`) on the service.',
    kubernetes: 'Set `resources.limits.cpu` on the container.',
    'oci-runtime': 'Set `linux.resources.cpu.quota` and `period` (or `shares`).',
    lxc: 'Set `lxc.cgroup2.cpu.max`.',
  },
});

export const NO_PIDS_LIMIT = limitControl({
  rule: {
    id: 'SW-CFG-018',
    kind: 'config',
    severity: 'low',
    title: 'No PIDs limit',
    remediation:
      'Limit the number of processes the container may run, so that a fork bomb stays inside it.',
    references: [
      'https://docs.docker.com/reference/cli/docker/container/run/#pids-limit',
      'https://docs.kernel.org/admin-guide/cgroup-v2.html#pid',
    ],
    frameworks: { 'cis-docker': ['5.29'] },
  },
  name: 'PIDs',
  field: (spec) => spec.pidsLimit,
  applies: (spec) => RUNTIME_DEFAULTS[spec.input].pidsLimit,
  shown: (value) => `${value} processes`,
  advice: {
    ...dockerAdvice('Run the container with --pids-limit (for example --pids-limit=200).'),
    compose: 'Set `pids_limit` (or `deploy.resources.limits.pids`) on the service.',
    'oci-runtime': 'Set `linux.resources.pids.limit`.',
    lxc: 'Set `lxc.cgroup2.pids.max`.',
  },
});
