// The seccomp generator: an allow-list of the syscalls a container was seen to make plus runc's own start-up set,
// everything else failing with EPERM. Format: OCI runtime spec linux.seccomp (https://github.com/opencontainers/runtime-spec/blob/main/config-linux.md#seccomp), which Docker's --security-opt seccomp= also reads.

import { InputError } from '../../errors.js';
import { compareText } from '../../model/order.js';
import type { BehaviourSummary } from '../behaviour.js';
import { summarySubject, type ProfileOptions } from './options.js';
import {
  RUNC_STARTUP_SYSCALLS,
  RUNC_STARTUP_SYSCALLS_WITHOUT_NO_NEW_PRIVILEGES,
} from './runc-startup-syscalls.js';

export interface SeccompProfile {
  defaultAction: 'SCMP_ACT_ERRNO';
  defaultErrnoRet: number;
  architectures: string[];
  syscalls: { names: string[]; action: 'SCMP_ACT_ALLOW' }[];
}

const EPERM = 1;

/**
 * Only the recorded architecture is listed. libseccomp then kills a process making a syscall through another ABI
 * (i386 through int 0x80, x32 numbers with bit 30 set) with SIGSYS, where listing SCMP_ARCH_X86 or SCMP_ARCH_X32
 * would let the same names through those tables too (docs/profiles.md, checked by seccomp.runc.test.ts).
 */
const ARCHITECTURES: Record<string, string> = { x86_64: 'SCMP_ARCH_X86_64' };

/** Syscall names as the kernel's tables spell them; runc skips a name its libseccomp does not know. */
const SYSCALL_NAME = /^[a-z_][a-z0-9_]*$/;

/** The profile that allows exactly `names` (sorted, distinct) on `arch`. */
export function allowListProfile(names: Iterable<string>, arch = 'x86_64'): SeccompProfile {
  const scmpArch = ARCHITECTURES[arch];
  if (!scmpArch) throw new InputError(arch, 'seccomp profiles are generated for x86_64 only');
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: EPERM,
    architectures: [scmpArch],
    syscalls: [{ names: [...new Set(names)].sort(compareText), action: 'SCMP_ACT_ALLOW' }],
  };
}

/**
 * Every process must be able to end: a recording that stopped its container with a signal never saw exit or
 * exit_group, and a filter that refused them would leave a program that asks to exit running past that point.
 */
const ALWAYS_ALLOWED = ['exit', 'exit_group'];

/** The observed syscalls plus the runtime's start-up set and the two ways to end, sorted. */
export function seccompAllowList(
  summary: BehaviourSummary,
  options: ProfileOptions = {},
): string[] {
  const observed = Object.keys(summary.syscalls);
  const bad = observed.filter((name) => !SYSCALL_NAME.test(name));
  if (bad.length > 0)
    throw new InputError(summarySubject(summary), `not a syscall name: ${JSON.stringify(bad[0])}`);
  const startup =
    options.noNewPrivileges === false
      ? RUNC_STARTUP_SYSCALLS_WITHOUT_NO_NEW_PRIVILEGES
      : RUNC_STARTUP_SYSCALLS;
  return [...new Set([...observed, ...startup, ...ALWAYS_ALLOWED])].sort(compareText);
}

export function generateSeccompProfile(
  summary: BehaviourSummary,
  options: ProfileOptions = {},
): string {
  const profile = allowListProfile(seccompAllowList(summary, options), summary.arch);
  return `${JSON.stringify(profile, null, 2)}\n`;
}
