// Writes a command's result to stdout or to the -o file (atomically, so a failed run never leaves half a file).

import { writeFileAtomic } from '../util/atomic-write.js';
import { InputError, messageOf } from '../errors.js';

export function writeOutput(text: string, file: string | undefined): void {
  if (!file || file === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(file, text);
  } catch (err) {
    throw new InputError(file, `cannot write output (${messageOf(err)})`);
  }
}

/** A progress line on a terminal; nothing in pipes, CI or with --quiet. */
export function progressReporter(quiet: boolean): ((message: string) => void) | undefined {
  if (quiet || !process.stderr.isTTY || process.env.CI) return undefined;
  return (message) => process.stderr.write(`\r\x1b[K${message}`);
}

export function endProgress(report: ((message: string) => void) | undefined): void {
  if (report) process.stderr.write('\r\x1b[K');
}
