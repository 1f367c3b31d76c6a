// How the CLI reports failure: one line on stderr and exit code 2 for bad input or usage; the stack only with --debug.

import { InputError, messageOf } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

export function reportError(err: unknown, debug: boolean): number {
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  const text = err instanceof InputError ? err.message : messageOf(err);
  process.stderr.write(`seawall: ${oneLine(text)}\n`);
  return EXIT_INPUT;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** What a command tells main() beyond throwing: the exit code of a run that finished with errors. */
export interface CommandRun {
  exitCode: number;
}

/** One line per file that could not be read, after the output that still covers the rest. */
export function reportPartialErrors(errors: readonly string[]): number {
  for (const e of errors) process.stderr.write(`seawall: ${oneLine(e)}\n`);
  return EXIT_INPUT;
}
