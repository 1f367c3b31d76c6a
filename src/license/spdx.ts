// SPDX licence expressions: validation, and turning a licence string into the License model.
// https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/ (parsed by spdx-expression-parse)

import parseSpdx from 'spdx-expression-parse';
import type { License } from '../model/license.js';

/** Whether `text` is a valid SPDX licence expression over the SPDX licence list (LicenseRef-* allowed). */
export function isSpdxExpression(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    parseSpdx(text);
    return true;
  } catch {
    return false;
  }
}

/** A License from a string a package declared: an SPDX expression when valid, else kept as text. */
export function licenseFromText(text: string): License {
  const trimmed = text.trim();
  return isSpdxExpression(trimmed) ? { expression: trimmed } : { text: trimmed };
}
