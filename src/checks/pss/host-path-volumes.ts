// PSS baseline "HostPath Volumes": hostPath volumes must be forbidden.
// Restricted fields: spec.volumes[*].hostPath. Allowed values: undefined/nil.

import type { ManifestNode } from '../../config/kubernetes/node.js';
import { containersPhrase, pssFinding, type PssCheck, type PssPod } from './context.js';
import { HOST_PATH_VOLUME } from './rules.js';

/** The containers that mount the volume named `name`, in container order. */
export function containersMounting(pod: PssPod, name: string | undefined): string[] {
  if (name === undefined) return [];
  return pod.containers
    .filter((c) =>
      c.node
        .get('volumeMounts')
        .items()
        .some((m) => m.get('name').string() === name),
    )
    .map((c) => c.name);
}

/** A finding about one volume, naming it and the containers that mount it. */
export function hostPathFinding(
  pod: PssPod,
  volume: ManifestNode,
  index: number,
): ReturnType<typeof pssFinding> {
  const name = volume.get('name').string();
  const mountedBy = containersMounting(pod, name);
  const field = volume.get('hostPath');
  const path = field.get('path').string() ?? '';
  return pssFinding(HOST_PATH_VOLUME, pod, field, {
    title: `volume ${JSON.stringify(name ?? `volumes[${index}]`)} is a hostPath volume (${path})${
      mountedBy.length > 0 ? `, mounted by ${containersPhrase(mountedBy)}` : ''
    }`,
    containers: mountedBy,
    evidence: `hostPath: ${path}`,
  });
}

export const hostPathVolumesCheck: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  findings(pod) {
    return pod.spec
      .get('volumes')
      .items()
      .flatMap((volume, index) =>
        volume.get('hostPath').present ? [hostPathFinding(pod, volume, index)] : [],
      );
  },
};
