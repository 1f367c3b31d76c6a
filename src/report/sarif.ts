// The scan report as SARIF 2.1.0 for GitHub code scanning and other SARIF readers: one rule per advisory or check,
// one result per finding. SARIF: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html ; GitHub's subset:
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
//
// Choices:
// - `security-severity` is the best CVSS base score (severity-score.ts), else a point in the band GitHub gives the
//   finding's level: critical 9.5, high 8.0, medium 5.5, low 2.0, negligible and unknown 0.0. A rule takes the
//   highest of its findings'. Secrets, image and Dockerfile findings have no CVSS: they always take the point.
// - level: critical and high are `error`, medium `warning`, the rest `note`.
// - Every result has a physical location, which GitHub requires: the Dockerfile's final FROM line when one is
//   given, otherwise the target itself as a repository-relative path (an image by its repository name, a
//   directory or SBOM by its path), line 1. The package is the result's logical location, named by its purl.
// - A Dockerfile (or configuration) finding points at its own file and line. A finding inside the target points
//   at the file's path under the target's uri (`acme/build-agent/root/.aws/credentials`, `srv/rootfs/etc/shadow`)
//   and its line; but when a Dockerfile is given for an image, it points at the final FROM as a vulnerability
//   does, since GitHub annotates only files of the repository and a path inside an image never is one. A finding
//   without a file (the image configuration's USER) points where a vulnerability would. Its message names the
//   exact place (path, line, layer, JSON path) in every case.
// - A check's rule: its title, its remediation as help, its first reference as helpUri, and tags `security`, the
//   finding kind and the ids other tools use for the same check (`CIS-4.1`, `CIS-DI-0001`, `DL3007`, `DS001`).
// - partialFingerprints carry a hash of the advisory id and purl, so an alert keeps its identity across runs and
//   across Dockerfile edits that move the FROM line. A check's finding hashes its id, kind, path, JSON path and
//   layer, and its rank among the findings that share those (not its line, which moves with every edit above it).
// - Suppressed findings are written with a suppression whose justification is the reason: `external` for an
//   ignore file or VEX statement, `inSource` for a comment in the file itself.

import type { ReportTarget, ScanReport, VulnerabilityFinding } from '../detect/scan-report.js';
import type { Finding, Frameworks } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { sha256Hex } from '../util/hash.js';
import type { Severity } from '../vulndb/advisory.js';
import { advisorySource } from './advisory-source.js';
import { finalStageLine } from './dockerfile-stage.js';
import { findingsByRule, locationText, oneLine, ruleTitle } from './finding-text.js';
import {
  SEVERITY_SCORES,
  compareSeverity,
  mostSevere,
  securitySeverity,
} from './severity-score.js';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The partialFingerprints key; versioned, as SARIF 3.27.17 advises, should the hashed fields ever change. */
export const FINGERPRINT_KEY = 'seawallFinding/v1';

export interface SarifOptions {
  toolVersion: string;
  /** The Dockerfile that built the image, as the user gave it (relative to the repository root for GitHub). */
  dockerfile?: string;
  dockerfileText?: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string };
    region: { startLine: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { 'security-severity': string; tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: { 'security-severity': string };
  suppressions?: { kind: 'external' | 'inSource'; justification: string }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        rules: SarifRule[];
      };
    };
    results: SarifResult[];
  }[];
}

/** The SARIF log as JSON text, two-space indented, ending in a newline. */
export function renderSarif(report: ScanReport, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}

export function buildSarif(report: ScanReport, options: SarifOptions): SarifLog {
  const rules = [...buildRules(report.vulnerabilities), ...buildCheckRules(report.findings)].sort(
    (a, b) => compareText(a.id, b.id),
  );
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const artifact = artifactLocation(report.target, options);
  const ranks = new Map<string, number>();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Seawall',
            version: options.toolVersion,
            rules,
          },
        },
        results: [
          ...report.vulnerabilities.map((finding) =>
            buildResult(finding, ruleIndex.get(finding.id)!, artifact),
          ),
          ...report.findings.map((finding) => {
            const identity = checkIdentity(finding);
            const rank = ranks.get(identity) ?? 0;
            ranks.set(identity, rank + 1);
            const location = checkLocation(finding, report.target, options, artifact);
            return buildCheckResult(
              finding,
              ruleIndex.get(finding.id)!,
              location,
              `${identity}\n${rank}`,
            );
          }),
        ],
      },
    ],
  };
}

function buildRules(findings: VulnerabilityFinding[]): SarifRule[] {
  const byId = new Map<string, VulnerabilityFinding[]>();
  for (const finding of findings) {
    const group = byId.get(finding.id);
    if (group) group.push(finding);
    else byId.set(finding.id, [finding]);
  }
  return [...byId]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, group]) => {
      const severity = mostSevere(group.map((f) => f.severity))!;
      const score = Math.max(...group.map(securitySeverity));
      // The findings of one advisory share its text; take it from the first that has it.
      const title = group.find((f) => f.title)?.title;
      const aliases = [...new Set(group.flatMap((f) => f.aliases))].sort(compareText);
      const references = [...new Set(group.flatMap((f) => f.references))];
      const helpUri = references[0] ?? advisorySource(id).url;
      const links = references.length > 0 ? references : helpUri ? [helpUri] : [];
      return {
        id,
        shortDescription: {
          text: capText(title ? `${id}: ${title.replace(/\s+/g, ' ').trim()}` : id),
        },
        fullDescription: { text: fullDescription(id, title, aliases) },
        ...(helpUri && { helpUri }),
        help: help(id, title, severity, aliases, links),
        defaultConfiguration: { level: level(severity) },
        properties: {
          'security-severity': score.toFixed(1),
          tags: ['security', 'vulnerability', severity],
        },
      };
    });
}

function fullDescription(id: string, title: string | undefined, aliases: string[]): string {
  const sentence = title
    ? title
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/([^.!?])$/, '$1.')
    : `Vulnerability ${id}.`;
  const also = aliases.length > 0 ? ` Also known as ${aliases.join(', ')}.` : '';
  return capText(`${sentence}${also}`);
}

/** Descriptions head an alert: cut at 1024 characters, since an NVD description can run to paragraphs. */
function capText(text: string, limit = 1024): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 3).join('')}...`;
}

function help(
  id: string,
  title: string | undefined,
  severity: Severity,
  aliases: string[],
  references: string[],
): SarifRule['help'] {
  const facts: [string, string][] = [
    ['Advisory', id],
    ['Severity', severity],
    ...(aliases.length > 0 ? [['Aliases', aliases.join(', ')] as [string, string]] : []),
  ];
  const text = [
    ...(title ? [title, ''] : []),
    ...facts.map(([name, value]) => `${name}: ${value}`),
    ...(references.length > 0 ? ['', 'References:', ...references.map((url) => `- ${url}`)] : []),
  ].join('\n');
  const markdown = [
    ...(title ? [`**${escapeMarkdown(title)}**`, ''] : []),
    '| | |',
    '|---|---|',
    ...facts.map(([name, value]) => `| ${name} | ${escapeMarkdown(value)} |`),
    ...(references.length > 0
      ? ['', '#### References', ...references.map((url) => `- <${url}>`)]
      : []),
  ].join('\n');
  return { text, markdown };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, '\\$&');
}

function buildResult(
  finding: VulnerabilityFinding,
  ruleIndex: number,
  artifact: { uri: string; startLine: number },
): SarifResult {
  const { package: pkg } = finding;
  return {
    ruleId: finding.id,
    ruleIndex,
    level: level(finding.severity),
    message: { text: resultMessage(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifact.uri },
          region: { startLine: artifact.startLine },
        },
        logicalLocations: [{ name: pkg.name, fullyQualifiedName: pkg.purl, kind: 'package' }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: sha256Hex(`${finding.id}\n${pkg.purl}`) },
    properties: { 'security-severity': securitySeverity(finding).toFixed(1) },
    ...(finding.suppressed && {
      suppressions: [{ kind: 'external' as const, justification: finding.suppressed.reason }],
    }),
  };
}

/** "Package requests 2.28.1 (usr/lib/...) is affected by PYSEC-2023-74 (CVE-2023-32681, ...). Fixed in 2.31.0." */
function resultMessage(finding: VulnerabilityFinding): string {
  const { package: pkg } = finding;
  const aliases = finding.aliases.length > 0 ? ` (${finding.aliases.join(', ')})` : '';
  const title = finding.title ? `: ${finding.title.replace(/\s+/g, ' ').trim()}` : '';
  return [
    `Package ${pkg.name} ${pkg.version} (${pkg.location}) is affected by ${finding.id}${aliases}${title}`,
    `Installed version: ${pkg.version}`,
    `Fixed version: ${fixedVersionText(finding)}`,
    `Severity: ${finding.severity}`,
  ].join('\n');
}

function fixedVersionText(finding: VulnerabilityFinding): string {
  switch (finding.status) {
    case 'fixed':
      return finding.fixedVersion ?? 'unknown';
    case 'affected':
      return 'none yet';
    case 'will_not_fix':
      return 'none (the distribution will not fix it)';
    case 'end_of_life':
      return 'none (the release is past its end of life)';
  }
}

function level(severity: Severity): SarifLevel {
  if (compareSeverity(severity, 'high') <= 0) return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

/** One rule per check id among the findings, in id order. */
function buildCheckRules(findings: Finding[]): SarifRule[] {
  return findingsByRule(findings).map(([id, group]) => {
    const severity = mostSevere(group.map((f) => f.severity))!;
    const title = oneLine(ruleTitle(group));
    // A check's findings share its remediation, references and frameworks; the first speaks for them.
    const { kind, remediation, frameworks } = group[0]!;
    const references = [...new Set(group.flatMap((f) => f.references))];
    const others = frameworkNames(frameworks);
    const fullDescription = `${title.replace(/([^.!?])$/, '$1.')}${
      others.length > 0 ? ` The same check as ${others.join(', ')}.` : ''
    }`;
    const facts: [string, string][] = [
      ['Check', id],
      ['Kind', kind],
      ['Severity', severity],
      ...(others.length > 0 ? [['Same as', others.join(', ')] as [string, string]] : []),
    ];
    return {
      id,
      shortDescription: { text: capText(title || id) },
      fullDescription: { text: capText(fullDescription || id) },
      ...(references[0] !== undefined && { helpUri: references[0] }),
      help: {
        text: [
          remediation,
          '',
          ...facts.map(([name, value]) => `${name}: ${value}`),
          ...(references.length > 0
            ? ['', 'References:', ...references.map((url) => `- ${url}`)]
            : []),
        ].join('\n'),
        markdown: [
          escapeMarkdown(remediation),
          '',
          '| | |',
          '|---|---|',
          ...facts.map(([name, value]) => `| ${name} | ${escapeMarkdown(value)} |`),
          ...(references.length > 0
            ? ['', '#### References', ...references.map((url) => `- <${url}>`)]
            : []),
        ].join('\n'),
      },
      defaultConfiguration: { level: level(severity) },
      properties: {
        'security-severity': SEVERITY_SCORES[severity].toFixed(1),
        tags: ['security', kind, ...frameworkTags(frameworks)],
      },
    };
  });
}

const FRAMEWORKS: readonly { key: keyof Frameworks; name: string; tag: (id: string) => string }[] =
  [
    { key: 'cis-docker', name: 'CIS Docker Benchmark', tag: (id) => `CIS-${id}` },
    { key: 'dockle', name: 'Dockle', tag: (id) => id },
    { key: 'hadolint', name: 'Hadolint', tag: (id) => id },
    { key: 'trivy', name: 'Trivy', tag: (id) => id },
    { key: 'pss', name: 'Pod Security Standards', tag: (id) => `PSS-${id}` },
  ];

/** `CIS-4.1`, `CIS-DI-0001`, `DL3007`, `DS001`: what a code scanning user filters alerts by (`tag:DL3007`). */
export function frameworkTags(frameworks: Frameworks): string[] {
  return FRAMEWORKS.flatMap(({ key, tag }) => (frameworks[key] ?? []).map(tag));
}

/** "CIS Docker Benchmark 4.1", "Dockle CIS-DI-0001", ... */
function frameworkNames(frameworks: Frameworks): string[] {
  return FRAMEWORKS.flatMap(({ key, name }) =>
    (frameworks[key] ?? []).map((id) => `${name} ${id}`),
  );
}

/** What names a check's finding across runs, apart from its rank: never its line. */
function checkIdentity(finding: Finding): string {
  const { path, jsonPath, layer } = finding.location;
  return [finding.id, finding.kind, path ?? '', jsonPath ?? '', layer ?? ''].join('\n');
}

/** Where a check's result points (see the module comment). */
function checkLocation(
  finding: Finding,
  target: ReportTarget,
  options: Pick<SarifOptions, 'dockerfile'>,
  targetArtifact: { uri: string; startLine: number },
): { uri: string; startLine: number } {
  const { path, line } = finding.location;
  if (path === undefined) return targetArtifact;
  if (finding.kind === 'dockerfile' || finding.kind === 'config') {
    return { uri: pathUri(path), startLine: line ?? 1 };
  }
  if (target.kind === 'image' && options.dockerfile) return targetArtifact;
  const base = target.kind === 'image' ? imageUri(target.name) : relativePathUri(target.name);
  const inside = relativePathUri(path);
  return { uri: base === '.' ? inside : `${base}/${inside}`, startLine: line ?? 1 };
}

function buildCheckResult(
  finding: Finding,
  ruleIndex: number,
  location: { uri: string; startLine: number },
  fingerprint: string,
): SarifResult {
  const score = SEVERITY_SCORES[finding.severity].toFixed(1);
  return {
    ruleId: finding.id,
    ruleIndex,
    level: level(finding.severity),
    message: { text: checkMessage(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: location.uri },
          region: { startLine: location.startLine },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: sha256Hex(fingerprint) },
    properties: { 'security-severity': score },
    ...(finding.suppressed && {
      suppressions: [
        {
          kind:
            finding.suppressed.kind === 'inline' ? ('inSource' as const) : ('external' as const),
          justification: finding.suppressed.reason,
        },
      ],
    }),
  };
}

/** "USER root in the image configuration\nLocation: $.config.User\nEvidence: User: root\nSeverity: high" */
function checkMessage(finding: Finding): string {
  return [
    oneLine(finding.title) || finding.id,
    `Location: ${locationText(finding.location)}`,
    ...(finding.evidence !== undefined ? [`Evidence: ${finding.evidence}`] : []),
    `Severity: ${finding.severity}`,
  ].join('\n');
}

/** Where every result points: the Dockerfile's final FROM when given, else the target as a relative path. */
export function artifactLocation(
  target: ReportTarget,
  options: Pick<SarifOptions, 'dockerfile' | 'dockerfileText'>,
): { uri: string; startLine: number } {
  if (options.dockerfile) {
    const line =
      options.dockerfileText === undefined ? undefined : finalStageLine(options.dockerfileText);
    return { uri: pathUri(options.dockerfile), startLine: line ?? 1 };
  }
  return {
    uri: target.kind === 'image' ? imageUri(target.name) : relativePathUri(target.name),
    startLine: 1,
  };
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * An image reference as a repository-relative path, as Docker names the repository: tag and digest dropped,
 * Docker Hub's host dropped and its official images under `library/` (`debian:12` -> `library/debian`); another
 * registry's host is kept (`ghcr.io/acme/app`).
 */
export function imageUri(name: string): string {
  const withoutDigest = name.split('@')[0]!;
  const segments = withoutDigest.split('/').filter((s) => s !== '');
  if (segments.length === 0) return relativePathUri(name);
  const last = segments.length - 1;
  segments[last] = segments[last]!.replace(/:[^:]*$/, '');
  const first = segments[0]!;
  const hasHost =
    segments.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost && !DOCKER_HUB_HOSTS.has(first)) return encodeSegments(segments);
  const path = hasHost ? segments.slice(1) : segments;
  return encodeSegments(path.length === 1 ? ['library', ...path] : path);
}

/** A directory or file as a relative path: separators made `/`, leading `/` and `./` dropped. */
export function relativePathUri(path: string): string {
  const segments = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  return segments.length === 0 ? '.' : encodeSegments(segments);
}

/** The Dockerfile as given: a relative path stays relative; an absolute one becomes a file: URI. */
function pathUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return `file://${encodeSegments(slashed.split('/'))}`;
  if (/^[A-Za-z]:\//.test(slashed))
    return `file:///${slashed.slice(0, 2)}${encodeSegments(slashed.slice(2).split('/'))}`;
  return relativePathUri(slashed);
}

/** Each segment percent-encoded, so that `:` cannot read as a scheme nor `#`/`?` end the path. */
function encodeSegments(segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s)).join('/');
}
