// `seawall audit FILE|DIR|-...`: Dockerfiles and container configurations (docker/podman inspect, OCI runtime
// config, Kubernetes, Compose, LXC, Marathon) checked together, rendered like `seawall scan` reports, and a CI gate.

import { Option, type Command } from 'commander';
import {
  AUDIT_FORMATS,
  AUDIT_PROFILES,
  runAuditJob,
  type AuditFormat,
  type AuditProfile,
} from '../../jobs/audit-job.js';
import { SEVERITIES, type Severity } from '../../vulndb/advisory.js';
import { EXIT_FINDINGS, type CommandRun } from '../errors.js';
import { writeOutput } from '../output.js';

interface AuditFlags {
  format: AuditFormat;
  output?: string;
  failOn?: Severity;
  profile: AuditProfile;
  exceptions?: string;
  quiet?: boolean;
}

export function registerAudit(program: Command, run: CommandRun): void {
  program
    .command('audit')
    .description(
      'check Dockerfiles and container configurations (docker/podman inspect, OCI config.json, Kubernetes, Compose, LXC, Marathon)',
    )
    .argument(
      '<inputs...>',
      'files, directories (walked for Dockerfiles, YAML and JSON), or - for standard input',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices([...AUDIT_FORMATS])
        .default('table'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addOption(
      new Option(
        '--profile <profile>',
        'which checks: all, one Pod Security level exactly, or CIS Docker',
      )
        .choices([...AUDIT_PROFILES])
        .default('all'),
    )
    .option(
      '--exceptions <file>',
      'exceptions per control and resource (docs/config-exceptions.md)',
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when an unsuppressed finding at or above this remains',
      ).choices([...SEVERITIES]),
    )
    .option('-q, --quiet', 'no warnings on stderr')
    .option('--debug', 'print stack traces of errors')
    .action(async (inputs: string[], flags: AuditFlags) => {
      const { text, report, gate } = await runAuditJob(inputs, {
        format: flags.format,
        failOn: flags.failOn,
        profile: flags.profile,
        exceptionsFile: flags.exceptions,
      });
      writeOutput(text, flags.output);
      if (!flags.quiet)
        for (const w of report.warnings) process.stderr.write(`seawall: warning: ${w}\n`);
      if (gate === 1) run.exitCode = EXIT_FINDINGS;
    });
}
