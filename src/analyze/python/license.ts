// A Python distribution's licence from its core metadata: License-Expression (PEP 639), License, then the
// `License ::` trove classifiers. https://packaging.python.org/en/latest/specifications/core-metadata/#license-expression

import type { License } from '../../model/license.js';
import { isSpdxExpression, licenseFromText } from '../../license/spdx.js';

const LICENSE_CLASSIFIER = 'License :: ';
const OSI_PREFIX = 'OSI Approved :: ';

/**
 * Classifiers that name exactly one SPDX licence. Left out on purpose: "Apache Software License", "BSD License",
 * "GNU General Public License (GPL)" and the like, which do not say which version or variant.
 * Classifier list: https://pypi.org/classifiers/
 */
const CLASSIFIER_SPDX: ReadonlyMap<string, string> = new Map([
  ['Blue Oak Model License (BlueOak-1.0.0)', 'BlueOak-1.0.0'],
  ['Boost Software License 1.0 (BSL-1.0)', 'BSL-1.0'],
  ['Common Development and Distribution License 1.0 (CDDL-1.0)', 'CDDL-1.0'],
  ['Eclipse Public License 1.0 (EPL-1.0)', 'EPL-1.0'],
  ['Eclipse Public License 2.0 (EPL-2.0)', 'EPL-2.0'],
  ['European Union Public Licence 1.1 (EUPL 1.1)', 'EUPL-1.1'],
  ['European Union Public Licence 1.2 (EUPL 1.2)', 'EUPL-1.2'],
  ['GNU Affero General Public License v3 or later (AGPLv3+)', 'AGPL-3.0-or-later'],
  ['GNU General Public License v2 or later (GPLv2+)', 'GPL-2.0-or-later'],
  ['GNU General Public License v3 or later (GPLv3+)', 'GPL-3.0-or-later'],
  ['GNU Lesser General Public License v2 or later (LGPLv2+)', 'LGPL-2.0-or-later'],
  ['GNU Lesser General Public License v3 or later (LGPLv3+)', 'LGPL-3.0-or-later'],
  ['Historical Permission Notice and Disclaimer (HPND)', 'HPND'],
  ['ISC License (ISCL)', 'ISC'],
  ['MIT License', 'MIT'],
  ['MIT No Attribution License (MIT-0)', 'MIT-0'],
  ['Mozilla Public License 1.0 (MPL)', 'MPL-1.0'],
  ['Mozilla Public License 1.1 (MPL 1.1)', 'MPL-1.1'],
  ['Mozilla Public License 2.0 (MPL 2.0)', 'MPL-2.0'],
  ['The Unlicense (Unlicense)', 'Unlicense'],
  ['Universal Permissive License (UPL)', 'UPL-1.0'],
]);

/** A License field this long, or over several lines, is the licence's text pasted in, not its name. */
const MAX_LICENSE_NAME = 100;

export interface LicenseFields {
  licenseExpression?: string;
  license?: string;
  classifiers: readonly string[];
}

/**
 * The most precise statement the metadata makes: a PEP 639 expression; a License field that is a valid SPDX
 * expression; classifiers that name one SPDX licence; the License field as text; the classifiers' names as text.
 */
export function pythonLicenses(fields: LicenseFields): License[] {
  const expression = fields.licenseExpression?.trim();
  if (expression) return [licenseFromText(expression)];
  const declared = licenseName(fields.license);
  if (declared && isSpdxExpression(declared)) return [{ expression: declared }];
  const exact = new Set<string>();
  const vague = new Set<string>();
  for (const classifier of fields.classifiers) {
    if (!classifier.startsWith(LICENSE_CLASSIFIER)) continue;
    let name = classifier.slice(LICENSE_CLASSIFIER.length).trim();
    if (name.startsWith(OSI_PREFIX)) name = name.slice(OSI_PREFIX.length).trim();
    if (name === 'OSI Approved' || name === '') continue;
    const spdx = CLASSIFIER_SPDX.get(name);
    if (spdx) exact.add(spdx);
    else vague.add(name);
  }
  if (exact.size > 0) return [...exact].map((e) => ({ expression: e }));
  if (declared) return [{ text: declared }];
  return [...vague].map((text) => ({ text }));
}

function licenseName(field: string | undefined): string | undefined {
  const trimmed = field?.trim();
  if (!trimmed || trimmed.toUpperCase() === 'UNKNOWN') return undefined;
  if (trimmed.length > MAX_LICENSE_NAME || trimmed.includes('\n')) return undefined;
  return trimmed;
}
