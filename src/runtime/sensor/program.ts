// The bpftrace program the sensor runs: kernel tracepoints filtered to one mount namespace, printing one line per event.
// bpftrace language: https://github.com/bpftrace/bpftrace/blob/v0.17.0/docs/reference_guide.md (docs/sensor.md)

/**
 * Every printf line is tab-separated: `KIND TID PID NSECS NUM... COMM TEXT`. The numbers never hold a tab, COMM is
 * printed 15 bytes wide (padded), and TEXT (a path, or empty) runs to the end of the line, so a tab or a newline
 * inside a path or a task name cannot shift a field. A second string of an event (argv elements; mount's source,
 * target and type) is its own line `part TID NSECS INDEX TEXT`, joined to its event by TID and NSECS.
 * parse-output.ts reads this layout; RECORD_NUMBERS says how many numbers each kind prints.
 */
export const RECORD_NUMBERS: Readonly<Record<string, number>> = {
  exec: 4, // argv elements printed as parts, argv truncated (0/1), ppid, euid; TEXT = path
  exit: 1, // exit status as wait(2) reports it
  open: 1, // flags; TEXT = path
  socket: 3, // family, type, protocol
  connect: 6, // fd, family, socket type, port (network order), address words a0 a1
  bind: 6,
  connect_unix: 3, // fd, socket type, abstract (0/1); TEXT = sun_path
  bind_unix: 3,
  listen: 2, // fd, backlog
  accept: 1, // fd
  setuid: 3, // raw ids in argument order (-1 as 4294967295); TEXT empty
  setreuid: 3,
  setresuid: 3,
  setgid: 3,
  setregid: 3,
  setresgid: 3,
  setgroups: 3, // count, first group
  capset: 0,
  chown: 3, // fd (-100 for a path), uid, gid; TEXT = path
  fchown: 3,
  lchown: 3,
  fchownat: 3,
  ptrace: 2, // request, target pid
  mount: 1, // flags; parts 0 source, 1 target, 2 fstype (MOUNT_PARTS)
  umount2: 1, // flags; TEXT = target
  init_module: 1, // image length; TEXT = module parameters
  finit_module: 2, // fd, flags; TEXT = module parameters
  kill: 2, // target, signal
  tkill: 2,
  tgkill: 2,
  chroot: 0, // TEXT = path
  mknod: 2, // mode, dev; TEXT = path
  mknodat: 2,
  unshare: 1, // flags
  setns: 2, // fd, nstype
  pivot_root: 0, // TEXT = new root
  clone: 1, // namespace flags
  clone3: 1,
  fsopen: 0, // TEXT = filesystem name
  move_mount: 0, // TEXT = target path
};

/** How many part lines a mount event has. */
export const MOUNT_PARTS = 3;

const IN_NS = 'curtask->nsproxy->mnt_ns->ns.inum == $1';
/**
 * The container's own tasks: runc's init process sets the container up inside its namespace (mounts, pivot_root,
 * capabilities, the user switch) before it execs the container's command, and none of that is the container's
 * behaviour; a profile built from it would allow mount. Its exec is still seen: the execve entry (for argv) and the
 * sched_process_exec tracepoint, by which time the task has the new program's name.
 */
const RUNC_INIT = '"runc:[2:INIT]"';
const IN_CONTAINER = `${IN_NS} && comm != ${RUNC_INIT}`;
/** At most this many argv elements are read per exec: bpftrace 0.17 has no loops, only unroll. */
export const MAX_ARGV = 20;
/** bpftrace 0.17's largest string (BPFTRACE_STRLEN): longer paths and arguments are cut to 199 bytes. */
export const MAX_STRING = 200;
const CLONE_NEW_MASK = 0x7e020000; // CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET (linux/sched.h)
const CLONE_NEWTIME = 0x80; // only a namespace flag in clone3 and unshare; clone(2) keeps the exit signal there

interface Probe {
  /** Tracepoints (category:name) the probe attaches to; a probe is left out when one of them is missing. */
  tracepoints: string[];
  /** Maps the probe writes, cleared in END so bpftrace does not print them at exit. */
  maps: string[];
  text: string;
}

/** A printf of one event record: KIND TID PID NSECS NUMS COMM TEXT. */
function record(
  kind: string,
  nums: string[],
  text = '""',
  opts: { tid?: string; pid?: string; ts?: string } = {},
): string {
  const count = RECORD_NUMBERS[kind];
  if (count !== nums.length)
    throw new Error(
      `sensor program: ${kind} prints ${nums.length} numbers, the parser expects ${count}`,
    );
  const format = [kind, '%lld', '%lld', '%llu', ...nums.map(() => '%lld'), '%-15s', '%s'].join(
    '\\t',
  );
  const args = [
    `(int64)${opts.tid ?? 'tid'}`,
    `(int64)${opts.pid ?? 'pid'}`,
    `(uint64)${opts.ts ?? 'nsecs'}`,
    ...nums.map((n) => `(int64)(${n})`),
    'comm',
    text,
  ];
  return `printf("${format}\\n", ${args.join(', ')});`;
}

function part(ts: string, index: string, text: string, tid = 'tid'): string {
  return `printf("part\\t%lld\\t%llu\\t%lld\\t%s\\n", (int64)${tid}, (uint64)${ts}, (int64)(${index}), ${text});`;
}

const sys = (name: string) => `syscalls:sys_enter_${name}`;
const attach = (tracepoints: string[]) => tracepoints.map((t) => `tracepoint:${t}`).join(',\n');

/** One probe on syscall entry in the namespace. */
function onEnter(
  names: string[],
  body: string,
  maps: string[] = [],
  filter: string = IN_CONTAINER,
): Probe {
  const tracepoints = names.map(sys);
  return { tracepoints, maps, text: `${attach(tracepoints)}\n/${filter}/\n{\n${body}\n}` };
}

/** The socket type of a descriptor, read from the task's file table (0 when the descriptor is out of range). */
const SOCKET_TYPE_OF_FD = `
  $stype = (int64)0;
  $fdt = curtask->files->fdt;
  if ((uint64)args->fd < (uint64)$fdt->max_fds) {
    $file = *($fdt->fd + args->fd);
    if ($file != 0) { $stype = (int64)((struct socket *)$file->private_data)->type; }
  }`;

/**
 * connect and bind, one probe per address kind (each printf takes about 300 bytes of the 512-byte BPF stack, so a
 * probe holds one). inet: sin_addr as one 32-bit word; inet6: sin6_addr as two 64-bit words, both as they lie in
 * memory; unix: sun_path, an abstract name after its leading NUL. Repeated connects to one inet peer (an upstream, a
 * resolver) are one event; unix peers are not folded, their path does not fit a map key beside the printf.
 */
function sockaddrProbes(kind: 'connect' | 'bind', addrField: string): Probe[] {
  const family = `(args->addrlen >= 2 ? *uptr((uint16 *)args->${addrField}) : 0)`;
  const unix: Probe = {
    tracepoints: [sys(kind)],
    maps: [],
    text: `tracepoint:${sys(kind)}
/${IN_CONTAINER} && ${family} == 1/
{
  $sa = (uint64)args->${addrField};
  $abstract = (int64)0;
  $p = (uint64)0;
  $n = (int64)1;
  // An unnamed address (length 2) has no path. An abstract name is not NUL-terminated: addrlen bounds it.
  if (args->addrlen > 2) {
    if (*uptr((uint8 *)($sa + 2)) == 0) { $abstract = 1; }
    $p = $sa + 2 + (uint64)$abstract;
    $n = (int64)args->addrlen - 2 - $abstract;
  }${SOCKET_TYPE_OF_FD}
  ${record(`${kind}_unix`, ['args->fd', '$stype', '$abstract'], 'str(uptr($p), $n)')}
}`,
  };
  const emit = record(kind, ['args->fd', '$fam', '$stype', '$port', '$a0', '$a1']);
  const inet: Probe = {
    tracepoints: [sys(kind)],
    maps: kind === 'connect' ? ['@seen_connect', '@repeats'] : [],
    text: `tracepoint:${sys(kind)}
/${IN_CONTAINER} && ${family} != 1/
{
  $sa = (uint64)args->${addrField};
  $fam = (int64)${family};
  $port = (int64)0; $a0 = (int64)0; $a1 = (int64)0;
  if (($fam == 2 || $fam == 10) && args->addrlen >= 4) { $port = (int64)*uptr((uint16 *)($sa + 2)); }
  if ($fam == 2 && args->addrlen >= 8) { $a0 = (int64)*uptr((uint32 *)($sa + 4)); }
  if ($fam == 10 && args->addrlen >= 24) { $a0 = (int64)*uptr((uint64 *)($sa + 8)); $a1 = (int64)*uptr((uint64 *)($sa + 16)); }${SOCKET_TYPE_OF_FD}
  ${
    kind === 'connect'
      ? `if (@seen_connect[comm, $fam, $stype, $port, $a0, $a1] == 0) {
    @seen_connect[comm, $fam, $stype, $port, $a0, $a1] = 1;
    ${emit}
  } else { @repeats["connect"] = count(); }`
      : emit
  }
}`,
  };
  return [unix, inet];
}

function idProbe(kind: string, fields: [string, string, string]): Probe {
  return onEnter([kind], record(kind, fields));
}

function openProbes(): Probe[] {
  const pending = (name: string, path: string, flags: string): Probe =>
    onEnter([name], `@open[tid] = ((uint64)args->${path}, (int64)(${flags}));`, ['@open']);
  const exits = ['open', 'openat', 'creat', 'openat2'].map((n) => `syscalls:sys_exit_${n}`);
  // Read at exit, not entry: the kernel's own copy of the name has faulted its page in by then, where a read at
  // entry finds an empty string for a name in a page the process has not touched yet (string literals, mostly).
  const exit: Probe = {
    tracepoints: exits,
    maps: ['@open', '@seen_open', '@repeats'],
    text: `${attach(exits)}
/@open[tid].0 != 0/
{
  $o = @open[tid];
  delete(@open[tid]);
  if (args->ret != -2) {
    $path = str(uptr($o.0));
    if (@seen_open[comm, $path, $o.1] == 0) {
      @seen_open[comm, $path, $o.1] = 1;
      ${record('open', ['$o.1'], '$path')}
    } else { @repeats["open"] = count(); }
  }
}`,
  };
  return [
    pending('open', 'filename', 'args->flags'),
    pending('openat', 'filename', 'args->flags'),
    // creat(2) is open(O_CREAT|O_WRONLY|O_TRUNC)
    pending('creat', 'pathname', '0x241'),
    pending('openat2', 'filename', '((struct open_how *)uptr(args->how))->flags'),
    exit,
  ];
}

function execProbes(): Probe[] {
  const enter = onEnter(
    ['execve', 'execveat'],
    `  $ts = nsecs;
  $argv = (uint64)args->argv;
  $n = (int64)0;
  $more = (int64)1;
  unroll(${MAX_ARGV}) {
    if ($more) {
      $p = *uptr((uint64 *)($argv + (uint64)$n * 8));
      if ($p == 0) { $more = 0; } else {
        ${part('$ts', '$n', 'str(uptr($p))')}
        $n = $n + 1;
      }
    }
  }
  if ($more) { $more = *uptr((uint64 *)($argv + (uint64)$n * 8)) != 0 ? 1 : 0; }
  @exec[tid] = ($ts, $n, $more);`,
    ['@exec'],
    IN_NS,
  );
  // The argv lines were printed at execve entry (the old image's memory is gone by now); old_pid is that thread.
  const exec: Probe = {
    tracepoints: ['sched:sched_process_exec'],
    maps: ['@exec'],
    text: `tracepoint:sched:sched_process_exec
/${IN_NS}/
{
  $e = @exec[args->old_pid];
  delete(@exec[args->old_pid]);
  $ts = $e.0 != 0 ? $e.0 : nsecs;
  ${record(
    'exec',
    ['$e.1', '$e.2', 'curtask->real_parent->tgid', 'curtask->cred->euid.val'],
    'str(args->filename)',
    {
      tid: 'args->old_pid',
      pid: 'args->pid',
      ts: '$ts',
    },
  )}
}`,
  };
  const exit: Probe = {
    tracepoints: ['sched:sched_process_exit'],
    maps: [],
    text: `tracepoint:sched:sched_process_exit
/${IN_NS} && pid == tid/
{
  ${record('exit', ['curtask->exit_code'])}
}`,
  };
  return [enter, exec, exit];
}

function socketProbes(): Probe[] {
  return [
    onEnter(
      ['socket'],
      `  if (@seen_socket[comm, args->family, args->type & 0xf, args->protocol] == 0) {
    @seen_socket[comm, args->family, args->type & 0xf, args->protocol] = 1;
    ${record('socket', ['args->family', 'args->type', 'args->protocol'])}
  } else { @repeats["socket"] = count(); }`,
      ['@seen_socket', '@repeats'],
    ),
    ...sockaddrProbes('connect', 'uservaddr'),
    ...sockaddrProbes('bind', 'umyaddr'),
    onEnter(['listen'], record('listen', ['args->fd', 'args->backlog'])),
    // A non-blocking server calls accept until EAGAIN on every wake-up: one event per listening socket and task name.
    onEnter(
      ['accept', 'accept4'],
      `  if (@seen_accept[comm, args->fd] == 0) {
    @seen_accept[comm, args->fd] = 1;
    ${record('accept', ['args->fd'])}
  } else { @repeats["accept"] = count(); }`,
      ['@seen_accept', '@repeats'],
    ),
  ];
}

function identityProbes(): Probe[] {
  const none = '4294967295';
  return [
    idProbe('setuid', ['args->uid', none, none]),
    idProbe('setgid', ['args->gid', none, none]),
    idProbe('setreuid', ['args->ruid', 'args->euid', none]),
    idProbe('setregid', ['args->rgid', 'args->egid', none]),
    idProbe('setresuid', ['args->ruid', 'args->euid', 'args->suid']),
    idProbe('setresgid', ['args->rgid', 'args->egid', 'args->sgid']),
    onEnter(
      ['setgroups'],
      `  $first = (int64)${none};
  if (args->gidsetsize > 0) { $first = (int64)*uptr((uint32 *)args->grouplist); }
  ${record('setgroups', ['args->gidsetsize', '$first', none])}`,
    ),
    onEnter(['capset'], record('capset', [])),
    onEnter(
      ['chown'],
      record('chown', ['-100', 'args->user', 'args->group'], 'str(uptr(args->filename))'),
    ),
    onEnter(
      ['lchown'],
      record('lchown', ['-100', 'args->user', 'args->group'], 'str(uptr(args->filename))'),
    ),
    onEnter(['fchown'], record('fchown', ['args->fd', 'args->user', 'args->group'])),
    onEnter(
      ['fchownat'],
      record('fchownat', ['args->dfd', 'args->user', 'args->group'], 'str(uptr(args->filename))'),
    ),
  ];
}

function systemProbes(): Probe[] {
  return [
    onEnter(['ptrace'], record('ptrace', ['args->request', 'args->pid'])),
    onEnter(
      ['mount'],
      `  $ts = nsecs;
  ${part('$ts', '0', 'str(uptr(args->dev_name))')}
  ${part('$ts', '1', 'str(uptr(args->dir_name))')}
  ${part('$ts', '2', 'str(uptr(args->type))')}
  ${record('mount', ['args->flags'], '""', { ts: '$ts' })}`,
    ),
    // umount2(2)'s tracepoint carries the kernel's own name for it, umount.
    onEnter(['umount'], record('umount2', ['args->flags'], 'str(uptr(args->name))')),
    onEnter(['kill'], record('kill', ['args->pid', 'args->sig'])),
    onEnter(['tkill'], record('tkill', ['args->pid', 'args->sig'])),
    onEnter(['tgkill'], record('tgkill', ['args->tgid', 'args->sig'])),
    onEnter(['chroot'], record('chroot', [], 'str(uptr(args->filename))')),
    onEnter(['mknod'], record('mknod', ['args->mode', 'args->dev'], 'str(uptr(args->filename))')),
    onEnter(
      ['mknodat'],
      record('mknodat', ['args->mode', 'args->dev'], 'str(uptr(args->filename))'),
    ),
    onEnter(['unshare'], record('unshare', ['args->unshare_flags'])),
    onEnter(['setns'], record('setns', ['args->fd', 'args->flags'])),
    onEnter(['pivot_root'], record('pivot_root', [], 'str(uptr(args->new_root))')),
    {
      tracepoints: [sys('clone')],
      maps: [],
      text: `tracepoint:${sys('clone')}
/${IN_CONTAINER} && (args->clone_flags & ${CLONE_NEW_MASK}) != 0/
{
  ${record('clone', [`args->clone_flags & ${CLONE_NEW_MASK}`])}
}`,
    },
    onEnter(
      ['clone3'],
      `  $flags = *uptr((uint64 *)args->uargs) & ${CLONE_NEW_MASK | CLONE_NEWTIME};
  if ($flags != 0) { ${record('clone3', ['$flags'])} }`,
    ),
    onEnter(['fsopen'], record('fsopen', [], 'str(uptr(args->_fs_name))')),
    onEnter(['move_mount'], record('move_mount', [], 'str(uptr(args->to_pathname))')),
  ];
}

/**
 * Every syscall counted by number in a kernel map, printed at END. The key adds 2^32 for a 32-bit task (TS_COMPAT in
 * thread_info.status), whose numbers are i386's; x32 numbers carry their own bit (0x40000000). Module loading is read
 * here too: its tracepoints exist only in kernels built with module support, and raw_syscalls is always there.
 */
function syscallCounter(): Probe {
  return {
    tracepoints: ['raw_syscalls:sys_enter'],
    maps: ['@syscalls'],
    text: `tracepoint:raw_syscalls:sys_enter
/${IN_CONTAINER}/
{
  $compat = (int64)(curtask->thread_info.status & 2);
  @syscalls[args->id + ($compat << 31)] = count();
  if ($compat == 0 && args->id == 175) {
    ${record('init_module', ['args->args[1]'], 'str(uptr(args->args[2]))')}
  }
  if ($compat == 0 && args->id == 313) {
    ${record('finit_module', ['args->args[0]', 'args->args[2]'], 'str(uptr(args->args[1]))')}
  }
}`,
  };
}

export interface SensorProgram {
  text: string;
  /** Tracepoints some probe wanted that the kernel does not have; their events cannot be seen. */
  omitted: string[];
}

/** The tracepoints the sensor cannot work without. */
export const REQUIRED_TRACEPOINTS = [
  'sched:sched_process_exec',
  'sched:sched_process_exit',
  'raw_syscalls:sys_enter',
];

/**
 * The program text. Its one positional parameter ($1) is the mount namespace inode to trace. `available` lists the
 * kernel's tracepoints (category:name); probes whose tracepoints are missing are left out, since bpftrace refuses a
 * program that names one.
 */
export function buildSensorProgram(available?: ReadonlySet<string>): SensorProgram {
  const probes = [
    ...execProbes(),
    ...openProbes(),
    ...socketProbes(),
    ...identityProbes(),
    ...systemProbes(),
    syscallCounter(),
  ];
  const omitted = new Set<string>();
  const kept = probes.filter((p) => {
    const missing = available ? p.tracepoints.filter((t) => !available.has(t)) : [];
    for (const t of missing) omitted.add(t);
    return missing.length === 0;
  });
  const maps = [...new Set(kept.flatMap((p) => p.maps))].sort();
  const end = [
    'END',
    '{',
    '  print(@syscalls);',
    ...(maps.includes('@repeats') ? ['  print(@repeats);'] : []),
    ...maps.map((m) => `  clear(${m});`),
    '  printf("end\\n");',
    '}',
  ].join('\n');
  const text = [
    `// Seawall sensor: events of the tasks in one mount namespace ($1). Generated by src/runtime/sensor/program.ts.`,
    'BEGIN\n{\n  printf("ready\\t%llu\\n", nsecs);\n}',
    ...kept.map((p) => p.text),
    end,
    '',
  ].join('\n\n');
  return { text, omitted: [...omitted].sort() };
}
