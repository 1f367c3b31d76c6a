// An apk package's L: field as a License: SPDX when it is one, else the pre-SPDX Alpine names ("GPL2+", "MIT BSD GPL2+").
// SPDX expressions: https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/; Alpine moved APKBUILDs to SPDX in 3.9+.

import { isSpdxExpression } from '../../license/spdx.js';
import type { License } from '../../model/license.js';
import { licenseNameToSpdx } from '../dpkg/copyright.js';

/** Old Alpine GNU spellings: GPL2, GPL2+, GPL-2, LGPL2.1+, AGPL3, GPLv3+. */
const OLD_GNU_NAME = /^(AGPL|LGPL|GPL)v?-?(\d(?:\.\d)?)(\+)?$/i;

/**
 * A valid SPDX expression is kept as is. A list of old-style names (space-separated, each licence covering part of
 * the package, which Alpine's own SPDX conversion wrote as AND) becomes an expression only when every name has one
 * SPDX equivalent, keeping the original as text; otherwise the field is kept as text only.
 */
export function apkLicense(field: string): License {
  const text = field.trim();
  if (isSpdxExpression(text)) return { expression: text };
  const names = text.split(/\s+/);
  const mapped = names.map(oldNameToSpdx);
  if (mapped.every((m) => m !== undefined)) {
    const expression = [...new Set(mapped)].join(' AND ');
    if (isSpdxExpression(expression)) return { expression, text };
  }
  return { text };
}

function oldNameToSpdx(name: string): string | undefined {
  const gnu = OLD_GNU_NAME.exec(name);
  if (gnu) return licenseNameToSpdx(`${gnu[1]}-${gnu[2]}${gnu[3] ?? ''}`);
  return licenseNameToSpdx(name);
}
