// Warnings of one feed import in the sink's shape ("FILE: ID: problem"), capped so a systematically broken feed of
// a million records gives a screenful and a count, not a million lines. See `ImportSink.warn` in ../advisory.ts.

import type { ImportSink } from '../advisory.js';

/** How many warnings one file may print before the rest are only counted. */
export const WARNINGS_PER_FILE = 50;

export class FeedWarnings {
  private shown = 0;
  private suppressed = 0;

  constructor(
    private readonly sink: ImportSink,
    private readonly file: string,
    private readonly limit = WARNINGS_PER_FILE,
  ) {}

  /** A problem with one record, named by its id. */
  record(id: string, problem: string): void {
    this.emit(`${this.file}: ${id}: ${problem}`);
  }

  /** A problem with one line of a text feed (1-based). */
  line(lineNumber: number, problem: string): void {
    this.emit(`${this.file}:${lineNumber}: ${problem}`);
  }

  /** A problem with the file as a whole; never suppressed. */
  general(problem: string): void {
    this.sink.warn(`${this.file}: ${problem}`);
  }

  /** Says how many warnings were left out; call once when the file is done. */
  finish(): void {
    if (this.suppressed > 0) {
      this.sink.warn(`${this.file}: ${this.suppressed} more warnings not shown`);
      this.suppressed = 0;
    }
  }

  private emit(message: string): void {
    if (this.shown < this.limit) {
      this.shown++;
      this.sink.warn(message);
    } else {
      this.suppressed++;
    }
  }
}
