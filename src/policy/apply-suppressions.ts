// Marks the findings that ignore entries and VEX statements suppress; they stay in the report but never fail the gate.
// Rules as docs/suppressions.md sets them out; the finding shape is the scan report's (docs/scan-json.md).

import type { Suppression, VulnerabilityFinding } from '../detect/scan-report.js';
import { compareText } from '../model/order.js';
import { ignoreRuleExpired, ignoreRuleMatches, type IgnoreRule } from './ignore-file.js';
import {
  imageIdentity,
  statementTime,
  SUPPRESSING_STATUSES,
  vexReason,
  vexStatementMatches,
  type ImageIdentity,
  type VexStatement,
} from './openvex.js';
import { parsePurl, type PurlParts } from './purl-match.js';

export interface SuppressionRules {
  /** Ignore files in the order given: the first live entry that matches a finding suppresses it. */
  ignore?: { file: string; rules: IgnoreRule[] }[];
  /** VEX documents in the order given; the newest statement about a finding decides (later ones win ties). */
  vex?: { file: string; statements: VexStatement[] }[];
}

export interface SuppressionOptions {
  /** The clock ignore entries expire by; passed in so a run is reproducible. */
  now: Date;
  /** The purls, digests and names the scanned image answers to, for VEX statements whose product is the image. */
  imageIdentities?: string[];
}

/**
 * Returns the findings in the same order, each copied with `suppressed` set when a rule applies: ignore entries
 * first, then VEX. A finding that arrives already suppressed keeps its suppression. An expired ignore entry
 * suppresses nothing and gives one warning, only when it would still have matched a finding of this scan: a file
 * shared by many images would otherwise warn on every scan about vulnerabilities those images do not have.
 */
export function applySuppressions(
  findings: readonly VulnerabilityFinding[],
  rules: SuppressionRules,
  options: SuppressionOptions,
): { findings: VulnerabilityFinding[]; warnings: string[] } {
  const image = imageIdentity(options.imageIdentities ?? []);
  const ignoreFiles = rules.ignore ?? [];
  const vexStatements = (rules.vex ?? []).flatMap(({ file, statements }) =>
    statements.map((statement) => ({ file, statement })),
  );
  const warnings = new Set<string>();

  const result = findings.map((finding) => {
    const purl = parsePurl(finding.package.purl);
    const fromIgnore = ignoreSuppression(finding, purl, ignoreFiles, options.now, warnings);
    if (finding.suppressed) return { ...finding };
    const suppressed = fromIgnore ?? vexSuppression(finding, purl, vexStatements, image);
    return suppressed ? { ...finding, suppressed } : { ...finding };
  });
  return { findings: result, warnings: [...warnings].sort(compareText) };
}

function ignoreSuppression(
  finding: VulnerabilityFinding,
  purl: PurlParts | undefined,
  files: NonNullable<SuppressionRules['ignore']>,
  now: Date,
  warnings: Set<string>,
): Suppression | undefined {
  let found: Suppression | undefined;
  // every entry is looked at, not only up to the first match, so each expired one that matches is reported
  for (const { file, rules } of files) {
    for (const rule of rules) {
      if (!ignoreRuleMatches(rule, finding, purl)) continue;
      if (ignoreRuleExpired(rule, now)) {
        warnings.add(
          `${file}: entry ${rule.entry} (${rule.id}) expired on ${rule.expires!.text} and no longer suppresses`,
        );
        continue;
      }
      if (found) continue;
      found = { kind: 'ignore-file', file, reason: rule.statement };
      if (rule.expires) found.expires = rule.expires.text;
    }
  }
  return found;
}

function vexSuppression(
  finding: VulnerabilityFinding,
  purl: PurlParts | undefined,
  statements: { file: string; statement: VexStatement }[],
  image: ImageIdentity,
): Suppression | undefined {
  let newest: { file: string; statement: VexStatement; time: number } | undefined;
  for (const { file, statement } of statements) {
    if (!vexStatementMatches(statement, finding, purl, image)) continue;
    const time = statementTime(statement);
    // `>=`: of two statements made at the same time, the one later in the files is the correction
    if (!newest || time >= newest.time) newest = { file, statement, time };
  }
  if (!newest || !SUPPRESSING_STATUSES.includes(newest.statement.status)) return undefined;
  return { kind: 'vex', file: newest.file, reason: vexReason(newest.statement) };
}
