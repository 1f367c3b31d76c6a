// SW-CFG-021: host devices passed into the container (`--device`, Compose `devices`, OCI `linux.devices`).
// CIS Docker Benchmark v1.6.0 5.18.

import { dockerAdvice, hit, type Control } from './control.js';
import { removeElementsPatch } from './patch.js';

export const HOST_DEVICES: Control = {
  rule: {
    id: 'SW-CFG-021',
    kind: 'config',
    severity: 'medium',
    title: 'A host device is exposed to the container',
    remediation:
      'Do not pass host devices into the container unless it needs them; then only the one device, with the least permissions (r, w or m) it needs.',
    references: ['https://docs.docker.com/reference/cli/docker/container/run/#device'],
    frameworks: { 'cis-docker': ['5.18'] },
  },
  advice: {
    ...dockerAdvice('Remove the --device flags the container does not need.'),
    compose: "Remove the entries of the service's `devices` it does not need.",
    'oci-runtime': 'Remove the entries of `linux.devices` the container does not need.',
  },
  check(spec) {
    return spec.devices.map((device) =>
      hit(device.at, `Has the host device ${device.value}`, {
        evidence: device.value,
        patch: spec.input === 'compose' ? removeElementsPatch(spec, [device.at]) : undefined,
      }),
    );
  },
};
