// PSS baseline "Host Probes / Lifecycle Hooks" (policy v1.34+): a probe or hook must not reach another host.
// Restricted fields: spec.{containers,initContainers,ephemeralContainers}[*].{livenessProbe,readinessProbe,
// startupProbe}.{httpGet,tcpSocket}.host and [*].lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host.
// Allowed values: undefined/nil, "".

import type { ManifestNode } from '../../config/kubernetes/node.js';
import { containersPhrase, pssFinding, removeField, type PssCheck } from './context.js';
import { PROBE_HOST } from './rules.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];
const ACTIONS = ['httpGet', 'tcpSocket'];

function handlers(container: ManifestNode): ManifestNode[] {
  return [
    ...PROBES.map((probe) => container.get(probe)),
    ...HOOKS.map((hook) => container.at('lifecycle', hook)),
  ];
}

export const hostProbesCheck: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  findings(pod) {
    return pod.containers.flatMap((c) =>
      handlers(c.node).flatMap((handler) =>
        ACTIONS.flatMap((action) => {
          const field = handler.at(action, 'host');
          const host = field.string() ?? '';
          if (host === '') return [];
          const where = field.path.slice(c.node.path.length, -1).join('.');
          return [
            pssFinding(PROBE_HOST, pod, field, {
              title: `${containersPhrase([c.name])} uses probe or lifecycle host ${JSON.stringify(host)} (${where})`,
              containers: [c.name],
              evidence: `${where}.host: ${host}`,
              patch: removeField(field),
            }),
          ];
        }),
      ),
    );
  },
};
