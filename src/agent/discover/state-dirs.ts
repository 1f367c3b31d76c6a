// The entries of a runtime's state directory, sorted; a runtime that is not installed has none (not an error).
// Directory listing as readdir(3) gives it: https://man7.org/linux/man-pages/man3/readdir.3.html

import { readdirSync } from 'node:fs';
import { messageOf } from '../../errors.js';
import type { DiscoverContext } from './container.js';

/** Subdirectory names of `root`, sorted; none when it does not exist, a warning when it cannot be read. */
export function stateDirectories(root: string, ctx: Pick<DiscoverContext, 'warn'>): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') ctx.warn(`${root}: skipped (${messageOf(err)})`);
    return [];
  }
}
