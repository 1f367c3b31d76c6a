// The CI gate and the report filters of `seawall scan`: --fail-on, --severity and --ignore-unfixed.
// Exit codes as the project sets them (1: findings at or above --fail-on remain); rules in docs/suppressions.md.

import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { SEVERITIES, type Severity } from '../vulndb/advisory.js';

/**
 * 1 when an unsuppressed finding at or above `failOn` remains, else 0; always 0 without a threshold. `unknown` is
 * last in SEVERITIES but is not "below" anything: an unrated finding fails only `--fail-on unknown`, which means
 * "fail on every finding".
 */
export function gateExitCode(
  findings: readonly { severity: Severity; suppressed?: unknown }[],
  failOn: Severity | undefined,
): 0 | 1 {
  if (failOn === undefined) return 0;
  return findings.some((finding) => !finding.suppressed && failsAt(finding.severity, failOn))
    ? 1
    : 0;
}

function failsAt(severity: Severity, failOn: Severity): boolean {
  if (failOn === 'unknown') return true;
  if (severity === 'unknown') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}

export interface FindingFilter {
  /** Keep only these severities (--severity critical,high); all when absent. */
  severities?: readonly Severity[];
  /** Keep only findings with a fixed version to move to (--ignore-unfixed). */
  ignoreUnfixed?: boolean;
}

/**
 * The findings the user asked to see, in the same order. Those filtered out are gone from the report, not marked:
 * the report shows what was asked for (and a gate run on the filtered list does not see them either).
 * Suppressed findings are filtered like any other.
 */
export function filterFindings(
  findings: readonly VulnerabilityFinding[],
  filter: FindingFilter,
): VulnerabilityFinding[] {
  const severities = filter.severities ? new Set<Severity>(filter.severities) : undefined;
  return findings.filter(
    (finding) =>
      (!severities || severities.has(finding.severity)) &&
      (!filter.ignoreUnfixed || finding.status === 'fixed'),
  );
}
