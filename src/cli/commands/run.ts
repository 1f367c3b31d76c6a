// `seawall run TARGET [options] [-- CMD...]`, `seawall ps`, `seawall stop NAME`, `seawall rm NAME`: containers from
// any image target under runc (docs/runtime.md). Exit codes: the container's own, 125 when runc cannot start it.

import { Option, type Command } from 'commander';
import { InputError } from '../../errors.js';
import {
  listContainers,
  renderContainerJson,
  renderContainerTable,
} from '../../runtime/containers/list-containers.js';
import { removeContainer } from '../../runtime/containers/remove-container.js';
import { runContainer, type RunSpec } from '../../runtime/containers/run-container.js';
import { stopContainer } from '../../runtime/containers/stop-container.js';
import type { NetworkMode } from '../../runtime/network/container-network.js';
import { ContainerStartError } from '../../runtime/runc.js';
import type { CommandRun } from '../errors.js';
import { endProgress, progressReporter } from '../output.js';

/** Docker's exit code for "the container could not be started" (125), so it is told from the command's own codes. */
export const EXIT_START_FAILED = 125;

/** The flags of the options addContainerOptions adds. */
export interface ContainerFlags {
  name?: string;
  user?: string;
  workdir?: string;
  env: string[];
  capAdd: string[];
  capDrop: string[];
  readOnly?: boolean;
  seccomp?: string;
  network: NetworkMode;
  publish: string[];
  platform?: string;
  image?: string;
  insecureRegistry?: boolean;
  caCert?: string;
  quiet?: boolean;
}

interface RunFlags extends ContainerFlags {
  detach?: boolean;
  rm?: boolean;
}

export function registerRuntime(program: Command, run: CommandRun): void {
  addContainerOptions(
    program
      .command('run')
      .description('run an image (or a root filesystem directory) as a container under runc')
      .argument(
        '<target>',
        'oci:DIR[:TAG|@DIGEST], oci-archive:FILE, docker-archive:FILE, dir:DIR, registry:REF, or a path',
      )
      .argument(
        '[command...]',
        "after --: the command to run instead of the image's entrypoint and cmd",
      )
      .option('-d, --detach', 'run in the background; output goes to the container directory')
      .option('--rm', 'remove the container when it exits'),
  ).action(async (target: string, command: string[], flags: RunFlags) => {
    const progress = progressReporter(!!flags.quiet);
    try {
      const result = await runContainer({
        ...containerSpec(target, command, flags, progress),
        detach: flags.detach,
        rm: flags.rm,
      });
      endProgress(progress);
      if (flags.detach) process.stdout.write(`${result.name}\n`);
      else run.exitCode = result.exitCode ?? 0;
    } catch (err) {
      endProgress(progress);
      if (!(err instanceof ContainerStartError)) throw err;
      // runc's own words; a foreground run has already shown them on this stderr.
      if (!err.shown) process.stderr.write(`seawall: ${err.container}: ${err.runcMessage}\n`);
      run.exitCode = EXIT_START_FAILED;
    }
  });

  program
    .command('ps')
    .description('list containers (running ones; all with -a)')
    .option('-a, --all', 'stopped and exited containers too')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .option('--debug', 'print stack traces of errors')
    .action(async (flags: { all?: boolean; format: 'table' | 'json' }) => {
      const containers = await listContainers({ all: flags.all });
      process.stdout.write(
        flags.format === 'json'
          ? renderContainerJson(containers)
          : renderContainerTable(containers),
      );
    });

  program
    .command('stop')
    .description('stop containers: SIGTERM, then SIGKILL after the timeout')
    .argument('<names...>', 'container names')
    .addOption(
      new Option('-t, --time <seconds>', 'seconds to wait before SIGKILL')
        .argParser(nonNegativeInt('--time'))
        .default(10),
    )
    .option('--debug', 'print stack traces of errors')
    .action(async (names: string[], flags: { time: number }) => {
      for (const name of names) {
        await stopContainer(name, { timeoutSeconds: flags.time });
        process.stdout.write(`${name}\n`);
      }
    });

  program
    .command('rm')
    .description('remove containers: runc state, mount, network, port publisher and directory')
    .argument('<names...>', 'container names')
    .option('-f, --force', 'kill a running container first')
    .option('--debug', 'print stack traces of errors')
    .action(async (names: string[], flags: { force?: boolean }) => {
      for (const name of names) {
        await removeContainer(name, { force: flags.force });
        process.stdout.write(`${name}\n`);
      }
    });
}

/** A container runc could not start: runc's own words (once) and exit code 125; anything else goes on up. */
export function reportStartFailure(err: unknown, run: CommandRun): void {
  if (!(err instanceof ContainerStartError)) throw err;
  // A foreground run has already shown runc's words on this stderr.
  if (!err.shown) process.stderr.write(`seawall: ${err.container}: ${err.runcMessage}\n`);
  run.exitCode = EXIT_START_FAILED;
}

/** The options `run` and `record` share: how the container is made. */
export function addContainerOptions(command: Command): Command {
  return command
    .option('--name <name>', 'container name (default: generated)')
    .option('-u, --user <user>', 'user[:group] or uid[:gid], resolved in the image')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option(
      '-e, --env <KEY=VALUE>',
      'set a variable (KEY alone passes this one on); repeatable',
      collect,
      [],
    )
    .option(
      '--cap-add <caps>',
      'add capabilities (NET_ADMIN, ALL; comma-separated, repeatable)',
      collectList,
      [],
    )
    .option(
      '--cap-drop <caps>',
      'drop capabilities (ALL or names; comma-separated, repeatable)',
      collectList,
      [],
    )
    .option('--read-only', "mount the container's root read-only")
    .option('--seccomp <file>', 'seccomp profile (Docker or OCI JSON), or unconfined (the default)')
    .addOption(
      new Option(
        '--network <mode>',
        'none: loopback only; host: the host network; private: own veth',
      )
        .choices(['none', 'host', 'private'])
        .default('private'),
    )
    .option(
      '-p, --publish <hostPort:port>',
      'forward 127.0.0.1:HOSTPORT to the container (private network)',
      collect,
      [],
    )
    .option(
      '--platform <os/arch[/variant]>',
      'platform to pick from a multi-arch image',
      'linux/amd64',
    )
    .option('--image <ref>', 'image to read from a docker-archive holding several')
    .option('--insecure-registry', 'allow plain HTTP and unverified TLS for registry targets')
    .option('--ca-cert <file>', 'PEM certificates to trust for registry TLS')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option('--debug', 'print stack traces of errors');
}

/** RunSpec from the shared options. */
export function containerSpec(
  target: string,
  command: string[],
  flags: ContainerFlags,
  progress: ((message: string) => void) | undefined,
): RunSpec {
  return {
    target,
    name: flags.name,
    command,
    user: flags.user,
    workdir: flags.workdir,
    env: flags.env,
    capAdd: flags.capAdd,
    capDrop: flags.capDrop,
    readOnly: flags.readOnly,
    seccomp: flags.seccomp,
    network: flags.network,
    publish: flags.publish,
    source: {
      platform: flags.platform,
      image: flags.image,
      insecureRegistry: flags.insecureRegistry,
      caCertFile: flags.caCert,
    },
    warn: flags.quiet ? () => {} : undefined,
    onProgress: progress,
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectList(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ];
}

function nonNegativeInt(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value))
      throw new InputError(option, `expected a whole number of seconds, got ${value}`);
    return Number(value);
  };
}
