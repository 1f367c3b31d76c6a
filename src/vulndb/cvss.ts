// CVSS v3 base scores computed from their vectors, and the qualitative severity of a score.
// CVSS v3.1 specification, sections 5-7 and Appendix A (https://www.first.org/cvss/v3.1/specification-document).

import type { Severity } from './advisory.js';

type Weights = Readonly<Record<string, number>>;

const BASE: Readonly<Record<string, Weights>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  PR: { N: 0.85, L: 0.62, H: 0.27 },
  UI: { N: 0.85, R: 0.62 },
  S: { U: 0, C: 0 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

/** Privileges Required weighs more when the scope changes (section 7.4). */
const PR_SCOPE_CHANGED: Weights = { N: 0.85, L: 0.68, H: 0.5 };

/** Temporal and environmental metrics: allowed in a vector (section 6), no part of the base score. */
const OTHER: Readonly<Record<string, readonly string[]>> = {
  E: ['X', 'H', 'F', 'P', 'U'],
  RL: ['X', 'U', 'W', 'T', 'O'],
  RC: ['X', 'C', 'R', 'U'],
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'R'],
  MS: ['X', 'U', 'C'],
  MC: ['X', 'N', 'L', 'H'],
  MI: ['X', 'N', 'L', 'H'],
  MA: ['X', 'N', 'L', 'H'],
};

/**
 * The base score of a 'CVSS:3.0/...' or 'CVSS:3.1/...' vector, or undefined when the vector is not one (another
 * version, an unknown or repeated metric, a base metric missing). Both versions share the formulas; the v3.1 Roundup
 * is used for both, as it only removes v3.0's floating-point accidents.
 */
export function cvss3BaseScore(vector: string): number | undefined {
  const metrics = parseVector(vector);
  if (!metrics) return undefined;
  const w = (metric: string): number => BASE[metric]![metrics.get(metric)!]!;
  const changed = metrics.get('S') === 'C';
  const iss = 1 - (1 - w('C')) * (1 - w('I')) * (1 - w('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const privileges = changed ? PR_SCOPE_CHANGED[metrics.get('PR')!]! : w('PR');
  const exploitability = 8.22 * w('AV') * w('AC') * privileges * w('UI');
  if (impact <= 0) return 0;
  const sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
  return roundUp(Math.min(sum, 10));
}

function parseVector(vector: string): Map<string, string> | undefined {
  const match = /^CVSS:3\.[01]\/(.+)$/.exec(vector.trim());
  if (!match) return undefined;
  const metrics = new Map<string, string>();
  for (const part of match[1]!.split('/')) {
    const [metric, value, extra] = part.split(':');
    if (metric === undefined || value === undefined || extra !== undefined) return undefined;
    if (metrics.has(metric)) return undefined;
    const allowed = Object.hasOwn(BASE, metric)
      ? Object.keys(BASE[metric]!)
      : Object.hasOwn(OTHER, metric)
        ? OTHER[metric]!
        : [];
    if (!allowed.includes(value)) return undefined;
    metrics.set(metric, value);
  }
  return Object.keys(BASE).every((metric) => metrics.has(metric)) ? metrics : undefined;
}

/** Appendix A: the smallest one-decimal number >= x, computed on integers so 4.000000000000001 stays 4.0. */
function roundUp(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/**
 * The qualitative rating of a CVSS score (section 5): 9.0-10.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
 * CVSS's "None" (0.0: no impact at all) is 'negligible', Debian's word for the same; a number outside 0-10 'unknown'.
 */
export function severityOfScore(score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'negligible';
}
