// The scan report as JUnit XML for CI test views (Jenkins, GitLab): one test suite for the target, one test case
// per package, failing when the package has unsuppressed findings, and one per check that found something (secrets,
// image hardening, Dockerfile lint), failing with its places. The de-facto schema (Jenkins' junit-10.xsd):
// https://github.com/jenkinsci/xunit-plugin/blob/master/src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd
// XML 1.0: https://www.w3.org/TR/xml/

import type { ReportPackage, ScanReport, VulnerabilityFinding } from '../detect/scan-report.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { findingsByRule, locationText, oneLine, ruleTitle } from './finding-text.js';
import { mostSevere } from './severity-score.js';

interface TestCase {
  classname: string;
  name: string;
  purl: string;
  findings: VulnerabilityFinding[];
}

interface CheckCase {
  classname: string;
  name: string;
  title: string;
  findings: Finding[];
}

/**
 * JUnit XML text. classname is the package's advisory ecosystem (its package type when none applies), name is
 * `name@version`. A failing case has one <failure>: message the advisory ids, type the highest severity, body one
 * line per finding. Suppressed findings fail nothing; they are listed in the case's <system-out>.
 *
 * After the packages, one case per check id among `findings` (the report holds only the checks that fired, so a
 * check case passes only when all its findings are suppressed): classname the finding kind, name the check id; its
 * <failure> has the check's title as message, the highest severity as type, and one line per place.
 */
export function renderJunit(report: ScanReport): string {
  const cases = testCases(report);
  const checks = checkCases(report.findings);
  const failures =
    cases.filter((c) => c.findings.some((f) => !f.suppressed)).length +
    checks.filter((c) => c.findings.some((f) => !f.suppressed)).length;
  const counts = `tests="${cases.length + checks.length}" failures="${failures}" errors="0"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // junit-10.xsd allows `skipped` on a testsuite but not on testsuites.
    `<testsuites name="seawall scan" ${counts}>`,
    `  <testsuite name="${attr(report.target.name)}" ${counts} skipped="0">`,
    '    <properties>',
    ...suiteProperties(report).map(
      ([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`,
    ),
    '    </properties>',
    ...cases.flatMap(testCaseXml),
    ...checks.flatMap(checkCaseXml),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function suiteProperties(report: ScanReport): [string, string][] {
  const entries: [string, string | undefined][] = [
    ['target', report.target.input],
    ['os', report.os && [report.os.family, report.os.version].filter(Boolean).join(' ')],
    ['db.updatedAt', report.db.updatedAt ?? undefined],
  ];
  return entries.filter((e): e is [string, string] => e[1] !== undefined);
}

/**
 * Every package of the report, each with its findings; a finding whose package the report does not list (it
 * should not happen) gets a case of its own rather than being dropped. Ordered by classname, name and purl.
 */
function testCases(report: ScanReport): TestCase[] {
  const byPurl = new Map<string, TestCase>();
  const add = (pkg: Pick<ReportPackage, 'name' | 'version' | 'purl' | 'type' | 'ecosystem'>) => {
    if (!byPurl.has(pkg.purl)) {
      byPurl.set(pkg.purl, {
        classname: pkg.ecosystem ?? pkg.type,
        name: `${pkg.name}@${pkg.version}`,
        purl: pkg.purl,
        findings: [],
      });
    }
    return byPurl.get(pkg.purl)!;
  };
  for (const pkg of report.packages) add(pkg);
  for (const finding of report.vulnerabilities) add(finding.package).findings.push(finding);
  return [...byPurl.values()].sort(
    (a, b) =>
      compareText(a.classname, b.classname) ||
      compareText(a.name, b.name) ||
      compareText(a.purl, b.purl),
  );
}

function testCaseXml(testCase: TestCase): string[] {
  const open = `    <testcase classname="${attr(testCase.classname)}" name="${attr(testCase.name)}"`;
  const failing = testCase.findings.filter((f) => !f.suppressed);
  const suppressed = testCase.findings.filter((f) => f.suppressed);
  if (failing.length === 0 && suppressed.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  if (failing.length > 0) {
    const ids = [...new Set(failing.map((f) => f.id))].join(', ');
    const type = mostSevere(failing.map((f) => f.severity))!;
    const body = failing.map(findingLine).join('\n');
    lines.push(`      <failure message="${attr(ids)}" type="${type}">${text(body)}</failure>`);
  }
  if (suppressed.length > 0) {
    const body = suppressed
      .map(
        (f) =>
          `suppressed ${f.id} (${f.suppressed!.kind} ${f.suppressed!.file}): ${f.suppressed!.reason}`,
      )
      .join('\n');
    lines.push(`      <system-out>${text(body)}</system-out>`);
  }
  lines.push('    </testcase>');
  return lines;
}

/** A case per check id, ordered by kind and id. */
function checkCases(findings: Finding[]): CheckCase[] {
  return findingsByRule(findings)
    .map(([id, group]) => ({
      classname: group[0]!.kind,
      name: id,
      title: oneLine(ruleTitle(group)),
      findings: group,
    }))
    .sort((a, b) => compareText(a.classname, b.classname) || compareText(a.name, b.name));
}

function checkCaseXml(testCase: CheckCase): string[] {
  const open = `    <testcase classname="${attr(testCase.classname)}" name="${attr(testCase.name)}"`;
  const failing = testCase.findings.filter((f) => !f.suppressed);
  const suppressed = testCase.findings.filter((f) => f.suppressed);
  const lines = [`${open}>`];
  if (failing.length > 0) {
    const type = mostSevere(failing.map((f) => f.severity))!;
    const body = failing.map(checkFindingLine).join('\n');
    lines.push(
      `      <failure message="${attr(testCase.title)}" type="${type}">${text(body)}</failure>`,
    );
  }
  if (suppressed.length > 0) {
    const body = suppressed
      .map(
        (f) =>
          `suppressed ${f.id} at ${locationText(f.location)} (${f.suppressed!.kind} ${f.suppressed!.file}): ${f.suppressed!.reason}`,
      )
      .join('\n');
    lines.push(`      <system-out>${text(body)}</system-out>`);
  }
  lines.push('    </testcase>');
  return lines;
}

/** "root/.aws/credentials:2 (layer 1) [critical]: AWS access key ID ... (aws_access_key_id = AKIA****MPLE)" */
function checkFindingLine(finding: Finding): string {
  const evidence = finding.evidence !== undefined ? ` (${oneLine(finding.evidence)})` : '';
  return `${locationText(finding.location)} [${finding.severity}]: ${oneLine(finding.title)}${evidence}`;
}

/** "GO-2024-2491 [high] fixed in 1.1.12: Container breakout ..." */
function findingLine(finding: VulnerabilityFinding): string {
  const fix =
    finding.status === 'fixed'
      ? `fixed in ${finding.fixedVersion ?? 'an unknown version'}`
      : finding.status;
  const title = finding.title ? `: ${finding.title.replace(/\s+/g, ' ').trim()}` : '';
  return `${finding.id} [${finding.severity}] ${fix}${title}`;
}

/**
 * Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD: a
 * feed's text must not make the whole report unreadable.
 */
function xmlChars(value: string): string {
  return value.replace(NOT_XML_CHARS, '\uFFFD');
}

const NOT_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and line breaks and tabs, which attribute normalisation would turn into spaces. */
function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
