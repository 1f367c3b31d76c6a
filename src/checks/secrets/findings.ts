// Turns the secrets analyzer's evidence into findings: one per secret, per layer that holds a copy of it.
// Finding shape: src/model/finding.ts; rules: ./rules.ts (SW-SEC-nnn, CIS Docker Benchmark 4.10).

import type { SecretEvidence } from '../../analyze/secrets.js';
import { findingOf, type Finding } from '../../model/finding.js';
import { compareFindingsOfChecks } from '../order.js';
import { secretRuleById } from './rules.js';

/**
 * Findings of `evidence`, sorted. A copy a later layer deleted or replaced says so in its title: the layer still ships
 * it to everyone who pulls the image. Evidence of a rule this version does not know (read from an older cache) is
 * left out: it cannot be described.
 */
export function secretFindings(evidence: readonly SecretEvidence[]): Finding[] {
  const findings: Finding[] = [];
  for (const e of evidence) {
    const rule = secretRuleById(e.rule);
    if (!rule) continue;
    const title = e.deleted
      ? `${rule.title} (deleted in a later layer, still in layer ${e.layer})`
      : rule.title;
    findings.push(
      findingOf(
        rule,
        { path: e.path, line: e.line, layer: e.layer },
        { title, evidence: e.masked },
      ),
    );
  }
  return findings.sort(compareFindingsOfChecks);
}
