// The 'os' analyzer: which distribution and release an image is, from os-release and the distributions' own release files.
// os-release(5): https://www.freedesktop.org/software/systemd/man/latest/os-release.html; fallbacks as Trivy's fanal/analyzer/os.

import type { OsInfo } from '../model/os.js';
import type { FileTree } from '../source/file-tree.js';
import { type Analyzer, type AssembleInput, latestFact } from './analyzer.js';

export type OsFact =
  | { kind: 'os-release'; fields: Record<string, string> }
  /** The first non-empty line of a one-line release file (debian_version, alpine-release, redhat-release, ...). */
  | { kind: 'release-line'; line: string };

/** os-release locations in the order os-release(5) says to read them. */
const OS_RELEASE_PATHS = ['etc/os-release', 'usr/lib/os-release'];
const DEBIAN_VERSION = 'etc/debian_version';
const ALPINE_RELEASE = 'etc/alpine-release';
/** Red Hat family release files, most specific first: on RHEL clones redhat-release is often a link to the clone's file. */
const RPM_RELEASE_PATHS = [
  'etc/centos-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/fedora-release',
  'etc/redhat-release',
  'etc/system-release',
];
const WANTED = new Set([...OS_RELEASE_PATHS, DEBIAN_VERSION, ALPINE_RELEASE, ...RPM_RELEASE_PATHS]);

/** Only the fields OsInfo is made of are kept: the fact is cached per layer. */
const KEPT_FIELDS = new Set([
  'ID',
  'VERSION_ID',
  'VERSION_CODENAME',
  'UBUNTU_CODENAME',
  'PRETTY_NAME',
  'NAME',
]);

/** Bounds what a hostile image can make us hold from a file that should be a few hundred bytes. */
const MAX_RELEASE_FILE_BYTES = 64 * 1024;

export const osAnalyzer: Analyzer<OsFact> = {
  name: 'os',
  version: 1,
  wants: (path) => WANTED.has(path),
  parse(file, warn) {
    if (file.content.length > MAX_RELEASE_FILE_BYTES) {
      warn(`${file.path}: ${file.content.length} bytes is too large for a release file; ignored`);
      return undefined;
    }
    const text = file.content.toString('utf8');
    if (OS_RELEASE_PATHS.includes(file.path)) {
      const fields = parseOsRelease(text);
      const kept: Record<string, string> = {};
      for (const [key, value] of Object.entries(fields))
        if (KEPT_FIELDS.has(key)) kept[key] = value;
      return { kind: 'os-release', fields: kept };
    }
    const line = text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '');
    return line === undefined ? undefined : { kind: 'release-line', line };
  },
  assemble(input) {
    const os = identifyOs(input);
    return os ? { os } : {};
  },
};

/**
 * Parses os-release's shell-compatible KEY=value lines: values may be unquoted or in single or double quotes, with
 * backslash escapes inside double quotes. Lines that are not assignments are ignored, as os-release(5) allows.
 */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    fields[m[1]!] = unquote(m[2]!);
  }
  return fields;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  }
  return value;
}

function identifyOs(input: AssembleInput<OsFact>): OsInfo | undefined {
  const debianVersion = factAt(input, DEBIAN_VERSION);
  for (const path of OS_RELEASE_PATHS) {
    const found = factAt(input, path);
    if (found?.fact.kind !== 'os-release') continue;
    const os = fromOsRelease(found.fact.fields, found.path);
    if (!os) continue;
    // Debian testing and unstable leave VERSION_ID out; debian_version ("trixie/sid") is then the only release word.
    if (os.family === 'debian' && !os.version && debianVersion?.fact.kind === 'release-line') {
      os.version = debianVersion.fact.line;
    }
    return os;
  }
  if (debianVersion?.fact.kind === 'release-line') {
    return { family: 'debian', version: debianVersion.fact.line, source: debianVersion.path };
  }
  const alpine = factAt(input, ALPINE_RELEASE);
  if (alpine?.fact.kind === 'release-line') {
    return { family: 'alpine', version: alpine.fact.line, source: alpine.path };
  }
  for (const path of RPM_RELEASE_PATHS) {
    const found = factAt(input, path);
    if (found?.fact.kind !== 'release-line') continue;
    const os = fromRpmReleaseLine(found.fact.line, found.path);
    if (os) return os;
  }
  return undefined;
}

function fromOsRelease(fields: Record<string, string>, source: string): OsInfo | undefined {
  const id = fields.ID?.trim().toLowerCase();
  if (!id) return undefined;
  const os: OsInfo = { family: id, source };
  const version = fields.VERSION_ID?.trim();
  if (version) os.version = version;
  const codename = (fields.VERSION_CODENAME || fields.UBUNTU_CODENAME)?.trim();
  if (codename) os.codename = codename;
  const prettyName = (fields.PRETTY_NAME || fields.NAME)?.trim();
  if (prettyName) os.prettyName = prettyName;
  return os;
}

/** Vendor names as the Red Hat family writes them in "<Name> release <version> (<codename>)". */
const RPM_VENDORS: readonly [RegExp, string][] = [
  [/^centos/i, 'centos'],
  [/^rocky/i, 'rocky'],
  [/^alma/i, 'almalinux'],
  [/^fedora/i, 'fedora'],
  [/^red hat enterprise linux/i, 'rhel'],
  [/^amazon linux/i, 'amzn'],
  [/^oracle linux/i, 'ol'],
];

function fromRpmReleaseLine(line: string, source: string): OsInfo | undefined {
  const family = RPM_VENDORS.find(([pattern]) => pattern.test(line))?.[1];
  if (!family) return undefined;
  const os: OsInfo = { family, prettyName: line, source };
  const m = /\brelease\s+([0-9][0-9.]*)(?:\s*\(([^)]+)\))?/i.exec(line);
  if (m?.[1]) os.version = m[1];
  if (m?.[2]) os.codename = m[2].trim();
  return os;
}

/** The image's copy of the file `path` names, after following symlinks (etc/os-release is usually one), and its real path. */
function factAt(
  input: AssembleInput<OsFact>,
  path: string,
): { fact: OsFact; path: string } | undefined {
  const real = resolvedPath(input.tree, path);
  if (real === undefined) return undefined;
  const fact = latestFact(input.facts.get(real));
  return fact ? { fact, path: real } : undefined;
}

function resolvedPath(tree: FileTree, path: string): string | undefined {
  const r = tree.resolve(path);
  return r.ok ? r.path : undefined;
}
