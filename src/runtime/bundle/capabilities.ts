// Linux capability names and the set a container gets: Docker's default set, then --cap-drop and --cap-add as Docker
// applies them. Names from capabilities(7) and linux/capability.h: https://man7.org/linux/man-pages/man7/capabilities.7.html

import {
  capabilityName,
  DOCKER_DEFAULT_CAPABILITIES as DEFAULT_NAMES,
} from '../../config/capabilities.js';
import { InputError } from '../../errors.js';

/** Every capability the kernel defines (0 to CAP_LAST_CAP = 40), in number order. */
export const ALL_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
] as const;

/** Docker's default set (src/config/capabilities.ts, which the configuration audit judges by) as the runtime spec names it. */
export const DOCKER_DEFAULT_CAPABILITIES = DEFAULT_NAMES.map((c) => `CAP_${c}`);

/** `net_admin`, `NET_ADMIN` or `CAP_NET_ADMIN` as `CAP_NET_ADMIN`; `ALL` stays `ALL`. Unknown names are refused. */
export function parseCapability(text: string, option: string): string {
  const bare = capabilityName(text);
  if (bare === 'ALL') return 'ALL';
  const name = `CAP_${bare}`;
  if (!(ALL_CAPABILITIES as readonly string[]).includes(name))
    throw new InputError(option, `unknown capability ${JSON.stringify(text)}`);
  return name;
}

/**
 * The capabilities a container keeps, sorted. As Docker: `--cap-add ALL` is every capability but the dropped ones;
 * `--cap-drop ALL` keeps only the added ones; otherwise the default set less the dropped, plus the added (an add
 * wins over a drop of the same name).
 */
export function capabilitySet(add: readonly string[], drop: readonly string[]): string[] {
  let caps: string[];
  if (add.includes('ALL')) caps = ALL_CAPABILITIES.filter((c) => !drop.includes(c));
  else if (drop.includes('ALL')) caps = [...add];
  else caps = [...DOCKER_DEFAULT_CAPABILITIES.filter((c) => !drop.includes(c)), ...add];
  return [...new Set(caps)].sort();
}
