// What a runtime does when a configuration input leaves a field out, per input kind: the CIS Docker Benchmark v1.6.0
// section 5 controls judge the container that will run, so an absent field counts as the runtime's default.

import type { InputKind } from '../../config/container-spec.js';

/**
 * The defaults assumed for an absent field. Fields not listed here mean the same for every input: not privileged,
 * no capability added, no host path mounted, no port published, no device, root filesystem writable, no memory, CPU or
 * PIDs limit, and privilege escalation allowed (Docker's `no-new-privileges` off, Kubernetes' `allowPrivilegeEscalation`
 * true, OCI `process.noNewPrivileges` false, LXC `lxc.no_new_privs` 0).
 *
 * | input                     | seccomp          | AppArmor        | host namespaces | user namespace | health check | restart / PIDs control |
 * | ------------------------- | ---------------- | --------------- | --------------- | -------------- | ------------ | ---------------------- |
 * | docker-, podman-inspect   | runtime default  | runtime default | own             | own (1)        | none (2)     | yes / yes              |
 * | compose                   | runtime default  | runtime default | own             | own (1)        | image's (3)  | yes / yes              |
 * | kubernetes                | Unconfined (4)   | runtime default | own             | own (5)        | none (6)     | no (7) / no (8)        |
 * | oci-runtime               | none             | none            | host's (9)      | host's (9)     | n/a          | no / yes               |
 * | lxc                       | none (10)        | generated (11)  | own             | host's (12)    | n/a          | no / yes               |
 * | marathon                  | runtime default  | runtime default | own             | own (1)        | none (13)    | no (14) / yes          |
 *
 * 1. CIS 5.31 fails only on an explicit `UsernsMode: host` (`--userns=host`, `userns_mode: host`); the daemon's
 *    userns-remap setting is not in the file.
 * 2. `docker inspect` shows the effective configuration, the image's HEALTHCHECK included.
 * 3. A service without `healthcheck` runs the image's HEALTHCHECK, which this file does not show: only an explicit
 *    `disable: true` fails here (the image checks report an image without one, SW-IMG-005).
 * 4. The kubelet runs containers Unconfined unless `seccompProfile` is set (or the node enables `--seccomp-default`,
 *    which the manifest cannot show). https://kubernetes.io/docs/tutorials/security/seccomp/
 * 5. `hostUsers` defaults to true, which is every pod today: only an explicit `hostUsers: true` fails, as for Docker.
 * 6. Kubernetes ignores the image's HEALTHCHECK; the reader reports liveness/readiness/startup probes.
 * 7. Workload controllers require `restartPolicy: Always` and back off between restarts; CIS 5.15 does not apply.
 * 8. The PIDs limit of a pod is the kubelet's `podPidsLimit`, not a field of the manifest.
 * 9. OCI runtime spec: a namespace type missing from `linux.namespaces` is inherited from the runtime, that is the
 *    host's; no user namespace entry means the host's user namespace.
 *    https://github.com/opencontainers/runtime-spec/blob/main/config-linux.md#namespaces
 * 10. Without `lxc.seccomp.profile` no filter is loaded (the distribution templates set one through `lxc.include`).
 * 11. LXC loads its generated AppArmor profile unless `lxc.apparmor.profile` says otherwise.
 * 12. Without `lxc.idmap` the container is privileged: it has no user namespace of its own.
 * 13. Marathon ignores the image's HEALTHCHECK and runs only the app's `healthChecks`.
 * 14. Marathon relaunches failed tasks with a backoff by design; CIS 5.15 does not apply.
 */
export interface RuntimeDefaults {
  /** An absent seccomp setting means no filter at all. */
  seccompUnconfined: boolean;
  /** An absent AppArmor setting means no profile (and no SELinux label says the host uses SELinux instead). */
  apparmorUnconfined: boolean;
  /** An absent host PID/IPC/UTS/network field means the host's namespace is shared. */
  namespacesShared: boolean;
  /** An absent host user namespace field means the host's user namespace is shared. */
  usernsShared: boolean;
  /** Absent health check: 'none' (there is none), 'image' (the image's applies, unseen), undefined (no such thing). */
  healthcheck?: 'none' | 'image';
  /** Whether CIS 5.15 (restart policy) applies to this input. */
  restartPolicy: boolean;
  /** Whether the input can set a PIDs limit at all (CIS 5.29). */
  pidsLimit: boolean;
  /** Whether a JSON Patch of this input is useful: documents one edits, not `inspect` output or LXC's key=value. */
  patchable: boolean;
}

const DOCKER: RuntimeDefaults = {
  seccompUnconfined: false,
  apparmorUnconfined: false,
  namespacesShared: false,
  usernsShared: false,
  healthcheck: 'none',
  restartPolicy: true,
  pidsLimit: true,
  patchable: false,
};

export const RUNTIME_DEFAULTS: Readonly<Record<InputKind, RuntimeDefaults>> = {
  'docker-inspect': DOCKER,
  'podman-inspect': DOCKER,
  compose: { ...DOCKER, healthcheck: 'image', patchable: true },
  kubernetes: {
    ...DOCKER,
    seccompUnconfined: true,
    restartPolicy: false,
    pidsLimit: false,
    patchable: true,
  },
  'oci-runtime': {
    seccompUnconfined: true,
    apparmorUnconfined: true,
    namespacesShared: true,
    usernsShared: true,
    restartPolicy: false,
    pidsLimit: true,
    patchable: true,
  },
  lxc: {
    seccompUnconfined: true,
    apparmorUnconfined: false,
    namespacesShared: false,
    usernsShared: true,
    restartPolicy: false,
    pidsLimit: true,
    patchable: false,
  },
  marathon: { ...DOCKER, restartPolicy: false, patchable: true },
};
