// The one shape of every non-vulnerability finding (secrets, image hardening, Dockerfile lint, configuration audit):
// a stable rule id, what is wrong, exactly where, how to fix it, and the ids other tools use for the same check.

import type { Severity } from '../vulndb/advisory.js';

export type FindingKind = 'secret' | 'image' | 'dockerfile' | 'config';

/**
 * Ids other tools and standards use for the same check, so their users can follow along: CIS Docker Benchmark
 * sections ('4.1'), Dockle ('CIS-DI-0001', 'DKL-DI-0005'), Hadolint ('DL3007'), Trivy ('DS002'), Pod Security
 * Standards ('baseline:privileged'). Keys present only when a mapping exists; lists sorted.
 */
export interface Frameworks {
  'cis-docker'?: string[];
  dockle?: string[];
  hadolint?: string[];
  trivy?: string[];
  pss?: string[];
}

/** Where the problem is: a path inside the image (and the layer that holds it), or a file and line. */
export interface FindingLocation {
  /** The path inside the image (no leading slash), or the file as given on the command line. */
  path?: string;
  /** 1-based line in that file. */
  line?: number;
  /** Index of the image layer that holds the file (for a secret a later layer deleted, the layer that added it). */
  layer?: number;
  /** A JSON path inside the file, for structured inputs (configuration audit). */
  jsonPath?: string;
}

/** The fixed part of a check: everything but where it fired. Ids are never renumbered or reused. */
export interface Rule {
  /** SW-IMG-nnn (image configuration and filesystem), SW-SEC-nnn (secrets), SW-DF-nnn (Dockerfile), SW-CFG-nnn. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  remediation: string;
  references: string[];
  frameworks: Frameworks;
}

export interface Finding {
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** The rule's title, made specific where that helps ("USER root in the image configuration"). */
  title: string;
  location: FindingLocation;
  remediation: string;
  references: string[];
  frameworks: Frameworks;
  /** What was seen, never a whole secret (its middle is masked). */
  evidence?: string;
  /** The resource and container a configuration finding is about ("Deployment default/web, container app"). */
  resource?: string;
  /** When one field fixes it: a JSON Patch (RFC 6902) against the document the finding points into. */
  patch?: { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }[];
  /** Present when an ignore entry suppresses it (same shape as a vulnerability's). */
  suppressed?: { kind: 'ignore-file' | 'inline'; file: string; reason: string; expires?: string };
}

/** A finding of `rule` at `location`. */
export function findingOf(
  rule: Rule,
  location: FindingLocation,
  details: { title?: string; evidence?: string } = {},
): Finding {
  const finding: Finding = {
    id: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    title: details.title ?? rule.title,
    location,
    remediation: rule.remediation,
    references: [...rule.references],
    frameworks: rule.frameworks,
  };
  if (details.evidence !== undefined) finding.evidence = details.evidence;
  return finding;
}
