// Recognises package-manager command lines in RUN scripts (apt-get, apk, pip, npm, gem, yum, dnf, zypper) and
// splits them into subcommand, options and operands, following each tool's own usage (apt-get(8), apk(8), pip docs).

import { parseInvocation, type Invocation } from './check.js';
import type { DockerfileInstruction } from './parse.js';
import { commandBaseName, unwrapCommand, type SimpleCommand } from './shell.js';

export type PackageManager =
  'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

export interface PackageCommand extends Invocation {
  manager: PackageManager;
  /** The program as written (`apt-get`, `pip3`, `python3 -m pip`). */
  program: string;
  /** Every word after the program, options and their values included. */
  args: string[];
}

/** Options of each tool that take the next word as their value, so it is not read as a package. */
const VALUE_OPTIONS: Record<PackageManager, ReadonlySet<string>> = {
  apt: new Set([
    '-o',
    '-c',
    '-t',
    '-a',
    '--option',
    '--config-file',
    '--target-release',
    '--default-release',
    '--host-architecture',
  ]),
  apk: new Set([
    '-X',
    '-t',
    '-p',
    '--repository',
    '--virtual',
    '--root',
    '--arch',
    '--cache-dir',
    '--keys-dir',
    '--repositories-file',
    '--timeout',
  ]),
  pip: new Set([
    '-r',
    '-c',
    '-e',
    '-i',
    '-f',
    '-t',
    '-C',
    '--requirement',
    '--constraint',
    '--editable',
    '--index-url',
    '--extra-index-url',
    '--find-links',
    '--target',
    '--prefix',
    '--root',
    '--src',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--progress-bar',
    '--trusted-host',
    '--cache-dir',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--cert',
    '--client-cert',
    '--upgrade-strategy',
    '--global-option',
    '--install-option',
    '--config-settings',
    '--report',
    '--no-binary',
    '--only-binary',
    '--python',
  ]),
  npm: new Set([
    '-w',
    '--prefix',
    '--registry',
    '--cache',
    '--workspace',
    '--tag',
    '--userconfig',
    '--omit',
    '--include',
    '--install-strategy',
    '--loglevel',
  ]),
  gem: new Set([
    '-v',
    '-i',
    '-n',
    '-s',
    '-p',
    '--version',
    '--install-dir',
    '--bindir',
    '--source',
    '--http-proxy',
    '--platform',
    '--build-root',
  ]),
  yum: new Set([
    '-c',
    '-x',
    '--config',
    '--installroot',
    '--releasever',
    '--setopt',
    '--exclude',
    '--enablerepo',
    '--disablerepo',
  ]),
  dnf: new Set([
    '-c',
    '-x',
    '--config',
    '--installroot',
    '--releasever',
    '--setopt',
    '--exclude',
    '--enablerepo',
    '--disablerepo',
    '--repo',
    '--repoid',
  ]),
  microdnf: new Set([
    '--config',
    '--installroot',
    '--releasever',
    '--setopt',
    '--enablerepo',
    '--disablerepo',
  ]),
  zypper: new Set(['-c', '-R', '--config', '--root', '--reposd-dir', '--cache-dir']),
};

const PROGRAMS: Record<string, PackageManager> = {
  'apt-get': 'apt',
  apt: 'apt',
  apk: 'apk',
  npm: 'npm',
  gem: 'gem',
  yum: 'yum',
  dnf: 'dnf',
  microdnf: 'microdnf',
  zypper: 'zypper',
};

/** The package-manager invocation a simple command is, looking through sudo and env; undefined for anything else. */
export function packageCommand(command: SimpleCommand): PackageCommand | undefined {
  const words = unwrapCommand(command.words);
  if (words.length === 0) return undefined;
  const name = commandBaseName(words[0]!);
  let manager: PackageManager | undefined = PROGRAMS[name];
  let args = words.slice(1);
  let program = words[0]!;
  if (/^pip[0-9.]*$/.test(name)) manager = 'pip';
  else if (
    /^python[0-9.]*$/.test(name) &&
    words[1] === '-m' &&
    /^pip[0-9.]*$/.test(words[2] ?? '')
  ) {
    manager = 'pip';
    args = words.slice(3);
    program = `${words[0]} -m ${words[2]}`;
  }
  if (!manager) return undefined;
  return { manager, program, args, ...parseInvocation(args, VALUE_OPTIONS[manager]) };
}

/** `npm i`, `npm add` and npm's accepted misspellings all mean install. */
const NPM_INSTALL = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
]);

/** A command that installs packages: apt-get install, apk add, pip install, npm install, gem install. */
export function isInstall(pkg: PackageCommand): boolean {
  switch (pkg.manager) {
    case 'apt':
    case 'pip':
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'zypper':
      return pkg.subcommand === 'install';
    case 'apk':
      return pkg.subcommand === 'add';
    case 'npm':
      return NPM_INSTALL.has(pkg.subcommand ?? '');
    case 'gem':
      return pkg.subcommand === 'install' || pkg.subcommand === 'i';
  }
}

/** Targets of the RUN's cache or tmpfs mounts (`--mount=type=cache,target=/var/cache/apt`). */
export function cacheMountTargets(run: DockerfileInstruction): string[] {
  return run.flags
    .filter((f) => f.name === 'mount' && f.value)
    .map((f) =>
      Object.fromEntries(
        f.value!.split(',').map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)]),
      ),
    )
    .filter((m: Record<string, string>) => m.type === 'cache' || m.type === 'tmpfs')
    .map((m: Record<string, string>) => m.target ?? m.dst ?? m.destination ?? '')
    .filter((t) => t !== '');
}

/** A word the shell fills in at run time: its package and version are unknown here. */
export function isVariable(word: string): boolean {
  return word.includes('$') || word.includes('`');
}
