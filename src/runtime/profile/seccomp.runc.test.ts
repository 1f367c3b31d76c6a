// Generated seccomp profiles enforced by real runc (root) on an overlay of the minbase root: runc's start-up set is
// enough to start a container, what a record lacks is denied, and no other syscall ABI gets around the allow-list.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BehaviourSummary } from '../behaviour.js';
import { testImages } from '../../testing/images.js';
import { RuncSandbox } from './runc-trial.js';
import { generateSeccompProfile, type SeccompProfile } from './seccomp.js';
import { emptySummary, loadSummary } from './testing-summaries.js';
import { mkdirProbe, sigillProbe } from './tiny-elf.js';

/** runc run's status for a container killed by a signal is 128 + the signal. */
const KILLED_BY_SIGILL = 128 + 4;
const KILLED_BY_SIGSYS = 128 + 31;
const EPERM = 1;
const EROFS = 30;

const profileOf = (summary: BehaviourSummary, noNewPrivileges = true) =>
  JSON.parse(generateSeccompProfile(summary, { noNewPrivileges })) as SeccompProfile;

const withSyscalls = (...names: string[]): BehaviourSummary => ({
  ...emptySummary(),
  syscalls: Object.fromEntries(names.map((name) => [name, 1])),
});

/** /bin/mkdir's syscalls on Debian 12 (strace), but for mkdir itself, plus what it needs to report the failure. */
const BIN_MKDIR_WITHOUT_MKDIR = [
  ...Object.keys(loadSummary('bin-true').syscalls),
  'futex',
  'getrandom',
  'lseek',
  'statfs',
  'write',
];

describe('generated seccomp profiles under runc', () => {
  let sandbox: RuncSandbox;
  before(() => {
    sandbox = RuncSandbox.open(testImages().rootfs);
    sandbox.addExecutable('/seawall/sigill', sigillProbe());
    sandbox.addExecutable('/seawall/mkdir-x86_64', mkdirProbe('x86_64', '/tmp/by-x86_64'));
    sandbox.addExecutable('/seawall/mkdir-i386', mkdirProbe('i386', '/tmp/by-i386'));
    sandbox.addExecutable('/seawall/mkdir-x32', mkdirProbe('x32', '/tmp/by-x32'));
  });
  after(() => sandbox?.close());

  it('the profile of a container that made no syscall still starts it: runc reaches the probe', () => {
    const result = sandbox.run({ args: ['/seawall/sigill'], seccomp: profileOf(emptySummary()) });
    assert.equal(result.status, KILLED_BY_SIGILL, result.stderr);
  });

  it('so does the profile for a runtime without no_new_privs, run that way as root and as nobody', () => {
    const seccomp = profileOf(emptySummary(), false);
    for (const user of [
      { uid: 0, gid: 0 },
      { uid: 65534, gid: 65534, additionalGids: [100] },
    ]) {
      const result = sandbox.run({
        args: ['/seawall/sigill'],
        seccomp,
        noNewPrivileges: false,
        user,
      });
      assert.equal(result.status, KILLED_BY_SIGILL, `${user.uid}: ${result.stderr}`);
    }
  });

  it('/bin/true runs with the profile of its record, and gets no further than its loader with the empty one', () => {
    const recorded = sandbox.run({
      args: ['/bin/true'],
      seccomp: profileOf(loadSummary('bin-true')),
    });
    assert.equal(recorded.status, 0, recorded.stderr);
    const empty = sandbox.run({ args: ['/bin/true'], seccomp: profileOf(emptySummary()) });
    assert.notEqual(empty.status, 0);
    assert.doesNotMatch(empty.stderr, /runc run failed/, 'runc itself started the container');
  });

  it('mkdir is denied (EPERM) unless recorded; recorded, it reaches the read-only root (EROFS)', () => {
    const denied = sandbox.run({
      args: ['/seawall/mkdir-x86_64'],
      seccomp: profileOf(withSyscalls('exit_group')),
    });
    assert.equal(denied.status, EPERM, denied.stderr);
    const allowed = sandbox.run({
      args: ['/seawall/mkdir-x86_64'],
      seccomp: profileOf(withSyscalls('exit_group', 'mkdir')),
    });
    assert.equal(allowed.status, EROFS, allowed.stderr);
  });

  it('/bin/mkdir says so', () => {
    const result = sandbox.run({
      args: ['/bin/mkdir', '/tmp/x'],
      seccomp: profileOf(withSyscalls(...BIN_MKDIR_WITHOUT_MKDIR)),
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot create directory '\/tmp\/x': Operation not permitted/);
  });

  it('an i386 (int 0x80) or x32 mkdir does not get around the allow-list: SIGSYS, even with mkdir allowed', () => {
    const seccomp = profileOf(withSyscalls('exit_group', 'mkdir'));
    for (const abi of ['i386', 'x32']) {
      const result = sandbox.run({ args: [`/seawall/mkdir-${abi}`], seccomp });
      assert.equal(result.status, KILLED_BY_SIGSYS, `${abi}: ${result.stderr}`);
    }
  });
});
