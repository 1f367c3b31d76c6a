// Licences of a Debian package from its usr/share/doc/NAME/copyright: DEP-5 short names turned into SPDX expressions.
// DEP-5: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/; SPDX ids: https://spdx.org/licenses/

import { createRequire } from 'node:module';
import { isSpdxExpression } from '../../license/spdx.js';
import type { License } from '../../model/license.js';
import { firstLinesOfFields } from './deb822.js';

// The SPDX lists spdx-expression-parse validates against (its own dependencies), read as CommonJS to avoid JSON-module
// warnings on older Node 20 releases.
const require = createRequire(import.meta.url);
const spdxLicenseIds = require('spdx-license-ids') as string[];
const spdxExceptionIds = require('spdx-exceptions') as string[];
const LICENSE_BY_LOWER = new Map(spdxLicenseIds.map((id) => [id.toLowerCase(), id]));
const EXCEPTION_BY_LOWER = new Map(spdxExceptionIds.map((id) => [id.toLowerCase(), id]));

/**
 * Licences the copyright file declares, one entry per distinct licence, sorted. Machine-readable (DEP-5) files give
 * the License short names of their Files paragraphs; each becomes an SPDX expression when every name in it has a
 * known SPDX equivalent, else it is kept as text. Other files give only what their /usr/share/common-licenses/
 * references say unambiguously. Nothing found, nothing returned: a licence is never guessed.
 */
export function licensesFromCopyright(text: string): License[] {
  return isDep5(text) ? licensesFromDep5(text) : licensesFromCommonLicenseReferences(text);
}

/** DEP-5 files open with a Format field naming the copyright-format spec (or, in early files, the DEP-5 draft). */
function isDep5(text: string): boolean {
  const head = text.slice(0, 512);
  return /^(Format|Format-Specification):.*(copyright-format|dep5|dep-5)/im.test(head);
}

function licensesFromDep5(text: string): License[] {
  const found = new Map<string, License>();
  for (const fields of firstLinesOfFields(text, ['files', 'license'])) {
    // Stand-alone License paragraphs only hold licence texts; the header's License summarises the Files paragraphs.
    if (!fields.has('files')) continue;
    const shortName = fields.get('license') || undefined;
    if (!shortName) continue;
    const expression = dep5ToSpdx(shortName);
    const license: License = expression ? { expression } : { text: shortName };
    found.set(expression ?? `text:${shortName}`, license);
  }
  return sortLicenses([...found.values()]);
}

/**
 * The SPDX expression for a DEP-5 License short-name line ("GPL-2+ or Artistic", "GPL-3+ with Bison exception",
 * "BSD-3-clause, and MIT"), or undefined when any part has no certain SPDX equivalent.
 * DEP-5 precedence: "and" binds tighter than "or" unless a comma sets the group apart ("A or B, and C" = (A or B) and C).
 */
export function dep5ToSpdx(shortName: string): string | undefined {
  // The same few dozen short names recur across every package of an image; parsing each once saves most of the cost.
  if (dep5Memo.has(shortName)) return dep5Memo.get(shortName);
  const expression = convertDep5(shortName);
  dep5Memo.set(shortName, expression);
  return expression;
}

const dep5Memo = new Map<string, string | undefined>();

function convertDep5(shortName: string): string | undefined {
  const segments = shortName.trim().split(/\s*,\s*(?=(?:and|or)\s)/i);
  const parts: string[] = [];
  const joiners: string[] = [];
  for (const [i, segment] of segments.entries()) {
    let body = segment;
    if (i > 0) {
      const m = /^(and|or)\s+(.*)$/i.exec(segment);
      if (!m) return undefined;
      joiners.push(m[1]!.toUpperCase());
      body = m[2]!;
    }
    const spdx = orGroupToSpdx(body);
    if (!spdx) return undefined;
    parts.push(segments.length > 1 && /\s(AND|OR)\s/.test(spdx) ? `(${spdx})` : spdx);
  }
  let expression = parts[0]!;
  for (const [i, joiner] of joiners.entries()) expression += ` ${joiner} ${parts[i + 1]}`;
  return isSpdxExpression(expression) ? expression : undefined;
}

function orGroupToSpdx(text: string): string | undefined {
  const alternatives = text.split(/\s+or\s+/i);
  const mapped: string[] = [];
  for (const alternative of alternatives) {
    const terms = alternative.split(/\s+and\s+/i).map(termToSpdx);
    if (terms.some((t) => t === undefined)) return undefined;
    const joined = terms.join(' AND ');
    mapped.push(alternatives.length > 1 && terms.length > 1 ? `(${joined})` : joined);
  }
  return mapped.join(' OR ');
}

/** One licence name, possibly "NAME with EXCEPTION exception". */
function termToSpdx(term: string): string | undefined {
  const m = /^(.+?)\s+with\s+(.+?)(?:\s+exception)?$/i.exec(term.trim());
  if (!m) return licenseNameToSpdx(term.trim());
  const license = licenseNameToSpdx(m[1]!);
  if (!license) return undefined;
  const exception = exceptionToSpdx(m[2]!, license);
  return exception ? `${license} WITH ${exception}` : undefined;
}

/** Debian short names that are not SPDX ids by spelling (DEP-5 "License specification" table, Debian usage). */
const DEBIAN_NAMES: Record<string, string> = {
  expat: 'MIT',
  'apache-2': 'Apache-2.0',
  apache2: 'Apache-2.0',
  // /usr/share/common-licenses/Artistic is the Artistic License 1.0 text, without the Perl-specific variant's clause.
  artistic: 'Artistic-1.0',
  'artistic-1': 'Artistic-1.0',
  'artistic-2': 'Artistic-2.0',
  cc0: 'CC0-1.0',
  'openldap-2.8': 'OLDAP-2.8',
  'mpl-2': 'MPL-2.0',
  'mpl-1.1': 'MPL-1.1',
  'python-2': 'Python-2.0',
  'psf-2': 'PSF-2.0',
  'zope-2.1': 'ZPL-2.1',
  'bsd-2': 'BSD-2-Clause',
  'bsd-3': 'BSD-3-Clause',
  'bsd-4': 'BSD-4-Clause',
  'unicode-dfs-2016': 'Unicode-DFS-2016',
};

/** GNU licences: GPL-2, GPL-2+, GPL-2.0+, LGPL-2.1+, AGPL-3, GFDL-1.3, GFDL-NIV-1.3+ (and their SPDX spellings). */
const GNU_NAME = /^(AGPL|LGPL|GPL|GFDL-NIV|GFDL)-(\d+(?:\.\d+)?)(\+|-or-later|-only)?$/i;

export function licenseNameToSpdx(name: string): string | undefined {
  const gnu = GNU_NAME.exec(name);
  if (gnu) {
    const family = gnu[1]!.toUpperCase();
    const version = gnu[2]!.includes('.') ? gnu[2]! : `${gnu[2]}.0`;
    const suffix = gnu[3] === '+' || gnu[3]?.toLowerCase() === '-or-later' ? '-or-later' : '-only';
    const id =
      family === 'GFDL-NIV'
        ? `GFDL-${version}-no-invariants${suffix}`
        : `${family}-${version}${suffix}`;
    return LICENSE_BY_LOWER.get(id.toLowerCase());
  }
  const lower = name.toLowerCase();
  return DEBIAN_NAMES[lower] ?? LICENSE_BY_LOWER.get(lower);
}

/** Exceptions Debian names by project; which SPDX text applies depends on the GPL version it accompanies. */
const EXCEPTIONS_BY_GPL_VERSION: Record<string, Record<string, string>> = {
  autoconf: { '2': 'Autoconf-exception-2.0', '3': 'Autoconf-exception-3.0' },
  gcc: { '2': 'GCC-exception-2.0', '3': 'GCC-exception-3.1' },
  // Bison's GPL-3 skeletons carry the 2.2 exception; older GPL-2 texts vary, so they are not mapped.
  bison: { '3': 'Bison-exception-2.2' },
  libtool: { '2': 'Libtool-exception', '3': 'Libtool-exception' },
  classpath: { '2': 'Classpath-exception-2.0' },
  font: { '2': 'Font-exception-2.0', '3': 'Font-exception-2.0' },
};

function exceptionToSpdx(name: string, license: string): string | undefined {
  const lower = name.trim().toLowerCase();
  const exact = EXCEPTION_BY_LOWER.get(lower) ?? EXCEPTION_BY_LOWER.get(`${lower}-exception`);
  if (exact) return exact;
  const gplVersion = /^(?:L|A)?GPL-(\d)/.exec(license)?.[1];
  return gplVersion ? EXCEPTIONS_BY_GPL_VERSION[lower]?.[gplVersion] : undefined;
}

/**
 * Licence texts Debian ships in /usr/share/common-licenses/ whose file name alone identifies one SPDX licence. The GNU
 * files (GPL-2, LGPL-2.1, GFDL-1.3, ...) do not: the reference does not say whether later versions apply, so those
 * are reported as text, as the file names them.
 */
const COMMON_LICENSE_FILES: Record<string, string> = {
  'Apache-2.0': 'Apache-2.0',
  Artistic: 'Artistic-1.0',
  BSD: 'BSD-3-Clause',
  'CC0-1.0': 'CC0-1.0',
  'MPL-1.1': 'MPL-1.1',
  'MPL-2.0': 'MPL-2.0',
};
const GNU_COMMON_LICENSE_FILE = /^(GPL|LGPL|GFDL)(-\d+(\.\d+)?)?$/;

function licensesFromCommonLicenseReferences(text: string): License[] {
  const found = new Map<string, License>();
  for (const m of text.matchAll(/\/usr\/share\/common-licenses\/([A-Za-z0-9.+-]+)/g)) {
    const file = m[1]!.replace(/\.+$/, ''); // "…/GPL-2." at the end of a sentence
    const expression = COMMON_LICENSE_FILES[file];
    if (expression) found.set(expression, { expression });
    else if (GNU_COMMON_LICENSE_FILE.test(file)) found.set(`text:${file}`, { text: file });
  }
  return sortLicenses([...found.values()]);
}

function sortLicenses(licenses: License[]): License[] {
  const key = (l: License) => l.expression ?? l.text ?? '';
  return licenses.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
