// Reads dpkg's database of package states (var/lib/dpkg/status, and distroless status.d/ files) into installed packages.
// Fields: dpkg-query(1) and deb-control(5); states: dpkg(1) "Package states"; Source rules: dpkg lib/dpkg/pkg-format.c.

import { parseRelations, type AlternativeGroup } from './dependencies.js';
import { firstLine, parseDeb822 } from './deb822.js';

/** One installed package as its status stanza describes it (JSON-serialisable: it is cached per layer). */
export interface DpkgRecord {
  name: string;
  version: string;
  arch?: string;
  multiArch?: string;
  source: { name: string; version: string };
  maintainer?: string;
  description?: string;
  /** Depends and Pre-Depends together: both make edges. */
  depends: AlternativeGroup[];
  /** Virtual package names from Provides. */
  provides: string[];
}

/**
 * States in which the package's files are on disk. dpkg's own `dpkg -l` marks only `installed` as "ii", but `unpacked`,
 * `half-configured` and the two trigger states also have every file unpacked (dpkg(1), "Package states"), so a scanner
 * must report them; `half-installed` (unpacking broke off), `config-files` and `not-installed` are not reported.
 * The selection word (install/hold/deinstall/purge) is ignored: it is what apt wants next, not what is on disk.
 */
const STATES_WITH_FILES = new Set([
  'installed',
  'unpacked',
  'half-configured',
  'triggers-awaiting',
  'triggers-pending',
]);

/** Debian policy 5.6.12: [epoch:]upstream[-revision], upstream starting with a digit (dpkg only warns; we accept alnum). */
const VERSION_SYNTAX = /^(?:[0-9]+:)?[A-Za-z0-9][A-Za-z0-9.+~:-]*$/;
/** Debian policy 5.6.1: lower-case letters, digits, '+', '-', '.'; at least two characters, starting alphanumeric. */
const NAME_SYNTAX = /^[a-z0-9][a-z0-9.+-]+$/;
/** "Source: name" or "Source: name (version)". */
const SOURCE_SYNTAX = /^([a-z0-9][a-z0-9.+-]*)(?:\s+\(([^)\s]+)\))?$/;

/**
 * The installed packages in one status file. A stanza that cannot be read (bad syntax, missing Package/Version, invalid
 * name or version) is reported through `warn` with its line and skipped; the rest are returned.
 */
export function parseDpkgStatus(text: string, warn: (message: string) => void): DpkgRecord[] {
  const records: DpkgRecord[] = [];
  for (const paragraph of parseDeb822(text)) {
    const f = paragraph.fields;
    const where = `stanza at line ${paragraph.line}${f.get('package') ? ` (${f.get('package')})` : ''}`;
    if (paragraph.problem) {
      warn(`${where}: ${paragraph.problem}; skipped`);
      continue;
    }
    const status = f.get('status');
    // A stanza without Status is a package description (status.d files of some distroless images omit it).
    if (status !== undefined && !STATES_WITH_FILES.has(status.split(/\s+/)[2] ?? '')) continue;
    const name = f.get('package');
    const version = f.get('version');
    if (!name || !version) {
      warn(`${where}: no ${name ? 'Version' : 'Package'} field; skipped`);
      continue;
    }
    if (!NAME_SYNTAX.test(name)) {
      warn(`${where}: invalid package name "${name}"; skipped`);
      continue;
    }
    if (!VERSION_SYNTAX.test(version)) {
      warn(`${where}: invalid version "${version}"; skipped`);
      continue;
    }
    const record: DpkgRecord = {
      name,
      version,
      source: sourceOf(f.get('source'), name, version, (m) => warn(`${where}: ${m}`)),
      depends: [...parseRelations(f.get('pre-depends')), ...parseRelations(f.get('depends'))],
      provides: parseRelations(f.get('provides')).flatMap((group) => group.map((r) => r.name)),
    };
    const arch = f.get('architecture');
    if (arch) record.arch = arch;
    const multiArch = f.get('multi-arch');
    if (multiArch) record.multiArch = multiArch;
    const maintainer = f.get('maintainer');
    if (maintainer) record.maintainer = maintainer;
    const description = firstLine(f.get('description'));
    if (description) record.description = description;
    records.push(record);
  }
  return records;
}

/** No Source: the binary's own name and version; Source without a version: the binary's version (pkg-format.c). */
function sourceOf(
  field: string | undefined,
  name: string,
  version: string,
  warn: (message: string) => void,
): { name: string; version: string } {
  if (!field) return { name, version };
  const m = SOURCE_SYNTAX.exec(field.trim());
  if (!m) {
    warn(`unreadable Source "${field}"; using the binary package's name`);
    return { name, version };
  }
  return { name: m[1]!, version: m[2] ?? version };
}
