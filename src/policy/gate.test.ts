import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { fixturePath } from '../testing/fixtures.js';
import type { Severity } from '../vulndb/advisory.js';
import { filterFindings, gateExitCode } from './gate.js';

// high: DSA-5380-1, GO-2024-2491; medium: PYSEC-2023-74 twice; negligible (will_not_fix): CVE-2010-4756
const findings = JSON.parse(
  readFileSync(fixturePath('suppressions', 'findings.json'), 'utf8'),
) as VulnerabilityFinding[];
const suppress = (f: VulnerabilityFinding): VulnerabilityFinding => ({
  ...f,
  suppressed: { kind: 'ignore-file', file: '.seawallignore.yaml', reason: 'not reachable' },
});
/** The same advisory as rated by nobody: a Go advisory without a GHSA or NVD rating. */
const unrated: VulnerabilityFinding = {
  ...findings[1]!,
  severity: 'unknown',
  severitySource: 'none',
  cvss: [],
};

describe('gateExitCode', () => {
  it('fails at or above the threshold', () => {
    const expected: [Severity | undefined, 0 | 1][] = [
      [undefined, 0],
      ['critical', 0],
      ['high', 1],
      ['medium', 1],
      ['low', 1],
      ['negligible', 1],
      ['unknown', 1],
    ];
    for (const [failOn, code] of expected)
      assert.equal(gateExitCode(findings, failOn), code, failOn);
  });

  it('suppressed findings never fail it', () => {
    const highsSuppressed = findings.map((f) => (f.severity === 'high' ? suppress(f) : f));
    assert.equal(gateExitCode(highsSuppressed, 'high'), 0);
    assert.equal(gateExitCode(highsSuppressed, 'medium'), 1);
    assert.equal(gateExitCode(findings.map(suppress), 'unknown'), 0);
  });

  it("'unknown' fails only --fail-on unknown", () => {
    for (const failOn of ['critical', 'high', 'medium', 'low', 'negligible'] as const) {
      assert.equal(gateExitCode([unrated], failOn), 0, failOn);
    }
    assert.equal(gateExitCode([unrated], 'unknown'), 1);
    // and --fail-on unknown fails on everything, rated or not
    assert.equal(gateExitCode([findings[4]!], 'unknown'), 1);
    assert.equal(gateExitCode([findings[4]!], 'low'), 0);
  });

  it('nothing found, nothing fails', () => {
    assert.equal(gateExitCode([], 'unknown'), 0);
  });
});

describe('filterFindings', () => {
  const ids = (list: VulnerabilityFinding[]) => list.map((f) => `${f.id} ${f.package.version}`);

  it('--severity keeps the listed severities only, in order', () => {
    assert.deepEqual(ids(filterFindings(findings, { severities: ['high'] })), [
      'DSA-5380-1 2:1.20.11-1+deb11u5',
      'GO-2024-2491 v1.1.11',
    ]);
    assert.deepEqual(
      ids(filterFindings([...findings, unrated], { severities: ['negligible', 'unknown'] })),
      ['CVE-2010-4756 2.31-13+deb11u5', 'GO-2024-2491 v1.1.11'],
    );
    assert.deepEqual(filterFindings(findings, { severities: [] }), []);
  });

  it('--ignore-unfixed drops findings without a fixed version', () => {
    assert.deepEqual(ids(filterFindings(findings, { ignoreUnfixed: true })), [
      'DSA-5380-1 2:1.20.11-1+deb11u5',
      'GO-2024-2491 v1.1.11',
      'PYSEC-2023-74 2.25.1',
      'PYSEC-2023-74 2.28.1',
    ]);
    const affected = { ...findings[4]!, status: 'affected' as const };
    assert.deepEqual(filterFindings([affected], { ignoreUnfixed: true }), []);
  });

  it('both together, suppressed findings filtered like the rest, and no filter keeps all', () => {
    const mixed = [suppress(findings[0]!), ...findings.slice(1)];
    assert.deepEqual(
      ids(filterFindings(mixed, { severities: ['high', 'negligible'], ignoreUnfixed: true })),
      ['DSA-5380-1 2:1.20.11-1+deb11u5', 'GO-2024-2491 v1.1.11'],
    );
    assert.deepEqual(filterFindings(findings, {}), findings);
  });
});
