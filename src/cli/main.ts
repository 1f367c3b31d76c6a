// The seawall command line: parses arguments and hands each command to its library function.

import { Command, CommanderError } from 'commander';
import { SEAWALL_VERSION } from '../version.js';
import { registerAgent } from './commands/agent.js';
import { registerAudit } from './commands/audit.js';
import { registerDb } from './commands/db.js';
import { registerRecord } from './commands/record.js';
import { registerRuntime } from './commands/run.js';
import { registerSbom } from './commands/sbom.js';
import { registerScan } from './commands/scan.js';
import { registerServe } from './commands/serve.js';
import { EXIT_INPUT, reportError, type CommandRun } from './errors.js';

export async function main(argv: string[]): Promise<number> {
  // A reader that goes away (`seawall sbom ... | head`) is not an error worth a stack trace.
  // Any other failure to write the output (a full disk) is one line and exit 2, like every input or output error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE')
      process.stderr.write(`seawall: cannot write the output (${err.code ?? err.message})\n`);
    process.exit(err.code === 'EPIPE' ? 0 : 2);
  });
  const program = new Command('seawall')
    .description('Container security: what is inside an image, how it is configured, what it does')
    .version(SEAWALL_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const run: CommandRun = { exitCode: 0 };
  registerSbom(program, run);
  registerScan(program, run);
  registerDb(program, run);
  registerAudit(program, run);
  registerRuntime(program, run);
  registerRecord(program, run);
  registerServe(program, run);
  registerAgent(program, run);
  for (const cmd of allCommands(program)) cmd.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : EXIT_INPUT;
    }
    return reportError(err, argv.includes('--debug'));
  }
}

/** Every command and subcommand (`db import`), so each exits through main() rather than process.exit. */
function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}
