// The normalised container specification every configuration input (docker/podman inspect, OCI runtime config,
// Kubernetes, Compose, LXC, Marathon) is read into, so each CIS Docker Benchmark section 5 control is written once.
// Every field remembers where it was written (file, line, JSON path), so a finding points at the original text.

/** Where a value was written: the file as given, a 1-based line when known, and the JSON path inside the document. */
export interface Origin {
  file: string;
  line?: number;
  jsonPath: string;
}

export interface Located<T> {
  value: T;
  at: Origin;
}

export type InputKind =
  | 'docker-inspect'
  | 'podman-inspect'
  | 'oci-runtime'
  | 'kubernetes'
  | 'compose'
  | 'lxc'
  | 'marathon';

export interface Mount {
  /** The host path (bind mounts, hostPath volumes), when the mount comes from the host. */
  hostPath?: string;
  /** Where it appears in the container. */
  target: string;
  kind: 'bind' | 'volume' | 'tmpfs' | 'device' | 'other';
  readOnly?: boolean;
  /** Mount propagation as the input writes it: 'shared', 'rshared', 'slave', 'private', 'Bidirectional', ... */
  propagation?: string;
}

export interface PortMapping {
  containerPort: number;
  /** The port on the host, when the container publishes one. */
  hostPort?: number;
  hostIp?: string;
  protocol?: string;
}

/** One container as configured. Absent fields mean the input does not say (the runtime's default applies). */
export interface ContainerSpec {
  input: InputKind;
  /** The file as given on the command line. */
  file: string;
  /** The resource: kind/namespace/name for Kubernetes, the service for Compose, the container's name elsewhere. */
  resource: { kind: string; namespace?: string; name: string };
  /** The container inside the resource, and where it is declared. */
  container: { name: string; at: Origin };
  image?: Located<string>;
  privileged?: Located<boolean>;
  capAdd: Located<string>[];
  capDrop: Located<string>[];
  hostPid?: Located<boolean>;
  hostIpc?: Located<boolean>;
  hostUts?: Located<boolean>;
  hostNetwork?: Located<boolean>;
  /** Sharing the host's user namespace (Docker `UsernsMode: host`; no user namespace mapping in LXC/OCI). */
  hostUserns?: Located<boolean>;
  mounts: Located<Mount>[];
  /** 'unconfined', 'runtime/default', 'localhost/NAME', a profile path, or the profile as the input writes it. */
  seccomp?: Located<string>;
  apparmor?: Located<string>;
  selinux?: Located<{
    type?: string;
    user?: string;
    role?: string;
    level?: string;
    disabled?: boolean;
  }>;
  noNewPrivileges?: Located<boolean>;
  readOnlyRootfs?: Located<boolean>;
  /** Bytes. */
  memoryLimit?: Located<number>;
  /** CPUs (1.5 = one and a half). */
  cpuLimit?: Located<number>;
  pidsLimit?: Located<number>;
  ports: Located<PortMapping>[];
  /** Host devices passed in (`/dev/sda`, `/dev/kvm`). */
  devices: Located<string>[];
  restartPolicy?: Located<{ name: string; maxRetries?: number }>;
  /** Whether a health check is configured (false when disabled explicitly). */
  healthcheck?: Located<boolean>;
  user?: Located<string>;
  sysctls: Located<{ name: string; value: string }>[];
}
