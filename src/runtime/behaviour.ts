// What a container did while it was recorded: the kernel events the sensor saw, and their summary, which the profile
// generators read. The record file is JSON lines: a header, the events in order, then the summary (docs/record.md).

/** Socket address families by name, as the profiles need them (AppArmor `network`, NetworkPolicy). */
export type SocketFamily = 'unix' | 'inet' | 'inet6' | 'netlink' | 'packet' | `family-${number}`;

/** How a file was opened: read only, written (O_WRONLY/O_RDWR/O_TRUNC/O_APPEND), or created (O_CREAT). */
export type FileAccess = 'read' | 'write' | 'create';

interface EventBase {
  /** Milliseconds since the recording started. */
  time: number;
  pid: number;
  /** The task's command name (comm, at most 15 characters). */
  comm: string;
}

/** One kernel event of the recorded container, after parsing the sensor's output. */
export type SensorEvent =
  | (EventBase & { type: 'exec'; ppid: number; uid: number; path: string; argv: string[] })
  | (EventBase & { type: 'exit'; code: number })
  | (EventBase & { type: 'open'; path: string; flags: number; access: FileAccess })
  | (EventBase & {
      type: 'socket';
      family: SocketFamily;
      socketType: 'stream' | 'dgram' | 'raw' | 'seqpacket' | `type-${number}`;
      protocol: number;
    })
  | (EventBase & { type: 'connect' | 'bind'; family: SocketFamily; address: string; port: number })
  | (EventBase & { type: 'listen'; fd: number; backlog: number })
  | (EventBase & { type: 'accept'; fd: number })
  | (EventBase & { type: 'setuid' | 'setgid'; id: number; syscall: string })
  | (EventBase & { type: 'capset' })
  | (EventBase & { type: 'chown'; path: string; uid: number; gid: number; syscall: string })
  | (EventBase & { type: 'ptrace'; request: number; target: number })
  | (EventBase & { type: 'mount'; source: string; target: string; fstype: string; flags: number })
  | (EventBase & { type: 'module'; name: string; syscall: string })
  | (EventBase & { type: 'kill'; target: number; signal: number })
  | (EventBase & { type: 'privileged'; syscall: string; detail: string });

/** A privileged operation and what it needs, for the capability set (docs/profiles.md has the mapping). */
export interface PrivilegedOperation {
  /** e.g. `bind-privileged-port`, `chown`, `setuid`, `setgid`, `raw-socket`, `mount`, `ptrace`, `module-load`. */
  operation: string;
  /** e.g. the port, the path, the uid; sorted and distinct within one operation. */
  details: string[];
  count: number;
}

export interface NetworkEndpoint {
  family: SocketFamily;
  protocol: 'tcp' | 'udp' | 'other';
  address: string;
  port: number;
}

/** The summary of a recording: the last line of the record file. Every list is sorted and distinct. */
export interface BehaviourSummary {
  container: {
    name: string;
    /** The target as the user gave it, and the image digest when the target is an image. */
    image: string;
    imageDigest?: string;
    command: string[];
  };
  /** The machine's architecture, as `uname -m` names it (x86_64 here). */
  arch: string;
  durationSeconds: number;
  processes: { path: string; argv: string[]; uid: number; count: number }[];
  files: { path: string; access: FileAccess[] }[];
  network: {
    /** Socket families the container created sockets in. */
    families: SocketFamily[];
    /** Sockets bound and then listened on (servers). */
    listen: NetworkEndpoint[];
    /** Peers it connected to. */
    connect: NetworkEndpoint[];
    /** Addresses bound without listening (UDP servers, clients choosing their port). */
    bind: NetworkEndpoint[];
  };
  /** Every syscall name the container's processes made, with its count. */
  syscalls: Record<string, number>;
  privileged: PrivilegedOperation[];
  /** Users the processes ran as (exec uids and setuid targets). */
  uids: number[];
  /** Events the kernel could not hand to the sensor; a record with lost events is reported, never silent. */
  lostEvents: number;
  eventCount: number;
}
