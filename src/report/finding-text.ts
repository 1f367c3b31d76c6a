// How the scan reports word a non-vulnerability finding: its place and the title of its rule, the same in the table,
// SARIF and JUnit. The finding shape is src/model/finding.ts; its JSON form is `findings[]` in docs/scan-json.md.

import type { Finding, FindingLocation } from '../model/finding.js';
import { compareText } from '../model/order.js';

/**
 * `Dockerfile:7`, `root/.aws/credentials:2 (layer 1)`, `etc/shadow (layer 0)`, `$.config.User`, or `-` when the
 * finding is about the target as a whole. A JSON path follows the file it is in.
 */
export function locationText(location: FindingLocation): string {
  const parts: string[] = [];
  if (location.path !== undefined) {
    parts.push(location.line !== undefined ? `${location.path}:${location.line}` : location.path);
  }
  if (location.jsonPath !== undefined) parts.push(location.jsonPath);
  if (location.layer !== undefined) parts.push(`(layer ${location.layer})`);
  return parts.length > 0 ? parts.join(' ') : '-';
}

/** The findings of each rule id, ids in text order, each group in the report's order. */
export function findingsByRule(findings: readonly Finding[]): [string, Finding[]][] {
  const byId = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byId.get(finding.id);
    if (group) group.push(finding);
    else byId.set(finding.id, [finding]);
  }
  return [...byId].sort(([a], [b]) => compareText(a, b));
}

/**
 * The title that speaks for a rule. A finding carries its rule's title unless the check made it more specific for
 * that place, so the title most of its findings share is the rule's; a tie goes to the first in text order, so the
 * answer does not depend on the order of the findings.
 */
export function ruleTitle(group: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const { title } of group) counts.set(title, (counts.get(title) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || compareText(a, b))[0]?.[0] ?? '';
}

/** Check titles are one line; the layouts that hold them break on a newline or tab. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
