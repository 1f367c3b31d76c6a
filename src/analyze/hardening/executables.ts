// The programs an image offers someone who gets a foothold in it: shells, package managers, compilers, debuggers,
// network tools, SSH servers and language runtimes, found by name in the FHS bin directories (https://refspecs.linuxfoundation.org/FHS_3.0/fhs/ch04s04.html).

import type { FileEntry } from '../../model/layer.js';
import type { FileTree } from '../../source/file-tree.js';
import {
  capped,
  RUNTIME_NAMES,
  SURFACE_CATEGORIES,
  type LocatedPath,
  type RuntimeEvidence,
  type RuntimeName,
  type SurfaceCategory,
  type SurfaceInventory,
} from './evidence.js';

/** Where a shell's PATH looks; a tool elsewhere is not one an intruder stumbles on. */
const BIN_DIRS = new Set(['bin', 'sbin', 'usr/bin', 'usr/sbin', 'usr/local/bin', 'usr/local/sbin']);

/** Tool names by category: exact names, and versioned names (gcc-12, pip3.11, lldb-15). */
const SURFACE: Readonly<Record<SurfaceCategory, { names: ReadonlySet<string>; pattern?: RegExp }>> =
  {
    shell: {
      names: words(
        'sh bash rbash dash zsh ash ksh ksh93 mksh pdksh csh tcsh fish yash busybox toybox',
      ),
    },
    'package-manager': {
      names: words(
        'apt apt-get aptitude dpkg apk yum dnf dnf5 microdnf tdnf rpm zypper pacman pip pip2 pip3 easy_install ' +
          'npm yarn pnpm gem composer conda mamba micromamba',
      ),
      pattern: /^pip\d\.\d+$/,
    },
    compiler: {
      names: words(
        'cc c++ gcc g++ clang clang++ tcc go gccgo rustc javac gfortran kotlinc scalac ghc nasm yasm',
      ),
      pattern: /^(?:gcc|g\+\+|clang|clang\+\+|gfortran|gccgo)-\d+(?:\.\d+)*$/,
    },
    debugger: {
      names: words('gdb gdbserver lldb lldb-server strace ltrace perf valgrind bpftrace sysdig'),
      pattern: /^lldb(?:-server)?-\d+$/,
    },
    'network-tool': {
      names: words(
        'curl wget nc ncat netcat nc.traditional nc.openbsd socat telnet ssh scp sftp ftp tftp lftp rsync nmap ' +
          'tcpdump tshark',
      ),
    },
  };

const SSH_SERVERS = words('sshd dropbear dropbearmulti tinysshd');

/** Interpreter names per runtime, versioned as distributions install them (python3.11, perl5.36.0, php8.2). */
export const RUNTIME_PATTERNS: Readonly<Record<RuntimeName, RegExp>> = {
  java: /^java$/,
  node: /^(?:node|nodejs)$/,
  perl: /^perl(?:\d+(?:\.\d+)*)?$/,
  php: /^php(?:-fpm)?(?:\d+(?:\.\d+)?)?$/,
  python: /^python(?:\d+(?:\.\d+)?)?$/,
  ruby: /^ruby(?:\d+(?:\.\d+)?)?$/,
};

export interface ExecutableFindings {
  attackSurface: SurfaceInventory[];
  runtimes: RuntimeEvidence[];
  sshServers: LocatedPath[];
}

/** One pass over the tree's entries: tools in the bin directories, runtimes in any `bin` directory. */
export function findExecutables(tree: FileTree, entries: readonly FileEntry[]): ExecutableFindings {
  const surface = new Map<SurfaceCategory, { names: Set<string>; paths: LocatedPath[] }>();
  const runtimes = new Map<RuntimeName, LocatedPath[]>();
  const sshServers: LocatedPath[] = [];
  for (const entry of entries) {
    const slash = entry.path.lastIndexOf('/');
    if (slash < 0) continue;
    const dir = entry.path.slice(0, slash);
    const name = entry.path.slice(slash + 1);
    const inBinDir = BIN_DIRS.has(dir);
    const runtime = dir === 'bin' || dir.endsWith('/bin') ? runtimeOf(name) : undefined;
    const category = inBinDir ? categoryOf(name) : undefined;
    const ssh = inBinDir && SSH_SERVERS.has(name);
    if (!runtime && !category && !ssh) continue;
    // A busybox applet or an alternatives link is a symlink: it counts when it leads to an executable file.
    const target = executableBehind(tree, entry);
    if (!target) continue;
    const located = { path: entry.path, layer: target.layer };
    if (category) {
      const found = surface.get(category) ?? { names: new Set<string>(), paths: [] };
      found.names.add(name);
      found.paths.push(located);
      surface.set(category, found);
    }
    if (runtime) {
      const paths = runtimes.get(runtime) ?? [];
      paths.push(located);
      runtimes.set(runtime, paths);
    }
    if (ssh) sshServers.push(located);
  }
  return {
    attackSurface: SURFACE_CATEGORIES.filter((c) => surface.has(c)).map((category) => {
      const { names, paths } = surface.get(category)!;
      return { category, count: names.size, names: [...names].sort(), paths: capped(paths) };
    }),
    runtimes: RUNTIME_NAMES.filter((r) => runtimes.has(r)).map((runtime) => ({
      runtime,
      paths: capped(runtimes.get(runtime)!),
    })),
    sshServers: capped(sshServers).items,
  };
}

export function categoryOf(name: string): SurfaceCategory | undefined {
  return SURFACE_CATEGORIES.find((c) => {
    const { names, pattern } = SURFACE[c];
    return names.has(name) || (pattern?.test(name) ?? false);
  });
}

export function runtimeOf(name: string): RuntimeName | undefined {
  return RUNTIME_NAMES.find((r) => RUNTIME_PATTERNS[r].test(name));
}

/** The regular file with an execute bit that `entry` is or leads to (through symlinks, within the root). */
function executableBehind(tree: FileTree, entry: FileEntry): FileEntry | undefined {
  let target: FileEntry | undefined = entry;
  if (entry.type === 'symlink') {
    const resolved = tree.resolve(entry.path);
    target = resolved.ok ? resolved.entry : undefined;
  }
  if (!target || (target.type !== 'file' && target.type !== 'hardlink')) return undefined;
  return (target.mode & 0o111) !== 0 ? target : undefined;
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}
