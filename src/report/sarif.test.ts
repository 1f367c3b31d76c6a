// SARIF output: the structure GitHub code scanning requires (every result located, every ruleId a rule, a numeric
// security-severity), the level and score mappings, suppressions, stable fingerprints and the Dockerfile location.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanReport } from '../detect/scan-report.js';
import { SAMPLE_PURL, emptyScanReport, sampleScanReport } from '../testing/sample-scan-report.js';
import {
  FINGERPRINT_KEY,
  SARIF_SCHEMA,
  buildSarif,
  imageUri,
  relativePathUri,
  renderSarif,
  type SarifLog,
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
    assert.deepEqual(rule.properties.tags.slice(0, 2), ['security', 'vulnerability']);
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
      results.map((r) => [r.ruleId, r.locations[0]!.logicalLocations[0]!.fullyQualifiedName]),
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
