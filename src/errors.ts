// Errors the CLI turns into exit code 2 with one line naming the input and the problem.

/** Bad input from the user or a file: an unknown target, a corrupt archive, an unreadable database. */
export class InputError extends Error {
  constructor(
    /** The file, target or URL at fault. */
    readonly subject: string,
    /** What is wrong with it, in a few words. */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${subject}: ${problem}`, options);
    this.name = 'InputError';
  }
}

/**
 * One file of a directory being scanned could not be read (permissions, a race): an input error of that file alone,
 * so the scan records it and reports the rest, where a damaged layer stops the scan.
 */
export class UnreadableFileError extends InputError {
  constructor(subject: string, problem: string) {
    super(subject, problem);
    this.name = 'UnreadableFileError';
  }
}

/** The message of any thrown value, for warnings and error lines. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Why a file could not be read, in a few words: "no such file", "permission denied", or the system's message. */
export function fileReadProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read (${messageOf(err)})`;
}
