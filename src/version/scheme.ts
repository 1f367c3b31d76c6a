// The contract every version module implements: one ecosystem's own ordering of version strings.
// Each module cites the specification it follows; src/version/index.ts maps ecosystem names to modules.

export type Ordering = -1 | 0 | 1;

export interface VersionScheme {
  /** The ecosystem name compareVersions() takes: 'deb', 'apk', 'rpm', 'pep440', 'semver', 'go', ... */
  readonly name: string;
  /** -1 when a sorts before b, 0 when the ecosystem treats them as the same version, 1 after. */
  compare(a: string, b: string): Ordering;
  /**
   * Whether the string is a version this ecosystem can order. compare() still returns an answer for invalid input
   * (a stable fallback), but the matcher does not trust a range it cannot parse.
   */
  isValid(version: string): boolean;
}

/** -1, 0 or 1 from any number's sign. */
export function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
