// The syscalls runc makes in its init process between arming the container's seccomp filter and executing the
// container's command, which every generated allow-list needs (runc's libcontainer/standard_init_linux.go).

// Derived by experiment with scripts/derive-runc-startup-syscalls.mjs (method in its header and docs/profiles.md)
// on runc 1.1.5+ds1-1+deb12u1 (Debian 12, libseccomp 2.5.4, Go 1.19), kernel 6.18, 4803 container runs; its output is
// test/fixtures/profile/runc-startup-derivation.json. Run it again when runc changes.
export const RUNC_VERSION = '1.1.5+ds1-1+deb12u1';

/**
 * With no_new_privs (the OCI default, and Seawall's) runc arms the filter just before execve. runc's own path:
 * openat, write and close of the exec FIFO and of its descriptors, fstatfs + getdents64 to close every inherited
 * descriptor through /proc/self/fd, and execve. The Go runtime's threads: futex (a denied wake-up is fatal) and
 * rt_sigreturn (returning from the preemption signal). Each one, removed, stopped the container in some run.
 */
export const RUNC_STARTUP_SYSCALLS: readonly string[] = [
  'close',
  'execve',
  'fstatfs',
  'futex',
  'getdents64',
  'openat',
  'rt_sigreturn',
  'write',
];

/**
 * Without no_new_privs runc arms the filter before it sets the user, groups, capabilities, working directory and
 * parent-death signal, and looks the command up: all of that must then be allowed too (the same set as root and as an
 * unprivileged user with supplementary groups).
 */
export const RUNC_STARTUP_SYSCALLS_WITHOUT_NO_NEW_PRIVILEGES: readonly string[] = [
  ...RUNC_STARTUP_SYSCALLS,
  'capget',
  'capset',
  'chdir',
  'faccessat2',
  'fstat',
  'getcwd',
  'getppid',
  'newfstatat',
  'prctl',
  'read',
  'setgid',
  'setgroups',
  'setuid',
].sort();
