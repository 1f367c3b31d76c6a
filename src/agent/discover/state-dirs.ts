// The entries of a runtime's state directory, sorted, and their state files; a runtime that is not installed has
// none (not an error).
// Directory listing as readdir(3) gives it: https://man7.org/linux/man-pages/man3/readdir.3.html

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * The JSON state file `name` of each container directory under `root`, parsed. A directory without one is a container
 * being created (runtimes make the directory first); one that cannot be read or parsed is a warning and skipped.
 */
export function stateFiles(
  root: string,
  name: string,
  ctx: Pick<DiscoverContext, 'warn'>,
): Array<{ id: string; file: string; json: unknown }> {
  const out: Array<{ id: string; file: string; json: unknown }> = [];
  for (const id of stateDirectories(root, ctx)) {
    const file = join(root, id, name);
    try {
      out.push({ id, file, json: JSON.parse(readFileSync(file, 'utf8')) as unknown });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        ctx.warn(`${file}: skipped (${messageOf(err)})`);
    }
  }
  return out;
}
