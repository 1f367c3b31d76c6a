import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { convertSeccompProfile, type SeccompContext } from './seccomp-profile.js';

const amd64: SeccompContext = {
  arch: 'amd64',
  capabilities: ['CAP_CHOWN', 'CAP_SYS_CHROOT'],
  kernel: '6.1.0-13-amd64',
};

/** A profile in Docker's format, shaped like moby's default.json. */
const dockerProfile = {
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 1,
  archMap: [
    {
      architecture: 'SCMP_ARCH_X86_64',
      subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
    },
    { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
  ],
  syscalls: [
    {
      names: ['read', 'write', 'exit_group'],
      action: 'SCMP_ACT_ALLOW',
      args: [],
      comment: '',
      includes: {},
      excludes: {},
    },
    { names: ['arch_prctl'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['amd64', 'x32'] } },
    { names: ['sync_file_range2'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['ppc64le'] } },
    { names: ['chroot'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_CHROOT'] } },
    { names: ['ptrace'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_PTRACE'] } },
    { names: ['io_uring_setup'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '7.0' } },
    {
      names: ['clone'],
      action: 'SCMP_ACT_ALLOW',
      excludes: { caps: ['CAP_SYS_ADMIN'] },
      args: [{ index: 0, value: 2114060288, op: 'SCMP_CMP_MASKED_EQ' }],
    },
    {
      name: 'personality',
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value: 0, op: 'SCMP_CMP_EQ' }],
    },
    { names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 },
  ],
};

describe('convertSeccompProfile', () => {
  it("keeps the native architecture's archMap entry with its sub-architectures", () => {
    const out = convertSeccompProfile(dockerProfile, amd64, 'p.json');
    assert.deepEqual(out.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    assert.equal(out.defaultAction, 'SCMP_ACT_ERRNO');
    assert.equal(out.defaultErrnoRet, 1);
  });

  it('keeps only the rules whose includes hold and whose excludes do not', () => {
    const out = convertSeccompProfile(dockerProfile, amd64, 'p.json');
    assert.deepEqual(
      out.syscalls?.map((r) => r.names.join(',')),
      ['read,write,exit_group', 'arch_prctl', 'chroot', 'clone', 'personality', 'mkdir'],
    );
    const clone = out.syscalls?.find((r) => r.names[0] === 'clone');
    assert.deepEqual(clone?.args, [{ index: 0, value: 2114060288, op: 'SCMP_CMP_MASKED_EQ' }]);
    assert.equal(out.syscalls?.find((r) => r.names[0] === 'mkdir')?.errnoRet, 13);
    // Docker's own keys (comment, includes, excludes) are not runtime-spec fields.
    assert.deepEqual(Object.keys(out.syscalls![0]!).sort(), ['action', 'names']);
    const withAdmin = convertSeccompProfile(
      dockerProfile,
      { ...amd64, capabilities: ['CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'], kernel: '7.1.0' },
      'p.json',
    );
    const names = withAdmin.syscalls?.map((r) => r.names[0]);
    assert.ok(names?.includes('ptrace'));
    assert.ok(names?.includes('io_uring_setup'));
    assert.ok(!names?.includes('clone'));
  });

  it('passes an OCI-shaped profile through', () => {
    const out = convertSeccompProfile(
      {
        defaultAction: 'SCMP_ACT_ALLOW',
        architectures: ['SCMP_ARCH_X86_64'],
        syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }],
      },
      amd64,
      'p.json',
    );
    assert.deepEqual(out, {
      defaultAction: 'SCMP_ACT_ALLOW',
      architectures: ['SCMP_ARCH_X86_64'],
      syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }],
    });
  });

  it('refuses what runc would refuse, naming the file and the field', () => {
    assert.throws(
      () => convertSeccompProfile({ defaultAction: 'ALLOW' }, amd64, 'p.json'),
      (e: unknown) => e instanceof InputError && /p\.json: defaultAction "ALLOW"/.test(e.message),
    );
    assert.throws(
      () =>
        convertSeccompProfile(
          {
            defaultAction: 'SCMP_ACT_ALLOW',
            syscalls: [
              {
                names: ['x'],
                action: 'SCMP_ACT_ERRNO',
                args: [{ index: 9, value: 0, op: 'SCMP_CMP_EQ' }],
              },
            ],
          },
          amd64,
          'p.json',
        ),
      /syscalls\[0\]\.args\[0\]\.index must be 0 to 5/,
    );
    assert.throws(
      () =>
        convertSeccompProfile(
          { defaultAction: 'SCMP_ACT_ALLOW', architectures: [], archMap: [] },
          amd64,
          'p.json',
        ),
      /both architectures and archMap/,
    );
  });
});
