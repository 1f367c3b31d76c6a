// Collects what a database reader could not read, so that a damaged database warns once instead of once per slot.
// The policy is the project's bad-input rule: report what was readable, warn about the rest, fail only when nothing was.

import { InputError } from '../../errors.js';

/** How many problems a warning spells out before it only counts the rest. */
const PROBLEMS_SHOWN = 3;

export class ProblemLog {
  private readonly problems: string[] = [];

  constructor(private readonly subject: string) {}

  add(problem: string): void {
    this.problems.push(problem);
  }

  get count(): number {
    return this.problems.length;
  }

  /**
   * Ends a read that found `readable` items: throws InputError when problems left nothing readable, otherwise warns
   * once with a summary of the problems (if any).
   */
  finish(readable: number, warn: (message: string) => void): void {
    if (this.problems.length === 0) return;
    const summary = this.summary();
    if (readable === 0) throw new InputError(this.subject, summary);
    warn(`${summary}; read the ${readable} readable package record(s)`);
  }

  private summary(): string {
    const shown = this.problems.slice(0, PROBLEMS_SHOWN).join('; ');
    const more = this.problems.length - PROBLEMS_SHOWN;
    return more > 0 ? `${shown}; and ${more} more problem(s)` : shown;
  }
}
