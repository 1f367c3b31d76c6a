import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import {
  RUNC_STARTUP_SYSCALLS,
  RUNC_STARTUP_SYSCALLS_WITHOUT_NO_NEW_PRIVILEGES,
} from './runc-startup-syscalls.js';
import { generateSeccompProfile, seccompAllowList, type SeccompProfile } from './seccomp.js';
import { emptySummary, loadSummary } from './testing-summaries.js';

describe('seccomp profile', () => {
  it("denies by default with EPERM, lists only x86_64, and allows the observed syscalls plus runc's", () => {
    const profile = JSON.parse(generateSeccompProfile(loadSummary('bin-true'))) as SeccompProfile;
    assert.equal(profile.defaultAction, 'SCMP_ACT_ERRNO');
    assert.equal(profile.defaultErrnoRet, 1);
    assert.deepEqual(profile.architectures, ['SCMP_ARCH_X86_64']);
    assert.equal(profile.syscalls.length, 1);
    const names = profile.syscalls[0]!.names;
    assert.deepEqual(names, [...new Set(names)].sort());
    for (const name of ['brk', 'mmap', 'exit_group', ...RUNC_STARTUP_SYSCALLS]) {
      assert.ok(names.includes(name), name);
    }
    assert.ok(!names.includes('mkdir'));
  });

  it("allows exactly runc's start-up set and the ways to exit for a container that made no syscall", () => {
    assert.deepEqual(
      seccompAllowList(emptySummary()),
      [...RUNC_STARTUP_SYSCALLS, 'exit', 'exit_group'].sort(),
    );
  });

  it('adds the start-up syscalls runc makes before no_new_privs only when asked', () => {
    const without = seccompAllowList(emptySummary(), { noNewPrivileges: false });
    assert.deepEqual(
      without,
      [...RUNC_STARTUP_SYSCALLS_WITHOUT_NO_NEW_PRIVILEGES, 'exit', 'exit_group'].sort(),
    );
    for (const name of RUNC_STARTUP_SYSCALLS) assert.ok(without.includes(name), name);
    for (const name of ['capset', 'setgroups', 'setuid']) assert.ok(without.includes(name), name);
  });

  it('keeps names some kernels lack (runc skips what libseccomp cannot resolve)', () => {
    const names = seccompAllowList(loadSummary('edge'));
    for (const name of ['futex_waitv', 'clone3', 'syscall_999'])
      assert.ok(names.includes(name), name);
  });

  it('refuses what is not a syscall name, and other architectures', () => {
    const bad = { ...emptySummary(), syscalls: { 'open at': 1 } };
    assert.throws(() => generateSeccompProfile(bad), InputError);
    const arm = { ...emptySummary(), arch: 'aarch64' };
    assert.throws(() => generateSeccompProfile(arm), /x86_64 only/);
  });
});
