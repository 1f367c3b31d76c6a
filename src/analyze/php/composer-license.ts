// A Composer package's `license` field as the License model: several names are a choice (OR), Composer's "or"/"and".
// Composer schema, license: https://getcomposer.org/doc/04-schema.md#license; SPDX expressions via src/license/spdx.ts.

import { isSpdxExpression, licenseFromText } from '../../license/spdx.js';
import type { License } from '../../model/license.js';

/** Composer documents lower-case "or"/"and" inside parentheses; SPDX operators are upper case. */
const OPERATOR = /\s+(or|and)\s+/gi;

export function composerLicenses(names: readonly string[]): License[] {
  const normalised = names.map((n) =>
    n.trim().replace(OPERATOR, (_, op: string) => ` ${op.toUpperCase()} `),
  );
  if (normalised.length > 1 && normalised.every(isSpdxExpression)) {
    const alternatives = normalised.map((n) => (/\s/.test(n) ? `(${n})` : n));
    return [{ expression: alternatives.join(' OR ') }];
  }
  // A list with a name SPDX does not know (proprietary) keeps each name apart, as written.
  return normalised.map(licenseFromText);
}
