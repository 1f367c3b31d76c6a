// Licences from an OSGi Bundle-License header: SPDX identifiers as they are, the common licence URLs mapped to theirs.
// Header syntax: OSGi Core 8, section 3.2.1.4 (https://docs.osgi.org/specification/osgi.core/8.0.0/framework.module.html).

import type { License } from '../../model/license.js';
import { isSpdxExpression } from '../../license/spdx.js';

/** Licence URLs that name exactly one licence, without scheme, `www.` or a final slash, lower-cased. */
const LICENSE_URLS: ReadonlyMap<string, string> = new Map([
  ['apache.org/licenses/license-2.0', 'Apache-2.0'],
  ['apache.org/licenses/license-2.0.txt', 'Apache-2.0'],
  ['apache.org/licenses/license-2.0.html', 'Apache-2.0'],
  ['opensource.org/licenses/apache2.0.php', 'Apache-2.0'],
  ['opensource.org/licenses/apache-2.0', 'Apache-2.0'],
  ['opensource.org/licenses/mit', 'MIT'],
  ['opensource.org/licenses/mit-license.php', 'MIT'],
  ['eclipse.org/legal/epl-v10.html', 'EPL-1.0'],
  ['eclipse.org/legal/epl-2.0', 'EPL-2.0'],
  // SPDX lists the Eclipse Distribution License 1.0 as BSD-3-Clause.
  ['eclipse.org/org/documents/edl-v10.php', 'BSD-3-Clause'],
]);

/** The EXTERNAL marker says the licence is described elsewhere: nothing to report. */
const EXTERNAL = '<<EXTERNAL>>';

/**
 * Bundle-License is `name;description=...;link=...` clauses separated by commas, the name an SPDX identifier or (in
 * most jars in the wild) a URL. Identifiers and known URLs become SPDX expressions; anything else is kept as text.
 */
export function bundleLicenses(header: string | undefined): License[] {
  if (!header) return [];
  const licenses: License[] = [];
  for (const clause of splitClauses(header)) {
    const name = clause
      .split(';')[0]!
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!name || name === EXTERNAL) continue;
    const fromUrl = LICENSE_URLS.get(
      name
        .toLowerCase()
        .replace(/^https?:\/\/(www\.)?/, '')
        .replace(/\/$/, ''),
    );
    if (fromUrl) licenses.push({ expression: fromUrl });
    else if (isSpdxExpression(name)) licenses.push({ expression: name });
    else licenses.push({ text: name });
  }
  return licenses;
}

/** Commas inside quoted parameter values (a description) do not separate clauses. */
function splitClauses(header: string): string[] {
  const clauses: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < header.length; i++) {
    if (header[i] === '"') quoted = !quoted;
    else if (header[i] === ',' && !quoted) {
      clauses.push(header.slice(start, i));
      start = i + 1;
    }
  }
  clauses.push(header.slice(start));
  return clauses;
}
