// Debian release code names and numbers, so advisories keyed by code name ('bookworm') match an OS by number ('12').
// From the Debian release history (https://www.debian.org/doc/manuals/project-history/releases.en.html).

/** Every named release, oldest first. 'sid' is unstable, never a release, and 'testing' moves: neither is here. */
const DEBIAN_RELEASES: readonly (readonly [codename: string, number: string])[] = [
  ['buzz', '1.1'],
  ['rex', '1.2'],
  ['bo', '1.3'],
  ['hamm', '2.0'],
  ['slink', '2.1'],
  ['potato', '2.2'],
  ['woody', '3.0'],
  ['sarge', '3.1'],
  ['etch', '4'],
  ['lenny', '5'],
  ['squeeze', '6'],
  ['wheezy', '7'],
  ['jessie', '8'],
  ['stretch', '9'],
  ['buster', '10'],
  ['bullseye', '11'],
  ['bookworm', '12'],
  ['trixie', '13'],
  ['forky', '14'],
  ['duke', '15'],
];

const NUMBER_BY_CODENAME = new Map(DEBIAN_RELEASES);
const CODENAME_BY_NUMBER = new Map(DEBIAN_RELEASES.map(([codename, number]) => [number, codename]));

/**
 * The release number of a code name ('bookworm' -> '12') or of a version ('12', '12.5', '4.0' -> '4'; '3.1' stays:
 * before etch the minor number named the release). Undefined for 'sid', 'unstable', 'testing' and anything unknown.
 */
export function debianReleaseNumber(codenameOrNumber: string): string | undefined {
  const text = codenameOrNumber.trim().toLowerCase();
  const byName = NUMBER_BY_CODENAME.get(text);
  if (byName !== undefined) return byName;
  if (CODENAME_BY_NUMBER.has(text)) return text;
  // Point releases since etch: '12.5' is release 12, '4.0' release 4.
  const point = /^(\d+)\.\d+$/.exec(text);
  if (point && Number(point[1]) >= 4 && CODENAME_BY_NUMBER.has(point[1]!)) return point[1];
  return undefined;
}

/** The code name of a release number or code name ('12' -> 'bookworm'); undefined when it names no release. */
export function debianCodename(codenameOrNumber: string): string | undefined {
  const number = debianReleaseNumber(codenameOrNumber);
  return number === undefined ? undefined : CODENAME_BY_NUMBER.get(number);
}
