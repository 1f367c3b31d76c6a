// SARIF output: the structure GitHub code scanning requires (every result located, every ruleId a rule, a numeric
// security-severity), the level and score mappings, suppressions, stable fingerprints and the Dockerfile location.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanReport } from '../detect/scan-report.js';
import {
  SAMPLE_DOCKERFILE,
  SAMPLE_PURL,
  emptyScanReport,
  sampleFindingsReport,
  sampleScanReport,
} from '../testing/sample-scan-report.js';
import {
  FINGERPRINT_KEY,
  SARIF_SCHEMA,
  buildSarif,
  frameworkTags,
  imageUri,
  relativePathUri,
  renderSarif,
  type SarifLog,
  type SarifResult,
} from './sarif.js';

const OPTIONS = { toolVersion: '1.2.3' };
const DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  'FROM golang:1.21 AS runc',
  'RUN go install github.com/opencontainers/runc@v1.1.11',
  '',
  'FROM debian:11',
  'COPY --from=runc /go/bin/runc /usr/bin/runc',
].join('\n');

function sarif(report: ScanReport, options: Parameters<typeof renderSarif>[1] = OPTIONS): SarifLog {
  return JSON.parse(renderSarif(report, options)) as SarifLog;
}

/** What GitHub's upload checks and code scanning need of every run, rule and result. */
function assertGitHubAccepts(log: SarifLog): void {
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, SARIF_SCHEMA);
  assert.equal(log.runs.length, 1);
  const { driver } = log.runs[0]!.tool;
  assert.equal(driver.name, 'Seawall');
  // No informationUri: the project has no public home yet, and SARIF makes the field optional.
  assert.equal('informationUri' in driver, false);
  const ids = driver.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  const securitySeverity = (value: string, where: string) => {
    assert.match(value, /^\d+\.\d$/, where);
    const score = Number(value);
    assert.ok(score >= 0 && score <= 10, where);
  };
  for (const rule of driver.rules) {
    assert.ok(rule.shortDescription.text.length > 0 && rule.shortDescription.text.length <= 1024);
    assert.ok(rule.fullDescription.text.length > 0 && rule.fullDescription.text.length <= 1024);
    assert.ok(rule.help.text.length > 0);
    securitySeverity(rule.properties['security-severity'], rule.id);
    assert.equal(rule.properties.tags[0], 'security', `${rule.id} is a security rule`);
    assert.ok(
      ['vulnerability', 'secret', 'image', 'dockerfile', 'config'].includes(
        rule.properties.tags[1]!,
      ),
      `${rule.id} is tagged with its kind`,
    );
  }
  for (const result of log.runs[0]!.results) {
    assert.equal(driver.rules[result.ruleIndex]?.id, result.ruleId, 'ruleIndex points at its rule');
    assert.ok(result.message.text.length > 0);
    const [location] = result.locations;
    assert.ok(location, `${result.ruleId} has a location`);
    assert.ok(location.physicalLocation.artifactLocation.uri.length > 0);
    assert.ok(Number.isInteger(location.physicalLocation.region.startLine));
    assert.ok(location.physicalLocation.region.startLine >= 1);
    securitySeverity(result.properties['security-severity'], result.ruleId);
  }
}

describe('renderSarif', () => {
  it('is a SARIF 2.1.0 log GitHub accepts, for the sample and for an empty report', () => {
    assertGitHubAccepts(sarif(sampleScanReport()));
    assertGitHubAccepts(sarif(sampleFindingsReport()));
    assertGitHubAccepts(
      sarif(sampleFindingsReport(), {
        ...OPTIONS,
        dockerfile: 'Dockerfile',
        dockerfileText: SAMPLE_DOCKERFILE,
      }),
    );
    const empty = sarif(emptyScanReport());
    assertGitHubAccepts(empty);
    assert.deepEqual(empty.runs[0]!.tool.driver.rules, []);
    assert.deepEqual(empty.runs[0]!.results, []);
  });

  it('has one rule per advisory, sorted, with its descriptions, help and links', () => {
    const { rules } = sarif(sampleScanReport()).runs[0]!.tool.driver;
    assert.deepEqual(
      rules.map((r) => r.id),
      ['CVE-2011-3374', 'DSA-5343-1', 'DSA-5380-1', 'GO-2024-2491', 'PYSEC-2023-74'],
    );
    const runc = rules.find((r) => r.id === 'GO-2024-2491')!;
    assert.equal(
      runc.shortDescription.text,
      'GO-2024-2491: Container breakout through process.cwd trickery and leaked fds in github.com/opencontainers/runc',
    );
    assert.match(runc.fullDescription.text, /Also known as CVE-2024-21626, GHSA-xr7r-f8xq-vfvv\.$/);
    // The first reference is the help link; an advisory without references links to its database's page.
    assert.equal(
      runc.helpUri,
      'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
    );
    assert.equal(
      rules.find((r) => r.id === 'DSA-5380-1')!.helpUri,
      'https://security-tracker.debian.org/tracker/DSA-5380-1',
    );
    assert.match(runc.help.text, /^Severity: high$/m);
    assert.match(runc.help.markdown, /\| Aliases \| CVE-2024-21626, GHSA-xr7r-f8xq-vfvv \|/);
    assert.deepEqual(runc.properties, {
      'security-severity': '8.6',
      tags: ['security', 'vulnerability', 'high'],
    });
    assert.equal(runc.defaultConfiguration.level, 'error');
  });

  it('cuts a very long title to 1024 characters in the rule descriptions', () => {
    const report = sampleScanReport();
    report.vulnerabilities[0]!.title = 'A remote attacker could exploit this. '.repeat(40);
    const rule = sarif(report).runs[0]!.tool.driver.rules.find((r) => r.id === 'GO-2024-2491')!;
    assert.equal(rule.shortDescription.text.length, 1024);
    assert.equal(rule.fullDescription.text.length, 1024);
    assert.ok(
      rule.shortDescription.text.startsWith(
        'GO-2024-2491: A remote attacker could exploit this. A',
      ),
    );
    assert.ok(rule.fullDescription.text.endsWith('...'));
  });

  it('scores from the newest CVSS version, else from the severity level', () => {
    const log = sarif(sampleScanReport());
    const rule = (id: string) => log.runs[0]!.tool.driver.rules.find((r) => r.id === id)!;
    // apt: NVD's CVSS 3.1 (3.7) wins over its CVSS 2.0 (4.3); Debian's "unimportant" still makes it a note.
    assert.equal(rule('CVE-2011-3374').properties['security-severity'], '3.7');
    assert.equal(rule('CVE-2011-3374').defaultConfiguration.level, 'note');
    assert.equal(rule('PYSEC-2023-74').properties['security-severity'], '6.1');

    const levels: [string, string, string][] = [
      ['critical', '9.5', 'error'],
      ['high', '8.0', 'error'],
      ['medium', '5.5', 'warning'],
      ['low', '2.0', 'note'],
      ['negligible', '0.0', 'note'],
      ['unknown', '0.0', 'note'],
    ];
    for (const [severity, score, level] of levels) {
      const report = sampleScanReport();
      report.vulnerabilities = report.vulnerabilities.slice(0, 1);
      Object.assign(report.vulnerabilities[0]!, { severity, cvss: [] });
      const log = sarif(report);
      assert.equal(
        log.runs[0]!.tool.driver.rules[0]!.properties['security-severity'],
        score,
        severity,
      );
      assert.equal(log.runs[0]!.results[0]!.properties['security-severity'], score, severity);
      assert.equal(log.runs[0]!.results[0]!.level, level, severity);
    }
  });

  it('writes one result per finding in the report order, naming the package, versions and purl', () => {
    const report = sampleScanReport();
    const { results } = sarif(report).runs[0]!;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.locations[0]!.logicalLocations![0]!.fullyQualifiedName]),
      report.vulnerabilities.map((f) => [f.id, f.package.purl]),
    );
    const requests = results.find((r) => r.ruleId === 'PYSEC-2023-74')!;
    assert.equal(requests.level, 'warning');
    assert.match(
      requests.message.text,
      /^Package requests 2\.28\.1 \(usr\/local\/lib\/python3\.9\/site-packages/,
    );
    assert.match(requests.message.text, /^Installed version: 2\.28\.1$/m);
    assert.match(requests.message.text, /^Fixed version: 2\.31\.0$/m);
    const apt = results.find((r) => r.ruleId === 'CVE-2011-3374')!;
    assert.match(apt.message.text, /^Fixed version: none yet$/m);
    assert.deepEqual(requests.locations[0]!.logicalLocations, [
      { name: 'requests', fullyQualifiedName: SAMPLE_PURL.requests, kind: 'package' },
    ]);
  });

  it('locates results at the image as a repository-relative path when no Dockerfile is given', () => {
    for (const result of sarif(sampleScanReport()).runs[0]!.results) {
      assert.deepEqual(result.locations[0]!.physicalLocation, {
        artifactLocation: { uri: 'acme/build-agent' },
        region: { startLine: 1 },
      });
    }
    const rootfs = sarif({
      ...emptyScanReport(),
      vulnerabilities: sampleScanReport().vulnerabilities,
    });
    assert.equal(
      rootfs.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri,
      'tmp/empty-root',
    );
  });

  it("locates results at the Dockerfile's final FROM, or its line 1 when there is none", () => {
    const located = (options: Parameters<typeof renderSarif>[1]) =>
      sarif(sampleScanReport(), options).runs[0]!.results.map(
        (r) => r.locations[0]!.physicalLocation,
      );
    for (const location of located({
      ...OPTIONS,
      dockerfile: './build/Dockerfile',
      dockerfileText: DOCKERFILE,
    })) {
      assert.deepEqual(location, {
        artifactLocation: { uri: 'build/Dockerfile' },
        region: { startLine: 5 },
      });
    }
    const [noFrom] = located({
      ...OPTIONS,
      dockerfile: 'Dockerfile',
      dockerfileText: 'RUN true\n',
    });
    assert.deepEqual(noFrom, { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 1 } });
    const [unread] = located({ ...OPTIONS, dockerfile: '/ci/repo/Dockerfile' });
    assert.deepEqual(unread, {
      artifactLocation: { uri: 'file:///ci/repo/Dockerfile' },
      region: { startLine: 1 },
    });
  });

  it('marks suppressed findings with an external suppression and its reason, and only those', () => {
    const report = sampleScanReport();
    const { results } = sarif(report).runs[0]!;
    report.vulnerabilities.forEach((finding, i) => {
      assert.deepEqual(
        results[i]!.suppressions,
        finding.suppressed && [{ kind: 'external', justification: finding.suppressed.reason }],
      );
    });
    assert.equal(results.filter((r) => r.suppressions).length, 2);
  });

  it('fingerprints each finding by advisory and purl: the same across runs and Dockerfile edits, distinct per package', () => {
    const fingerprints = (log: SarifLog) =>
      log.runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    const plain = fingerprints(sarif(sampleScanReport()));
    const moved = fingerprints(
      sarif(sampleScanReport(), {
        ...OPTIONS,
        dockerfile: 'Dockerfile',
        dockerfileText: DOCKERFILE,
      }),
    );
    assert.deepEqual(moved, plain);
    assert.equal(new Set(plain).size, plain.length);
    for (const fingerprint of plain) assert.match(fingerprint, /^[0-9a-f]{64}$/);
  });

  it('is deterministic: the same report gives the same bytes, and the rules do not depend on finding order', () => {
    assert.equal(
      renderSarif(sampleScanReport(), OPTIONS),
      renderSarif(sampleScanReport(), OPTIONS),
    );
    const reversed = sampleScanReport();
    reversed.vulnerabilities.reverse();
    assert.deepEqual(
      buildSarif(reversed, OPTIONS).runs[0]!.tool.driver.rules,
      buildSarif(sampleScanReport(), OPTIONS).runs[0]!.tool.driver.rules,
    );
  });
});

describe('renderSarif with secrets, image and Dockerfile findings', () => {
  const ruleOf = (log: SarifLog, id: string) =>
    log.runs[0]!.tool.driver.rules.find((r) => r.id === id)!;
  const resultsOf = (log: SarifLog, id: string) =>
    log.runs[0]!.results.filter((r) => r.ruleId === id);
  const place = (result: SarifResult) => result.locations[0]!.physicalLocation;

  it('adds one rule per check id beside the advisories, all in id order, and leaves the advisory rules alone', () => {
    const log = sarif(sampleFindingsReport());
    const { rules } = log.runs[0]!.tool.driver;
    assert.deepEqual(
      rules.map((r) => r.id),
      [
        'CVE-2011-3374',
        'DSA-5343-1',
        'DSA-5380-1',
        'GO-2024-2491',
        'PYSEC-2023-74',
        'SW-DF-001',
        'SW-DF-002',
        'SW-IMG-001',
        'SW-SEC-001',
      ],
    );
    const advisories = sarif(sampleScanReport()).runs[0]!.tool.driver.rules;
    assert.deepEqual(
      rules.filter((r) => !r.id.startsWith('SW-')),
      advisories,
    );
  });

  it('describes a check by its title, helps with its remediation, links its first reference and tags what it maps to', () => {
    const log = sarif(sampleFindingsReport());
    const latest = ruleOf(log, 'SW-DF-001');
    assert.equal(latest.shortDescription.text, 'FROM golang:latest uses the latest tag');
    assert.equal(
      latest.fullDescription.text,
      'FROM golang:latest uses the latest tag. The same check as Dockle DKL-DI-0006, Hadolint DL3007, Trivy DS001.',
    );
    assert.equal(
      latest.helpUri,
      'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
    );
    assert.match(latest.help.text, /^Pin the base image to a version tag/);
    assert.match(latest.help.text, /^- https:\/\/github\.com\/hadolint\/hadolint\/wiki\/DL3007$/m);
    assert.match(
      latest.help.markdown,
      /^\| Same as \| Dockle DKL-DI-0006, Hadolint DL3007, Trivy DS001 \|$/m,
    );
    assert.deepEqual(latest.properties, {
      'security-severity': '5.5',
      tags: ['security', 'dockerfile', 'DKL-DI-0006', 'DL3007', 'DS001'],
    });
    assert.equal(latest.defaultConfiguration.level, 'warning');
    assert.deepEqual(ruleOf(log, 'SW-IMG-001').properties, {
      'security-severity': '8.0',
      tags: ['security', 'image', 'CIS-4.1', 'CIS-DI-0001'],
    });
    assert.deepEqual(ruleOf(log, 'SW-SEC-001').properties, {
      'security-severity': '9.5',
      tags: ['security', 'secret', 'CIS-4.10', 'CIS-DI-0010'],
    });
    assert.equal(ruleOf(log, 'SW-SEC-001').defaultConfiguration.level, 'error');
    assert.equal(ruleOf(log, 'SW-DF-002').defaultConfiguration.level, 'note');
  });

  it('scores every level as the advisories without CVSS are scored', () => {
    const levels: [string, string, string][] = [
      ['critical', '9.5', 'error'],
      ['high', '8.0', 'error'],
      ['medium', '5.5', 'warning'],
      ['low', '2.0', 'note'],
      ['negligible', '0.0', 'note'],
      ['unknown', '0.0', 'note'],
    ];
    for (const [severity, score, level] of levels) {
      const report = { ...sampleFindingsReport(), vulnerabilities: [] };
      report.findings = report.findings.slice(2, 3);
      Object.assign(report.findings[0]!, { severity });
      const log = sarif(report);
      assert.equal(ruleOf(log, 'SW-DF-001').properties['security-severity'], score, severity);
      assert.equal(log.runs[0]!.results[0]!.properties['security-severity'], score, severity);
      assert.equal(log.runs[0]!.results[0]!.level, level, severity);
    }
  });

  it('writes the findings after the vulnerabilities, each saying where it is and what was seen', () => {
    const report = sampleFindingsReport();
    const { results } = sarif(report).runs[0]!;
    assert.deepEqual(
      results.map((r) => r.ruleId),
      [...report.vulnerabilities.map((f) => f.id), ...report.findings.map((f) => f.id)],
    );
    assert.equal(
      resultsOf(sarif(report), 'SW-SEC-001')[0]!.message.text,
      [
        'AWS access key ID in a file a later layer deleted (the layer still holds it)',
        'Location: root/.aws/credentials:2 (layer 1)',
        'Evidence: aws_access_key_id = AKIA************MPLE',
        'Severity: critical',
      ].join('\n'),
    );
    assert.equal(
      resultsOf(sarif(report), 'SW-DF-001')[0]!.message.text,
      'FROM golang:latest uses the latest tag\nLocation: Dockerfile:2\nSeverity: medium',
    );
  });

  it('locates Dockerfile findings at their line, and paths inside the image under the image uri', () => {
    const log = sarif(sampleFindingsReport());
    assert.deepEqual(place(resultsOf(log, 'SW-DF-001')[0]!), {
      artifactLocation: { uri: 'Dockerfile' },
      region: { startLine: 2 },
    });
    assert.deepEqual(place(resultsOf(log, 'SW-DF-002')[0]!), {
      artifactLocation: { uri: 'Dockerfile' },
      region: { startLine: 8 },
    });
    assert.deepEqual(place(resultsOf(log, 'SW-SEC-001')[0]!), {
      artifactLocation: { uri: 'acme/build-agent/root/.aws/credentials' },
      region: { startLine: 2 },
    });
    // The image configuration is no file: the result goes where the vulnerabilities go.
    assert.deepEqual(place(resultsOf(log, 'SW-IMG-001')[0]!), {
      artifactLocation: { uri: 'acme/build-agent' },
      region: { startLine: 1 },
    });
  });

  it("locates what is inside the image at the Dockerfile's final FROM when one is given", () => {
    const log = sarif(sampleFindingsReport(), {
      ...OPTIONS,
      dockerfile: './Dockerfile',
      dockerfileText: SAMPLE_DOCKERFILE,
    });
    const from = { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 6 } };
    assert.deepEqual(place(resultsOf(log, 'SW-SEC-001')[0]!), from);
    assert.deepEqual(place(resultsOf(log, 'SW-IMG-001')[0]!), from);
    assert.deepEqual(place(resultsOf(log, 'GO-2024-2491')[0]!), from);
    assert.deepEqual(place(resultsOf(log, 'SW-DF-001')[0]!).region, { startLine: 2 });
  });

  it('locates a file of a root filesystem under its directory, which may be the repository itself', () => {
    const rootfs = (name: string) =>
      sarif({ ...sampleFindingsReport(), target: { input: `dir:${name}`, kind: 'rootfs', name } });
    assert.deepEqual(place(resultsOf(rootfs('/srv/rootfs'), 'SW-SEC-001')[0]!), {
      artifactLocation: { uri: 'srv/rootfs/root/.aws/credentials' },
      region: { startLine: 2 },
    });
    assert.equal(
      place(resultsOf(rootfs('.'), 'SW-SEC-001')[0]!).artifactLocation.uri,
      'root/.aws/credentials',
    );
    const [noLine] = resultsOf(
      sarif({
        ...sampleFindingsReport(),
        findings: [
          { ...sampleFindingsReport().findings[0]!, location: { path: 'etc/shadow', layer: 0 } },
        ],
      }),
      'SW-SEC-001',
    );
    assert.deepEqual(place(noLine!).region, { startLine: 1 });
  });

  it('marks an inline suppression as in source and an ignore-file one as external', () => {
    const report = sampleFindingsReport();
    assert.deepEqual(resultsOf(sarif(report), 'SW-DF-002')[0]!.suppressions, [
      { kind: 'inSource', justification: 'bullseye point releases are the versions we want' },
    ]);
    report.findings[1]!.suppressed = {
      kind: 'ignore-file',
      file: '.seawallignore.yaml',
      reason: 'The agent drops to uid 1000 in its entrypoint',
    };
    assert.deepEqual(resultsOf(sarif(report), 'SW-IMG-001')[0]!.suppressions, [
      { kind: 'external', justification: 'The agent drops to uid 1000 in its entrypoint' },
    ]);
    assert.equal(resultsOf(sarif(report), 'SW-SEC-001')[0]!.suppressions, undefined);
  });

  it('fingerprints a finding by check and place, not by line: an edit above it keeps the alert, two places stay two', () => {
    const fingerprint = (report: ScanReport) =>
      sarif(report).runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    const plain = fingerprint(sampleFindingsReport());
    assert.equal(new Set(plain).size, plain.length);
    const moved = sampleFindingsReport();
    for (const finding of moved.findings) {
      if (finding.kind === 'dockerfile') finding.location.line! += 3;
    }
    assert.deepEqual(fingerprint(moved), plain);
    const twice = sampleFindingsReport();
    twice.findings.splice(3, 0, {
      ...twice.findings[2]!,
      location: { path: 'Dockerfile', line: 20 },
    });
    const twoPlaces = fingerprint(twice);
    assert.equal(new Set(twoPlaces).size, twoPlaces.length);
    assert.equal(resultsOf(sarif(twice), 'SW-DF-001').length, 2);
  });

  it('gives a rule the most severe level of its findings and is the same whatever their order', () => {
    const report = sampleFindingsReport();
    report.findings.push({
      ...report.findings[2]!,
      severity: 'high',
      location: { path: 'Dockerfile', line: 20 },
    });
    const reversed = sampleFindingsReport();
    reversed.findings = [...report.findings].reverse();
    assert.equal(ruleOf(sarif(report), 'SW-DF-001').properties['security-severity'], '8.0');
    assert.deepEqual(
      buildSarif(reversed, OPTIONS).runs[0]!.tool.driver.rules,
      buildSarif(report, OPTIONS).runs[0]!.tool.driver.rules,
    );
  });
});

describe('SARIF framework tags', () => {
  it("prefixes CIS and Pod Security Standards ids, and keeps the tools' own ids", () => {
    assert.deepEqual(
      frameworkTags({
        'cis-docker': ['4.1', '4.6'],
        dockle: ['CIS-DI-0001'],
        hadolint: ['DL3002'],
        trivy: ['DS002'],
        pss: ['baseline:privileged'],
      }),
      ['CIS-4.1', 'CIS-4.6', 'CIS-DI-0001', 'DL3002', 'DS002', 'PSS-baseline:privileged'],
    );
    assert.deepEqual(frameworkTags({}), []);
  });
});

describe('SARIF artifact uris', () => {
  it('names an image by its repository, as Docker normalises it', () => {
    assert.equal(imageUri('debian:11'), 'library/debian');
    assert.equal(imageUri('docker.io/library/debian:11'), 'library/debian');
    assert.equal(imageUri('docker.io/acme/build-agent:1.4'), 'acme/build-agent');
    assert.equal(imageUri('ghcr.io/acme/app@sha256:0123abcd'), 'ghcr.io/acme/app');
    assert.equal(imageUri('localhost:5000/app:1.0'), 'localhost%3A5000/app');
  });

  it('makes a directory or file path relative', () => {
    assert.equal(relativePathUri('/srv/rootfs/'), 'srv/rootfs');
    assert.equal(relativePathUri('./out/sbom.cdx.json'), 'out/sbom.cdx.json');
    assert.equal(relativePathUri('C:\\images\\root fs'), 'C%3A/images/root%20fs');
    assert.equal(relativePathUri('.'), '.');
  });
});
