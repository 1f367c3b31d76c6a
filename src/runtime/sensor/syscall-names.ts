// Names for the sensor's syscall counter keys: a syscall number, plus 2^32 for a 32-bit (compat) task.
// Tables in syscall-table.ts; the x32 bit is __X32_SYSCALL_BIT from the kernel's asm/unistd.h.

import { I386_SYSCALLS, X32_SYSCALLS, X86_64_SYSCALLS } from './syscall-table.js';

const COMPAT_KEY = 2 ** 32;
const X32_SYSCALL_BIT = 0x40000000;

/**
 * The syscall's name. A number the table does not know (newer than the headers it came from) reads as
 * `unknown-ARCH-NUMBER`, so it is still counted and still visible.
 */
export function syscallName(key: number): string {
  if (key >= COMPAT_KEY) {
    const nr = key - COMPAT_KEY;
    return I386_SYSCALLS[nr] ?? `unknown-i386-${nr}`;
  }
  if (key >= X32_SYSCALL_BIT && key < X32_SYSCALL_BIT * 2) {
    const nr = key - X32_SYSCALL_BIT;
    return X32_SYSCALLS[nr] ?? `unknown-x32-${nr}`;
  }
  return X86_64_SYSCALLS[key] ?? `unknown-x86_64-${key}`;
}
