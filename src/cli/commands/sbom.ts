// `seawall sbom TARGET`: the inventory of an image or root filesystem as CycloneDX, SPDX, Seawall JSON or a table.

import { Option, type Command } from 'commander';
import { runSbomJob } from '../../jobs/sbom-job.js';
import { SBOM_FORMATS, type SbomFormat } from '../../sbom/formats.js';
import { reportPartialErrors, type CommandRun } from '../errors.js';
import { endProgress, progressReporter, writeOutput } from '../output.js';
import { addTargetOptions, scanOptionsFrom, type TargetFlags } from '../scan-options.js';

interface SbomFlags extends TargetFlags {
  format: SbomFormat;
  output?: string;
  timestamp?: boolean;
}

export function registerSbom(program: Command, run: CommandRun): void {
  const cmd = program
    .command('sbom')
    .description('list what an image or root filesystem installs, as an SBOM')
    .argument(
      '<target>',
      'oci:DIR[:TAG|@DIGEST], oci-archive:FILE, docker-archive:FILE, dir:DIR, registry:REF, or a path',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices([...SBOM_FORMATS])
        .default('table'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--timestamp', 'include the creation time (output is otherwise reproducible)');
  addTargetOptions(cmd).action(async (target: string, flags: SbomFlags) => {
    const progress = progressReporter(!!flags.quiet);
    const { text, errors } = await runSbomJob(target, {
      ...scanOptionsFrom(flags),
      onProgress: progress,
      format: flags.format,
      timestamp: flags.timestamp ? new Date() : undefined,
    });
    endProgress(progress);
    writeOutput(text, flags.output);
    // The rest of the image was reported; the files that could not be read still make this a failed run.
    if (errors.length > 0) run.exitCode = reportPartialErrors(errors);
  });
}
