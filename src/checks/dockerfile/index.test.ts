import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { DOCKERFILE_RULES, lintDockerfile } from './index.js';

const read = (name: string) => readFileSync(fixturePath('dockerfile', name), 'utf8');
const lint = (name: string) => lintDockerfile(read(name), `test/fixtures/dockerfile/${name}`);

/** Each rule's failing fixtures and the lines its findings must be on; its pass fixture must give none of it. */
const EXPECTED: Record<string, Record<string, number[]>> = {
  'SW-DF-001': { 'sw-df-001-fail.Dockerfile': [5], 'sw-df-001-fail-no-user.Dockerfile': [6] },
  'SW-DF-002': { 'sw-df-002-fail.Dockerfile': [2, 4] },
  'SW-DF-003': { 'sw-df-003-fail.Dockerfile': [3] },
  'SW-DF-004': { 'sw-df-004-fail.Dockerfile': [3, 4] },
  'SW-DF-005': { 'sw-df-005-fail.Dockerfile': [2] },
  'SW-DF-006': { 'sw-df-006-fail.Dockerfile': [2, 5] },
  'SW-DF-007': { 'sw-df-007-fail.Dockerfile': [1, 2] },
  'SW-DF-008': { 'sw-df-008-fail.Dockerfile': [3] },
  'SW-DF-009': { 'sw-df-009-fail.Dockerfile': [2] },
  'SW-DF-010': { 'sw-df-010-fail.Dockerfile': [2] },
  'SW-DF-011': { 'sw-df-011-fail.Dockerfile': [2, 3] },
  'SW-DF-012': { 'sw-df-012-fail.Dockerfile': [2] },
  'SW-DF-013': { 'sw-df-013-fail.Dockerfile': [2] },
  'SW-DF-014': { 'sw-df-014-fail.Dockerfile': [2] },
  'SW-DF-015': { 'sw-df-015-fail.Dockerfile': [2, 3] },
  'SW-DF-016': { 'sw-df-016-fail.Dockerfile': [2] },
  'SW-DF-017': { 'sw-df-017-fail.Dockerfile': [2] },
  'SW-DF-018': { 'sw-df-018-fail.Dockerfile': [2] },
  'SW-DF-019': { 'sw-df-019-fail.Dockerfile': [3] },
  'SW-DF-020': { 'sw-df-020-fail.Dockerfile': [3] },
  'SW-DF-021': { 'sw-df-021-fail.Dockerfile': [2] },
  'SW-DF-022': { 'sw-df-022-fail.Dockerfile': [2] },
  'SW-DF-023': { 'sw-df-023-fail.Dockerfile': [1, 4, 5] },
  'SW-DF-024': { 'sw-df-024-fail.Dockerfile': [1], 'sw-df-024-fail-none.Dockerfile': [2] },
  'SW-DF-025': { 'sw-df-025-fail.Dockerfile': [2] },
};

describe('lintDockerfile: one pass and one fail fixture per rule', () => {
  it('covers every rule, and every rule fixture is in the table', () => {
    assert.deepEqual(
      Object.keys(EXPECTED),
      DOCKERFILE_RULES.map((r) => r.id),
    );
    const files = readdirSync(fixturePath('dockerfile')).filter((f) => /^sw-df-/.test(f));
    const listed = Object.values(EXPECTED).flatMap((byFile) => Object.keys(byFile));
    const passes = Object.keys(EXPECTED).map((id) => `${id.toLowerCase()}-pass.Dockerfile`);
    assert.deepEqual([...files].sort(), [...listed, ...passes].sort());
  });

  for (const [id, byFile] of Object.entries(EXPECTED)) {
    for (const [file, lines] of Object.entries(byFile)) {
      it(`${id} fires in ${file} on lines ${lines.join(', ')}`, () => {
        const found = lint(file).filter((f) => f.id === id);
        assert.deepEqual(
          found.map((f) => f.location.line ?? 0).sort((a, b) => a - b),
          lines,
        );
        for (const f of found) assert.equal(f.location.path, `test/fixtures/dockerfile/${file}`);
      });
    }
    const pass = `${id.toLowerCase()}-pass.Dockerfile`;
    it(`${id} stays quiet in ${pass}`, () => {
      assert.deepEqual(
        lint(pass)
          .filter((f) => f.id === id)
          .map((f) => `${f.location.line}: ${f.title}`),
        [],
      );
    });
  }
});

describe('lintDockerfile on whole Dockerfiles', () => {
  it('finds nothing in a well-kept multi-stage Dockerfile', () => {
    assert.deepEqual(lint('clean.Dockerfile'), []);
  });

  it('reports a typical first-try Dockerfile rule by rule, most severe first', () => {
    const findings = lint('flask-app.Dockerfile');
    assert.deepEqual(
      findings.map((f) => [f.severity, f.id, f.location.line]),
      [
        ['high', 'SW-DF-001', 1],
        ['high', 'SW-DF-023', 4],
        ['medium', 'SW-DF-003', 11],
        ['medium', 'SW-DF-025', 5],
        ['low', 'SW-DF-004', 8],
        ['low', 'SW-DF-008', 6],
        ['low', 'SW-DF-009', 5],
        ['low', 'SW-DF-011', 7],
        ['low', 'SW-DF-011', 9],
        ['low', 'SW-DF-012', 6],
        ['low', 'SW-DF-014', 7],
        ['low', 'SW-DF-019', 12],
        ['low', 'SW-DF-020', 9],
        ['low', 'SW-DF-021', 10],
        ['low', 'SW-DF-024', 1],
      ],
    );
    const secret = findings.find((f) => f.id === 'SW-DF-023')!;
    assert.equal(secret.title, 'ENV SECRET_KEY holds a secret value');
    assert.equal(secret.evidence, 'ENV SECRET_KEY=7f************6b');
    assert.deepEqual(secret.frameworks, {
      'cis-docker': ['4.10'],
      hadolint: ['DL3064'],
      trivy: ['DS031'],
    });
    const pinned = findings.find((f) => f.id === 'SW-DF-012')!;
    assert.equal(
      pinned.title,
      'apt-get install without pinned versions: nginx, supervisor, openssh-server',
    );
    assert.equal(pinned.evidence, 'apt-get install -y nginx supervisor openssh-server');
    assert.equal(pinned.kind, 'dockerfile');
    assert.match(pinned.remediation, /Checked in every build stage\.$/);
  });

  it('keeps findings an inline ignore covers, marked suppressed, and reports the rest', () => {
    const findings = lint('suppressed.Dockerfile');
    assert.deepEqual(
      findings.map((f) => [f.id, f.location.line, f.suppressed?.reason ?? '']),
      [
        ['SW-DF-001', 12, 'inline ignore'],
        ['SW-DF-006', 12, 'inline ignore'],
        ['SW-DF-010', 14, 'inline ignore'],
        ['SW-DF-010', 15, ''],
        ['SW-DF-024', 12, 'inline ignore'],
      ],
    );
    assert.deepEqual(findings[0]!.suppressed, {
      kind: 'inline',
      file: 'test/fixtures/dockerfile/suppressed.Dockerfile',
      reason: 'inline ignore',
    });
  });

  it('keeps a PowerShell pipe and a Windows WORKDIR out of the POSIX rules', () => {
    assert.deepEqual(lint('escape-backtick.Dockerfile'), []);
  });

  it('gives each rule a unique id in its range, a kind, sorted framework ids and references', () => {
    const ids = DOCKERFILE_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of DOCKERFILE_RULES) {
      assert.match(rule.id, /^SW-DF-0\d\d$/);
      assert.equal(rule.kind, 'dockerfile');
      assert.ok(rule.references.length > 0, rule.id);
      assert.match(rule.remediation, /Checked in (every build stage|the final stage)/, rule.id);
      for (const list of Object.values(rule.frameworks)) assert.deepEqual(list, [...list].sort());
    }
  });

  it('returns nothing for text without instructions', () => {
    assert.deepEqual(lintDockerfile('# only a comment\n', 'Dockerfile'), []);
  });
});
