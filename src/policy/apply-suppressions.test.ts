import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { fixturePath } from '../testing/fixtures.js';
import { applySuppressions, type SuppressionRules } from './apply-suppressions.js';
import { loadIgnoreFile, parseIgnoreFile } from './ignore-file.js';
import { loadVex, parseVex } from './openvex.js';

const findings = JSON.parse(
  readFileSync(fixturePath('suppressions', 'findings.json'), 'utf8'),
) as VulnerabilityFinding[];
const ignoreFile = fixturePath('suppressions', '.seawallignore.yaml');
const vexFile = fixturePath('suppressions', 'openvex.json');
const MANIFEST = 'sha256:8abbe832815f497d83af206e7c14af6b54fddf478d23e84754a392236c14ed9a';
const rules: SuppressionRules = {
  ignore: [{ file: '.seawallignore.yaml', rules: loadIgnoreFile(ignoreFile) }],
  vex: [{ file: 'vex/demo-app.openvex.json', statements: loadVex(vexFile) }],
};

/** `ID PACKAGE@VERSION -> kind file: reason` for each finding. */
function outcome(result: VulnerabilityFinding[]): string[] {
  return result.map((f) => {
    const what = `${f.id} ${f.package.name}@${f.package.version}`;
    const s = f.suppressed;
    return s
      ? `${what} -> ${s.kind} ${s.file}${s.expires ? ` until ${s.expires}` : ''}: ${s.reason}`
      : what;
  });
}

describe('applySuppressions with the demo ignore file and VEX document', () => {
  it('ignore entries first, then the newest VEX statement; expired entries warn once', () => {
    const before = structuredClone(findings);
    const result = applySuppressions(findings, rules, {
      now: new Date('2024-07-01T08:00:00Z'),
      imageIdentities: [MANIFEST],
    });
    assert.deepEqual(outcome(result.findings), [
      // the ignore entry expired the day before, and the newer VEX statement says affected
      'DSA-5380-1 xserver-xorg-core@2:1.20.11-1+deb11u5',
      'GO-2024-2491 github.com/opencontainers/runc@v1.1.11 -> ignore-file .seawallignore.yaml until 2027-01-31: ' +
        'runc is shipped for `runc list` in the health check only; it never starts a container here',
      'PYSEC-2023-74 requests@2.25.1 -> ignore-file .seawallignore.yaml: ' +
        'used by apt-listchanges only, which talks to no proxy',
      'PYSEC-2023-74 requests@2.28.1 -> vex vex/demo-app.openvex.json: ' +
        'fixed: Rebuilt from 2.28.1 with upstream commit 74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5 applied.',
      'CVE-2010-4756 libc6@2.31-13+deb11u5 -> vex vex/demo-app.openvex.json: ' +
        'not_affected (vulnerable_code_cannot_be_controlled_by_adversary): ' +
        'No program in the image passes user input to glob(3).',
    ]);
    // the libwebp entry expired too, but matches nothing in this image
    assert.deepEqual(result.warnings, [
      '.seawallignore.yaml: entry 3 (DSA-5380-1) expired on 2024-06-30 and no longer suppresses',
    ]);
    assert.deepEqual(findings, before, 'the input is not changed');
    assert.deepEqual(
      result.findings.map(({ suppressed: _, ...rest }) => rest),
      findings,
      'nothing but `suppressed` is set',
    );
  });

  it('before the expiry date the ignore entry still suppresses, and nothing warns', () => {
    const result = applySuppressions(findings, rules, {
      now: new Date('2024-06-30T23:00:00Z'),
      imageIdentities: [MANIFEST],
    });
    assert.deepEqual(result.findings[0]!.suppressed, {
      kind: 'ignore-file',
      file: '.seawallignore.yaml',
      reason: 'no X server runs in the container; the package comes with a build dependency',
      expires: '2024-06-30',
    });
    assert.deepEqual(result.warnings, []);
  });

  it('VEX alone: image statements need the image identity', () => {
    const vexOnly = { vex: rules.vex };
    const now = new Date('2024-07-01T08:00:00Z');
    const known = applySuppressions(findings, vexOnly, { now, imageIdentities: [MANIFEST] });
    assert.deepEqual(
      known.findings.map((f) => f.suppressed?.reason.split(':')[0] ?? '-'),
      [
        '-', // affected (newest) overrides the older not_affected
        'not_affected (vulnerable_code_not_in_execute_path)',
        '-', // under_investigation does not suppress
        'fixed',
        'not_affected (vulnerable_code_cannot_be_controlled_by_adversary)',
      ],
    );
    const unknown = applySuppressions(findings, vexOnly, { now });
    assert.deepEqual(
      unknown.findings.map((f) => f.suppressed?.reason.split(':')[0] ?? '-'),
      ['-', '-', '-', 'fixed', '-'],
    );
  });

  it('the newest statement wins across documents; at the same time, the later document wins', () => {
    const doc = (status: string, timestamp: string, extra: Record<string, string>) =>
      parseVex(
        JSON.stringify({
          '@context': 'https://openvex.dev/ns/v0.2.0',
          '@id': `https://openvex.dev/docs/example/vex-${status}`,
          author: 'Demo',
          timestamp,
          version: 1,
          statements: [
            {
              vulnerability: { name: 'GHSA-xr7r-f8xq-vfvv' },
              products: [{ '@id': 'pkg:golang/github.com/opencontainers/runc' }],
              status,
              ...extra,
            },
          ],
        }),
        `${status}.json`,
      );
    const notAffected = doc('not_affected', '2024-02-01T00:00:00Z', {
      justification: 'vulnerable_code_not_in_execute_path',
    });
    const affected = doc('affected', '2024-02-01T00:00:00Z', { action_statement: 'Upgrade runc.' });
    const later = doc('affected', '2024-03-01T00:00:00Z', { action_statement: 'Upgrade runc.' });
    const runc = (vex: SuppressionRules['vex']) =>
      applySuppressions(findings, { vex }, { now: new Date('2024-07-01T00:00:00Z') }).findings[1]!
        .suppressed?.file;

    assert.equal(runc([{ file: 'a.json', statements: notAffected }]), 'a.json');
    assert.equal(
      runc([
        { file: 'a.json', statements: affected },
        { file: 'b.json', statements: notAffected },
      ]),
      'b.json',
    );
    assert.equal(
      runc([
        { file: 'a.json', statements: notAffected },
        { file: 'b.json', statements: affected },
      ]),
      undefined,
    );
    assert.equal(
      runc([
        { file: 'a.json', statements: later },
        { file: 'b.json', statements: notAffected },
      ]),
      undefined,
    );
  });

  it('the first live ignore entry wins; every expired entry that matches warns, once, sorted', () => {
    const first = parseIgnoreFile(
      [
        'vulnerabilities:',
        '  - id: CVE-2023-32681',
        '    expires: 2024-01-01',
        '    statement: old reason',
        '  - id: PYSEC-2023-74',
        '    statement: requests is only used against our own API',
        '  - id: GHSA-j8r2-6x86-q33q',
        '    statement: shadowed by entry 2',
      ].join('\n'),
      'team.yaml',
    );
    const second = parseIgnoreFile(
      'vulnerabilities:\n  - id: CVE-2024-21626\n    expires: 2024-02-01\n    statement: until the rebuild\n',
      'base.yaml',
    );
    const result = applySuppressions(
      findings,
      {
        ignore: [
          { file: 'team.yaml', rules: first },
          { file: 'base.yaml', rules: second },
        ],
      },
      { now: new Date('2024-07-01T00:00:00Z') },
    );
    assert.deepEqual(
      result.findings.map((f) => f.suppressed?.reason ?? '-'),
      [
        '-',
        '-',
        'requests is only used against our own API',
        'requests is only used against our own API',
        '-',
      ],
    );
    assert.deepEqual(result.warnings, [
      'base.yaml: entry 1 (CVE-2024-21626) expired on 2024-02-01 and no longer suppresses',
      'team.yaml: entry 1 (CVE-2023-32681) expired on 2024-01-01 and no longer suppresses',
    ]);
  });

  it('a finding already suppressed keeps its suppression', () => {
    const given = findings.map((f, i) =>
      i === 1
        ? { ...f, suppressed: { kind: 'vex' as const, file: 'earlier.json', reason: 'fixed' } }
        : f,
    );
    const result = applySuppressions(given, rules, {
      now: new Date('2024-07-01T00:00:00Z'),
      imageIdentities: [MANIFEST],
    });
    assert.deepEqual(result.findings[1]!.suppressed, {
      kind: 'vex',
      file: 'earlier.json',
      reason: 'fixed',
    });
  });

  it('no rules: the same findings, nothing suppressed', () => {
    const result = applySuppressions(findings, {}, { now: new Date('2024-07-01T00:00:00Z') });
    assert.deepEqual(result, { findings, warnings: [] });
  });
});
