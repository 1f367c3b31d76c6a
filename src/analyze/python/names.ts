// Python distribution names as PEP 503 normalises them, and the name at the head of a PEP 508 requirement.
// https://peps.python.org/pep-0503/#normalized-names ; https://peps.python.org/pep-0508/

const SEPARATOR_RUNS = /[-_.]+/g;
/** PEP 508 names start and end with a letter or digit; the dependency specifier, extras or marker follow. */
const REQUIREMENT_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const EXTRA_IN_MARKER = /\bextra\s*==/;

/** `Foo.Bar_baz` → `foo-bar-baz`: how pip and PyPI compare names, and how the purl spells them. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(SEPARATOR_RUNS, '-');
}

export interface Requirement {
  /** Normalised name. */
  name: string;
  /** The environment marker after ';', if any. */
  marker?: string;
}

/** The name and marker of a PEP 508 requirement ("urllib3[socks] (<3,>=1.21.1) ; extra == 'x'"), or undefined. */
export function parseRequirement(text: string): Requirement | undefined {
  const match = REQUIREMENT_NAME.exec(text);
  if (!match) return undefined;
  const semicolon = text.indexOf(';', match[0].length);
  const marker = semicolon >= 0 ? text.slice(semicolon + 1).trim() : '';
  return marker ? { name: normalizeName(match[1]!), marker } : { name: normalizeName(match[1]!) };
}

/**
 * Whether a requirement is installed whenever its dependant is: one that only an extra asks for is optional. A marker on
 * the environment (python_version, sys_platform) cannot be judged here; the edge is kept when its target is installed.
 */
export function isUnconditional(requirement: Requirement): boolean {
  return !requirement.marker || !EXTRA_IN_MARKER.test(requirement.marker);
}
