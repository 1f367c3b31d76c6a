// SW-CFG-008 and SW-CFG-009: host paths mounted into the container: the system directories CIS Docker Benchmark v1.6.0
// 5.6 names, and container runtime sockets (5.32: whoever holds the Docker socket controls the host).

import { posix } from 'node:path';
import type { ContainerSpec, Located, Mount } from '../../config/container-spec.js';
import { dockerAdvice, hit, type Control, type Hit } from './control.js';
import { removeElementsPatch } from './patch.js';

/**
 * CIS 5.6's list. `/` counts only as itself (everything is below it); the others count with everything below them,
 * since `/etc/shadow` or `/proc/sysrq-trigger` is as sensitive as its directory.
 */
const SENSITIVE_TREES = ['/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];

/**
 * Runtime API sockets: Docker's, containerd's, CRI-O's, Podman's (rootful, and rootless under /run/user/UID), and the
 * directories that hold them, since mounting `/run` or `/var/run` (a symlink to it, resolved on the host when the bind
 * mount is made) hands over the socket inside just the same.
 */
const SOCKETS = [
  /^\/(?:var\/)?run\/docker\.sock$/,
  /^\/(?:var\/)?run\/containerd\/containerd\.sock$/,
  /^\/(?:var\/)?run\/crio\/crio\.sock$/,
  /^\/(?:var\/)?run\/podman\/podman\.sock$/,
  /^\/(?:var\/)?run\/dockershim\.sock$/,
  /^\/run\/user\/\d+\/docker\.sock$/,
  /^\/run\/user\/\d+\/podman\/podman\.sock$/,
];
const SOCKET_DIRECTORIES = [
  /^\/(?:var\/)?run(?:\/(?:containerd|crio|podman))?$/,
  /^\/run\/user\/\d+(?:\/podman)?$/,
];

/** The host path of a bind or hostPath mount, normalised (`/etc/` and `/etc/./` are `/etc`); undefined otherwise. */
export function hostPathOf(mount: Mount): string | undefined {
  const path = mount.hostPath;
  if (path === undefined || !path.startsWith('/')) return undefined; // relative: a Compose project directory
  const normal = posix.normalize(path);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/** 'socket' for a runtime socket, 'directory' for a directory that holds one, undefined otherwise. */
export function runtimeSocketKind(path: string): 'socket' | 'directory' | undefined {
  if (SOCKETS.some((pattern) => pattern.test(path))) return 'socket';
  if (SOCKET_DIRECTORIES.some((pattern) => pattern.test(path))) return 'directory';
  return undefined;
}

export function isSensitiveHostPath(path: string): boolean {
  return (
    path === '/' || SENSITIVE_TREES.some((tree) => path === tree || path.startsWith(`${tree}/`))
  );
}

function describe(mount: Mount, path: string): string {
  return `${path} -> ${mount.target}${mount.readOnly ? ' (read-only)' : ''}`;
}

/** Compose `volumes` entries go away; a Kubernetes hostPath needs the volume and its mount removed, two fields. */
function removeVolume(spec: ContainerSpec, mount: Located<Mount>) {
  return spec.input === 'compose' ? removeElementsPatch(spec, [mount.at]) : undefined;
}

/** A Hit for each mount whose host path `what` names ("the sensitive host path"); undefined: not this control's. */
function mountHits(spec: ContainerSpec, what: (path: string) => string | undefined): Hit[] {
  const hits: Hit[] = [];
  for (const mount of spec.mounts) {
    const path = hostPathOf(mount.value);
    const named = path === undefined ? undefined : what(path);
    if (path === undefined || named === undefined) continue;
    hits.push(
      hit(mount.at, `Mounts ${named} ${path}${mount.value.readOnly ? ' read-only' : ''}`, {
        evidence: describe(mount.value, path),
        patch: removeVolume(spec, mount),
      }),
    );
  }
  return hits;
}

export const SENSITIVE_MOUNT: Control = {
  rule: {
    id: 'SW-CFG-008',
    kind: 'config',
    severity: 'high',
    title: 'A sensitive host directory is mounted',
    remediation:
      "Do not mount the host's system directories (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr) into the container; mount a dedicated directory or volume instead, read-only where possible.",
    references: [
      'https://docs.docker.com/engine/storage/bind-mounts/',
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    ],
    frameworks: { 'cis-docker': ['5.6'], pss: ['baseline:hostPathVolumes'] },
  },
  advice: {
    ...dockerAdvice(
      'Remove the -v/--mount of the host directory; use a named volume or a dedicated directory.',
    ),
    compose: "Remove the host directory from the service's `volumes`; use a named volume.",
    kubernetes:
      'Replace the `hostPath` volume with a ConfigMap, Secret, emptyDir or PersistentVolumeClaim.',
  },
  check: (spec) =>
    mountHits(spec, (path) => (isSensitiveHostPath(path) ? 'the sensitive host path' : undefined)),
};

export const RUNTIME_SOCKET_MOUNT: Control = {
  rule: {
    id: 'SW-CFG-009',
    kind: 'config',
    severity: 'critical',
    title: 'A container runtime socket is mounted',
    remediation:
      'Do not mount the Docker (or containerd, CRI-O, Podman) socket: it gives the container full control of the host. Put a filtering proxy in between when a tool must talk to the daemon.',
    references: [
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    ],
    frameworks: { 'cis-docker': ['5.32'], pss: ['baseline:hostPathVolumes'] },
  },
  advice: {
    ...dockerAdvice('Remove the -v /var/run/docker.sock mount.'),
    compose: "Remove the socket from the service's `volumes`.",
    kubernetes: 'Remove the `hostPath` volume of the socket and its `volumeMounts` entry.',
  },
  check: (spec) =>
    mountHits(spec, (path) => {
      const kind = runtimeSocketKind(path);
      if (kind === undefined) return undefined;
      return kind === 'socket'
        ? 'the container runtime socket'
        : 'the directory of a container runtime socket,';
    }),
};
