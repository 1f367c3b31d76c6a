// The licence a package.json (or a package-lock.json entry) declares, in each form npm has accepted over the years.
// package.json `license`: https://docs.npmjs.com/cli/v10/configuring-npm/package-json#license (and its deprecated forms).

import type { License } from '../../model/license.js';
import { licenseFromText } from '../../license/spdx.js';

/**
 * Licences from a manifest's `license` and `licenses` fields: an SPDX expression string, the old `{ "type": "MIT" }`
 * object, or the old `licenses` array of such objects or strings. "SEE LICENSE IN <file>" and other prose stay text.
 */
export function npmLicenses(license: unknown, licenses?: unknown): License[] {
  const names: string[] = [];
  collect(license, names);
  if (Array.isArray(licenses)) for (const item of licenses) collect(item, names);
  else collect(licenses, names);
  return [...new Set(names)].map(licenseFromText);
}

function collect(value: unknown, names: string[]): void {
  if (typeof value === 'string') {
    if (value.trim() !== '') names.push(value.trim());
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, names);
  } else if (value && typeof value === 'object') {
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string' && type.trim() !== '') names.push(type.trim());
  }
}
