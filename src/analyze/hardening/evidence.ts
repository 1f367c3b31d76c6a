// The facts the 'hardening' analyzer leaves for the filesystem checks (src/checks/filesystem/), JSON-serialisable.
// Modes are POSIX st_mode permission bits (https://man7.org/linux/man-pages/man7/inode.7.html), without the file type.

import { compareText } from '../../model/order.js';

/** Most items any one list keeps; `count` still says how many there were. */
export const EVIDENCE_CAP = 200;

/** A list cut to at most EVIDENCE_CAP items (sorted by path), with the full count. */
export interface Capped<T> {
  count: number;
  items: T[];
}

/** A path of the squashed image and the layer that last wrote it. */
export interface LocatedPath {
  path: string;
  layer: number;
}

/** A regular file with the setuid or setgid bit. */
export interface PrivilegedFile extends LocatedPath {
  /** Permission bits, 0o7777. */
  mode: number;
  setuid: boolean;
  setgid: boolean;
  uid: number;
  gid: number;
  /** The owner's and group's names from the image's own /etc/passwd and /etc/group, when listed there. */
  user?: string;
  group?: string;
}

/** A world-writable regular file, or a world-writable directory without the sticky bit. */
export interface WritablePath extends LocatedPath {
  type: 'file' | 'dir';
  mode: number;
}

export const SURFACE_CATEGORIES = [
  'shell',
  'package-manager',
  'compiler',
  'debugger',
  'network-tool',
] as const;
export type SurfaceCategory = (typeof SURFACE_CATEGORIES)[number];

/** The tools of one category an attacker inside the container could use, found in the usual bin directories. */
export interface SurfaceInventory {
  category: SurfaceCategory;
  /** Distinct tool names (a name found in /bin and /usr/bin, or a busybox applet, counts once). */
  count: number;
  names: string[];
  paths: Capped<LocatedPath>;
}

export const RUNTIME_NAMES = ['java', 'node', 'perl', 'php', 'python', 'ruby'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

/** A language runtime present in the image: its interpreters in any `bin` directory. */
export interface RuntimeEvidence {
  runtime: RuntimeName;
  paths: Capped<LocatedPath>;
}

export type PackageCacheKind = 'apt-lists' | 'apt-archives' | 'apk' | 'pip' | 'npm';

/** What a package manager left behind in one directory. */
export interface PackageCache extends LocatedPath {
  kind: PackageCacheKind;
  /** The cache directory; `layer` is the newest layer that wrote a file in it. */
  path: string;
  files: number;
  bytes: number;
}

export type CredentialKind =
  | 'ssh-private-key'
  | 'aws-credentials'
  | 'npmrc'
  | 'docker-config'
  | 'git-credentials'
  | 'pgpass'
  | 'netrc'
  | 'pypirc';

/** A credential file in some layer; `layer` is the layer whose copy it is. Never the secret itself. */
export interface CredentialFile extends LocatedPath {
  kind: CredentialKind;
  /** What makes the file sensitive ("_authToken for //registry.npmjs.org/"), without any secret value. */
  reason: string;
  /** Whether a later layer deleted or replaced this copy: gone from the running image, still in the layer. */
  removedLater: boolean;
}

/** An account whose password field is empty: anyone may log in as it without a password. */
export interface EmptyPassword extends LocatedPath {
  /** etc/shadow or etc/passwd. */
  path: string;
  user: string;
}

/** An id that several names in /etc/passwd (uid) or /etc/group (gid) share. */
export interface DuplicateId extends LocatedPath {
  kind: 'uid' | 'gid';
  id: number;
  names: string[];
}

export interface HardeningEvidence {
  privilegedFiles: Capped<PrivilegedFile>;
  worldWritable: Capped<WritablePath>;
  /** sshd and dropbear binaries in the bin directories. */
  sshServers: LocatedPath[];
  /** Only the categories with at least one tool, in SURFACE_CATEGORIES order. */
  attackSurface: SurfaceInventory[];
  /** Sorted by runtime name. */
  runtimes: RuntimeEvidence[];
  /** Sorted by path. */
  packageCaches: PackageCache[];
  /** Every layer's copies, sorted by path then layer. */
  credentials: Capped<CredentialFile>;
  /** Sorted by path then user. */
  emptyPasswords: EmptyPassword[];
  /** Sorted by kind then id. */
  duplicateIds: DuplicateId[];
}

/** `items` sorted by path, cut to the cap. */
export function capped<T extends { path: string }>(items: T[]): Capped<T> {
  const sorted = [...items].sort((a, b) => compareText(a.path, b.path));
  return { count: sorted.length, items: sorted.slice(0, EVIDENCE_CAP) };
}
