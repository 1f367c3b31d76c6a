// SW-CFG-002: capabilities added beyond the runtime's default set (`ALL` counts), as CIS Docker Benchmark v1.6.0 5.4
// audits CapAdd; the default set is Docker's (https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities).

import { capabilityName, DOCKER_DEFAULT_CAPABILITIES } from '../../config/capabilities.js';
import { dockerAdvice, hit, type Control } from './control.js';
import { parentKey, removeElementsPatch } from './patch.js';

/** What Docker (and containerd's CRI, and Podman before 4.0) grants a container without --cap-add. */
export const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set(DOCKER_DEFAULT_CAPABILITIES);

export { capabilityName };

/** The keys that hold a list of added capabilities, where removing an element is the fix. */
const ADD_LISTS = new Set(['add', 'cap_add', 'CapAdd']);

export const ADDED_CAPABILITIES: Control = {
  rule: {
    id: 'SW-CFG-002',
    kind: 'config',
    severity: 'high',
    title: 'Capabilities added beyond the runtime default',
    remediation:
      'Drop all capabilities and add back only those the process needs; never add ALL or SYS_ADMIN.',
    references: [
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
    frameworks: { 'cis-docker': ['5.4'], pss: ['baseline:capabilities'] },
  },
  advice: {
    ...dockerAdvice(
      'Remove the --cap-add flags the process does not need; start from --cap-drop=ALL.',
    ),
    compose:
      'Remove the entries from `cap_add` the process does not need; start from `cap_drop: [ALL]`.',
    kubernetes:
      'Remove the entries from `securityContext.capabilities.add` the process does not need; drop ALL first.',
  },
  check(spec) {
    const extra = spec.capAdd.filter((cap) => !DEFAULT_CAPABILITIES.has(capabilityName(cap.value)));
    if (extra.length === 0) return [];
    const names = [...new Set(extra.map((cap) => capabilityName(cap.value)))].sort();
    const inAddList = extra.every((cap) => ADD_LISTS.has(String(parentKey(cap.at))));
    return [
      hit(extra[0]!.at, `Adds capabilities ${names.join(', ')}`, {
        evidence: extra.map((cap) => cap.value).join(', '),
        patch: inAddList
          ? removeElementsPatch(
              spec,
              extra.map((cap) => cap.at),
            )
          : undefined,
      }),
    ];
  },
};
