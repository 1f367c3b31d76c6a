// `seawall audit FILE`: the checks for one configuration file (a Dockerfile for now) as a report and a CI gate,
// rendered like `seawall scan` reports (table, JSON, SARIF, JUnit).

import { Option, type Command } from 'commander';
import { AUDIT_FORMATS, runAuditJob, type AuditFormat } from '../../jobs/audit-job.js';
import { SEVERITIES, type Severity } from '../../vulndb/advisory.js';
import { EXIT_FINDINGS, type CommandRun } from '../errors.js';
import { writeOutput } from '../output.js';

interface AuditFlags {
  format: AuditFormat;
  output?: string;
  failOn?: Severity;
}

export function registerAudit(program: Command, run: CommandRun): void {
  program
    .command('audit')
    .description('check a Dockerfile against hardening and build-hygiene rules')
    .argument('<file>', 'the Dockerfile to check')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices([...AUDIT_FORMATS])
        .default('table'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when an unsuppressed finding at or above this remains',
      ).choices([...SEVERITIES]),
    )
    .option('-q, --quiet', 'no warnings on stderr')
    .option('--debug', 'print stack traces of errors')
    .action(async (file: string, flags: AuditFlags) => {
      const { text, gate } = await runAuditJob(file, {
        format: flags.format,
        failOn: flags.failOn,
      });
      writeOutput(text, flags.output);
      if (gate === 1) run.exitCode = EXIT_FINDINGS;
    });
}
