// The scan report as Seawall's JSON contract, the one other tools and Seawall's server read (docs/scan-json.md).
// JSON (RFC 8259, https://www.rfc-editor.org/rfc/rfc8259) with every object's keys sorted, so equal reports are equal bytes.

import type { ScanReport } from '../detect/scan-report.js';
import { canonicalJson } from '../sbom/canonical.js';

/**
 * The report exactly as the detector built it (its lists are already in their documented order), keys sorted,
 * two-space indented, ending in a newline. Suppressed findings stay in `vulnerabilities` with their `suppressed`.
 */
export function renderScanJson(report: ScanReport): string {
  return canonicalJson(report);
}
