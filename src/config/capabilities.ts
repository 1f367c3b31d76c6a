// Linux capability names in one form for every configuration input, and the default set a container runtime grants.
// Names per capabilities(7) (https://man7.org/linux/man-pages/man7/capabilities.7.html), defaults per Docker Engine.

/**
 * The capabilities Docker grants a container that asks for nothing else (the Engine's default set, also documented at
 * https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities). Inputs that list the
 * capabilities a process has (an OCI runtime config.json, `lxc.cap.keep`) are judged against it: any capability beyond
 * these counts as added, any of these missing as dropped. Sorted, without the `CAP_` prefix.
 */
export const DOCKER_DEFAULT_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

/**
 * A capability as Kubernetes and `docker run --cap-add` write it: upper case, without `CAP_` ('NET_ADMIN', 'ALL').
 * Docker's inspect output and OCI configs write `CAP_NET_ADMIN`, LXC `net_admin`: all three name the same thing.
 */
export function capabilityName(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
