// Where tests find the repository's committed fixtures and a scratch area, from the compiled test's location.

import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file compiles to dist/testing/fixtures.js). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A path under test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return join(repoRoot, 'test', 'fixtures', ...parts);
}

/** The project's work area for generated test data (git-ignored); built images are cached here between runs. */
export const workArea = join(repoRoot, '.work');

/** A fresh temporary directory under the work area; remove it with the returned function. */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  mkdirSync(join(workArea, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(workArea, 'tmp', `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
