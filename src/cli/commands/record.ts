// `seawall record TARGET [options] [-- CMD...]` and `seawall profile KIND RECORD`: a container's behaviour under the
// kernel sensor, and the least-privilege profiles derived from it (docs/sensor.md, docs/profiles.md).

import { Argument, type Command } from 'commander';
import { InputError } from '../../errors.js';
import {
  PROFILE_KINDS,
  generateProfile,
  type ProfileKind,
} from '../../runtime/profile/generate.js';
import { readRecord } from '../../runtime/record/record-file.js';
import { recordContainer } from '../../runtime/record/record-container.js';
import type { CommandRun } from '../errors.js';
import { endProgress, progressReporter, writeOutput } from '../output.js';
import {
  reportStartFailure,
  addContainerOptions,
  containerSpec,
  type ContainerFlags,
} from './run.js';

interface RecordFlags extends ContainerFlags {
  out: string;
  duration?: number;
  exercise?: string;
}

export function registerRecord(program: Command, run: CommandRun): void {
  addContainerOptions(
    program
      .command('record')
      .description('run a container under the kernel sensor and write what it did (JSON lines)')
      .argument('<target>', 'any image target `seawall run` takes')
      .argument('[command...]', "after --: the command to run instead of the image's own")
      .option('-o, --out <file>', 'the behaviour record to write', 'seawall-record.jsonl')
      .option('--duration <seconds>', 'stop the container after this many seconds', positive)
      .option(
        '--exercise <command>',
        'a shell command run on the host against the container; the recording ends when it does',
      ),
  ).action(async (target: string, command: string[], flags: RecordFlags) => {
    const progress = progressReporter(!!flags.quiet);
    try {
      const result = await recordContainer({
        ...containerSpec(target, command, flags, progress),
        out: flags.out,
        durationSeconds: flags.duration,
        exercise: flags.exercise,
      });
      endProgress(progress);
      const { summary } = result;
      if (!flags.quiet)
        process.stderr.write(
          `seawall: recorded ${summary.eventCount} events, ${Object.keys(summary.syscalls).length} syscalls, ` +
            `${summary.processes.length} programs in ${summary.durationSeconds} s to ${flags.out}\n`,
        );
      // Losing events is never silent: the record says so, and so does the exit code.
      if (summary.lostEvents > 0) {
        process.stderr.write(
          `seawall: warning: the kernel dropped ${summary.lostEvents} events; profiles from this record may miss them\n`,
        );
        run.exitCode = 1;
      }
      if (result.exerciseExitCode !== undefined && result.exerciseExitCode !== 0) {
        process.stderr.write(`seawall: the exercise command exited ${result.exerciseExitCode}\n`);
        run.exitCode = 1;
      }
    } catch (err) {
      endProgress(progress);
      reportStartFailure(err, run);
    }
  });

  program
    .command('profile')
    .description('derive a least-privilege profile from a behaviour record')
    .addArgument(new Argument('<kind>', 'what to derive').choices(PROFILE_KINDS))
    .argument('<record>', 'a record written by `seawall record`')
    .option('-o, --output <file>', 'write the profile to a file instead of standard output')
    .option('--name <name>', "the profile's name (default: the recorded container's)")
    .option('--debug', 'print stack traces of errors')
    .action(async (kind: ProfileKind, file: string, flags: { output?: string; name?: string }) => {
      const record = await readRecord(file);
      writeOutput(generateProfile(kind, record.summary, { name: flags.name }), flags.output);
    });
}

function positive(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0))
    throw new InputError('--duration', `expected a positive number of seconds, got ${value}`);
  return n;
}
