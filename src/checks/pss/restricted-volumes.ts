// PSS restricted "Volume Types": besides hostPath, only core volume types and storage through PersistentVolumes.
// Restricted fields: spec.volumes[*] sources other than the allowed. Allowed values: configMap, csi, downwardAPI,
// emptyDir, ephemeral, image (since 1.33), persistentVolumeClaim, projected, secret. A volume that names no source
// is defaulted to emptyDir by the API server before admission, so it is allowed too.

import { containersPhrase, pssFinding, type PssCheck } from './context.js';
import { containersMounting, hostPathFinding } from './host-path-volumes.js';
import { VOLUME_TYPE } from './rules.js';

const ALLOWED = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Every other volume source of the core API, in the order upstream names the first one it finds. */
const FORBIDDEN = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

export const restrictedVolumesCheck: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  overrides: ['hostPathVolumes'],
  findings(pod) {
    return pod.spec
      .get('volumes')
      .items()
      .flatMap((volume, index) => {
        if (ALLOWED.some((key) => volume.get(key).present)) return [];
        const type = FORBIDDEN.find((key) => volume.get(key).present);
        if (type === undefined) return [];
        if (type === 'hostPath') return [hostPathFinding(pod, volume, index)];
        const name = volume.get('name').string();
        const mountedBy = containersMounting(pod, name);
        return [
          pssFinding(VOLUME_TYPE, pod, volume.get(type), {
            title: `volume ${JSON.stringify(name ?? `volumes[${index}]`)} uses restricted volume type ${JSON.stringify(type)}${
              mountedBy.length > 0 ? `, mounted by ${containersPhrase(mountedBy)}` : ''
            }`,
            containers: mountedBy,
            evidence: `${type}: ${JSON.stringify(volume.get(type).value)}`,
          }),
        ];
      });
  },
};
