// Derives the syscalls runc's init process makes after it has loaded a container's seccomp filter, up to and
// including the execve of the container's command, by experiment (docs/profiles.md, "The runtime's start-up set").
// Run as root after a build; commit its output and copy the sets into src/runtime/profile/runc-startup-syscalls.ts:
//   npx tsc -p tsconfig.json && node scripts/derive-runc-startup-syscalls.mjs [ROOTFS] \
//     > test/fixtures/profile/runc-startup-derivation.json
// ROOTFS (default: the cached minbase root, ~/.cache/seawall/test-images/v3/rootfs) is only ever the lower layer
// of an overlay: nothing is written into it. Needs runc, bpftrace and linux-libc-dev (for the syscall numbers).
//
// Method. The container's command is a static probe that makes no syscall at all (it dies of SIGILL at its first
// instruction), so a container exiting with status 132 proves runc got as far as execve under the filter.
//  1. Observe: bpftrace follows runc's init (comm "runc:[2:INIT]") from the seccomp(SECCOMP_SET_MODE_FILTER) call
//     that arms the filter to the execve, over OBSERVE_RUNS containers whose filter allows every syscall the kernel
//     headers name (linux-libc-dev's asm/unistd_64.h). The union is the candidate set, each with the share of runs it
//     appeared in: runc's own path is the same every time; the Go runtime's background threads (futex, signal-based
//     preemption returning through rt_sigreturn, sysmon's nanosleep) are not.
//  2. Check: the candidates start the probe in every one of VERIFY_RUNS; no syscall at all does not.
//  3. Shrink: each candidate in turn is removed from those kept so far, and stays removed when the probe still
//     starts in TRIALS runs in a row. A removal that breaks runc's own path fails at the first run; one the Go
//     runtime needs only now and then (denied futex: "futexwakeup returned -1"; denied rt_sigreturn: SIGSEGV) fails
//     within a few dozen. The result is 1-minimal: without any one member, some run failed. It is checked once
//     more over VERIFY_RUNS.
// Both of runc's orders are derived: with no_new_privs runc arms the filter just before execve; without it, before
// it changes user and capabilities (derived as root and as uid 65534 with supplementary groups, and united).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OBSERVE_RUNS = 50;
/** Denying futex or rt_sigreturn fails 4 and 10 runs in 100 (the Go runtime's background threads): 150 runs in a
 * row that all start leave a 1 in 400 chance of missing a 4% failure. */
const TRIALS = 150;
const VERIFY_RUNS = 300;
const STARTED = 128 + 4; // exit status of a container whose probe died of SIGILL: runc reached execve

const repo = resolve(fileURLToPath(import.meta.url), '../..');
const dist = (p) => join(repo, 'dist', 'runtime', 'profile', p);
const fail = (message) => {
  console.error(`derive-runc-startup-syscalls: ${message}`);
  process.exit(2);
};
if (!existsSync(dist('runc-trial.js'))) fail('build first (npx tsc -p tsconfig.json)');
if (process.getuid?.() !== 0) fail('runc and bpftrace need root');
const HEADER = '/usr/include/x86_64-linux-gnu/asm/unistd_64.h';
if (!existsSync(HEADER)) fail(`${HEADER} is missing (apt-get install linux-libc-dev)`);
for (const tool of ['runc', 'bpftrace']) {
  if (spawnSync(tool, ['--version']).status !== 0) fail(`${tool} is missing`);
}
if (!existsSync('/sys/kernel/tracing/events')) {
  spawnSync('mount', ['-t', 'tracefs', 'nodev', '/sys/kernel/tracing']);
}

const { RuncSandbox } = await import(dist('runc-trial.js'));
const { sigillProbe } = await import(dist('tiny-elf.js'));
const { allowListProfile } = await import(dist('seccomp.js'));

const rootfs = resolve(process.argv[2] ?? join(homedir(), '.cache/seawall/test-images/v3/rootfs'));
const NAMES = new Map(
  [...readFileSync(HEADER, 'utf8').matchAll(/^#define __NR_(\w+)\s+(\d+)/gm)].map((m) => [
    Number(m[2]),
    m[1],
  ]),
);
const EVERY = [...NAMES.values()];
const runcVersion = spawnSync('runc', ['--version'], { encoding: 'utf8' })
  .stdout.trim()
  .split('\n');

// The filter is armed by seccomp(2) (op 1, SECCOMP_SET_MODE_FILTER) or prctl(PR_SET_SECCOMP = 22); from its
// successful return until execve returns, every syscall of the thread group is printed as "tgid nr".
const PROGRAM = `
tracepoint:syscalls:sys_enter_seccomp /comm == "runc:[2:INIT]" && args->op == 1/ { @arming[tid] = 1; }
tracepoint:syscalls:sys_enter_prctl /comm == "runc:[2:INIT]" && args->option == 22/ { @arming[tid] = 1; }
tracepoint:syscalls:sys_exit_seccomp, tracepoint:syscalls:sys_exit_prctl /@arming[tid]/ {
  delete(@arming[tid]);
  if (args->ret >= 0) { @armed[pid] = 1; }
}
tracepoint:raw_syscalls:sys_enter /@armed[pid]/ { printf("%d %d\\n", pid, args->id); }
tracepoint:syscalls:sys_exit_execve /@armed[pid]/ { delete(@armed[pid]); }
END { clear(@arming); clear(@armed); }
`;

const sandbox = RuncSandbox.open(rootfs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    sandbox.close();
    process.exit(130);
  });
}
let runs = 0;
try {
  sandbox.addExecutable('/seawall-probe', sigillProbe());
  const root = { uid: 0, gid: 0 };
  const nobody = { uid: 65534, gid: 65534, additionalGids: [65534, 100] };
  const withNnp = await derive('no_new_privs', { noNewPrivileges: true, user: root });
  const withoutRoot = await derive('without no_new_privs, root', {
    noNewPrivileges: false,
    user: root,
  });
  const withoutNobody = await derive('without no_new_privs, uid 65534', {
    noNewPrivileges: false,
    user: nobody,
  });
  const without = [...new Set([...withoutRoot.kept, ...withoutNobody.kept])].sort();
  console.log(
    JSON.stringify(
      {
        runc: runcVersion[0],
        runcCommit: runcVersion[1],
        libseccomp: runcVersion.find((l) => l.startsWith('libseccomp')),
        kernel: spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim(),
        containerRuns: runs,
        withNoNewPrivileges: withNnp,
        withoutNoNewPrivileges: { root: withoutRoot, uid65534: withoutNobody },
        withoutNoNewPrivilegesAlso: without.filter((n) => !withNnp.kept.includes(n)),
      },
      null,
      2,
    ),
  );
} finally {
  sandbox.close();
}

/** How many of `trials` runs in a row started the probe before the first that did not. */
function starts(names, how, trials) {
  for (let i = 0; i < trials; i++) {
    runs++;
    // A container whose init died after it armed the filter leaves runc waiting on the exec fifo: time out.
    const result = sandbox.run({
      ...how,
      args: ['/seawall-probe'],
      seccomp: allowListProfile(names),
      timeoutSeconds: 5,
    });
    if (result.status !== STARTED) return i;
  }
  return trials;
}

/** Per candidate, the share of runs (0..1) it was made in, after the filter was armed. */
async function observe(how) {
  const tracer = spawn('bpftrace', ['-e', PROGRAM], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  tracer.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  const exited = new Promise((done) => tracer.on('exit', done));
  await new Promise((ready, failed) => {
    tracer.on('exit', (code) => failed(new Error(`bpftrace exited (${code})`)));
    const wait = () => (out.includes('Attaching') ? ready() : setTimeout(wait, 100));
    wait();
  });
  for (let i = 0; i < OBSERVE_RUNS; i++) {
    if (starts(EVERY, how, 1) !== 1)
      throw new Error('the probe does not start with every syscall allowed');
  }
  await new Promise((settle) => setTimeout(settle, 500));
  tracer.kill('SIGINT');
  await exited;
  const perRun = new Map();
  for (const [, tgid, nr] of out.matchAll(/^(\d+) (\d+)$/gm)) {
    const name = NAMES.get(Number(nr)) ?? `syscall-${nr}`;
    if (!perRun.has(tgid)) perRun.set(tgid, new Set());
    perRun.get(tgid).add(name);
  }
  if (perRun.size !== OBSERVE_RUNS) {
    throw new Error(
      `observed ${perRun.size} of ${OBSERVE_RUNS} runs: is comm still runc:[2:INIT]?`,
    );
  }
  const share = new Map();
  for (const names of perRun.values()) {
    for (const name of names) share.set(name, (share.get(name) ?? 0) + 1 / OBSERVE_RUNS);
  }
  return share;
}

async function derive(label, how) {
  const share = await observe(how);
  const observed = [...share.keys()].sort();
  console.error(`${label}: observed ${observed.join(' ')}`);
  if (starts(observed, how, VERIFY_RUNS) !== VERIFY_RUNS) {
    throw new Error(`${label}: the observed set does not start every time`);
  }
  if (starts([], how, 1) !== 0)
    throw new Error(`${label}: the probe starts with no syscall allowed`);
  let kept = [...observed];
  const failures = {};
  for (const name of observed) {
    const without = kept.filter((n) => n !== name);
    const ran = starts(without, how, TRIALS);
    if (ran === TRIALS) kept = without;
    else failures[name] = `failed at run ${ran + 1}`;
  }
  const verified = starts(kept, how, VERIFY_RUNS);
  if (verified !== VERIFY_RUNS) {
    throw new Error(`${label}: ${kept.join(' ')} failed at run ${verified + 1} of ${VERIFY_RUNS}`);
  }
  console.error(`${label}: kept ${kept.join(' ')}`);
  return {
    kept: kept.sort(),
    observedShare: Object.fromEntries(
      observed.map((n) => [n, Math.round(share.get(n) * 100) / 100]),
    ),
    failures,
  };
}
