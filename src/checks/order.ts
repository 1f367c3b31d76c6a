// The one order of hardening findings in every report (docs/scan-json.md): most severe first, then rule id, then
// location path, line and layer.

import { SEVERITIES } from '../vulndb/advisory.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';

export function compareFindingsOfChecks(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    compareText(a.id, b.id) ||
    compareText(a.location.path ?? '', b.location.path ?? '') ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    (a.location.layer ?? -1) - (b.location.layer ?? -1) ||
    compareText(a.location.jsonPath ?? '', b.location.jsonPath ?? '') ||
    compareText(a.title, b.title)
  );
}
