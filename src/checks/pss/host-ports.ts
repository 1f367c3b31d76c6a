// PSS baseline "Host Ports": host ports should be disallowed entirely (the built-in admission has no allow-list).
// Restricted fields: spec.{containers,initContainers,ephemeralContainers}[*].ports[*].hostPort.
// Allowed values: undefined/nil, 0.

import { containersPhrase, pssFinding, removeField, type PssCheck } from './context.js';
import { HOST_PORT } from './rules.js';

export const hostPortsCheck: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  findings(pod) {
    return pod.containers.flatMap((c) =>
      c.node
        .get('ports')
        .items()
        .flatMap((port) => {
          const field = port.get('hostPort');
          const hostPort = field.integer();
          if (hostPort === undefined || hostPort === 0) return [];
          return [
            pssFinding(HOST_PORT, pod, field, {
              title: `${containersPhrase([c.name])} uses hostPort ${hostPort}`,
              containers: [c.name],
              evidence: `hostPort: ${hostPort}`,
              patch: removeField(field),
            }),
          ];
        }),
    );
  },
};
