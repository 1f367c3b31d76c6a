// Reads an egg's requires.txt (setuptools' record of install_requires and extras_require) into the names it always needs.
// Format: https://setuptools.pypa.io/en/latest/deprecated/python_eggs.html#requires-txt

import { parseRequirement } from './names.js';

/**
 * Normalised names of the requirements listed before any section or in a `[:marker]` section (which depends on the
 * environment only); `[extra]` and `[extra:marker]` sections are optional features and are left out.
 */
export function parseEggRequires(text: string): string[] {
  const names = new Set<string>();
  let unconditional = true;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      unconditional = line.startsWith('[:');
      continue;
    }
    if (!unconditional) continue;
    const requirement = parseRequirement(line);
    if (requirement) names.add(requirement.name);
  }
  return [...names].sort();
}
