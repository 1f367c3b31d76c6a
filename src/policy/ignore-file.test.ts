import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { InputError } from '../errors.js';
import { fixturePath } from '../testing/fixtures.js';
import {
  ignoreRuleExpired,
  ignoreRuleMatches,
  loadIgnoreFile,
  parseIgnoreFile,
  type IgnoreRule,
} from './ignore-file.js';
import { parsePurl } from './purl-match.js';

const findings = JSON.parse(
  readFileSync(fixturePath('suppressions', 'findings.json'), 'utf8'),
) as VulnerabilityFinding[];
const ignorePath = fixturePath('suppressions', '.seawallignore.yaml');

/** `ID@VERSION` of the findings the rule names. */
function matched(rule: IgnoreRule): string[] {
  return findings
    .filter((f) => ignoreRuleMatches(rule, f, parsePurl(f.package.purl)))
    .map((f) => `${f.id} ${f.package.name}@${f.package.version}`);
}

describe('loadIgnoreFile on the demo application file', () => {
  const rules = loadIgnoreFile(ignorePath);

  it('reads every entry, in file order', () => {
    assert.deepEqual(
      rules.map(({ scope, ...r }) => {
        assert.equal(scope, 'vulnerability');
        return { ...r, purls: r.purls.map((p) => p.text) };
      }),
      [
        {
          entry: 1,
          id: 'CVE-2024-21626',
          purls: ['pkg:golang/github.com/opencontainers/runc'],
          paths: ['/usr/local/bin/**'],
          expires: { text: '2027-01-31', endsAt: Date.UTC(2027, 1, 1) },
          statement:
            'runc is shipped for `runc list` in the health check only; it never starts a container here',
        },
        {
          entry: 2,
          id: 'GHSA-j8r2-6x86-q33q',
          purls: [],
          paths: ['usr/lib/python3/dist-packages/**'],
          statement: 'used by apt-listchanges only, which talks to no proxy',
        },
        {
          entry: 3,
          id: 'DSA-5380-1',
          purls: ['pkg:deb/debian/xserver-xorg-core@2%3A1.20.11-1%2Bdeb11u5?arch=amd64'],
          paths: [],
          expires: { text: '2024-06-30', endsAt: Date.UTC(2024, 6, 1) },
          statement: 'no X server runs in the container; the package comes with a build dependency',
        },
        {
          entry: 4,
          id: 'CVE-2023-4863',
          purls: ['pkg:deb/debian/libwebp6'],
          paths: [],
          expires: { text: '2024-01-31T12:00:00Z', endsAt: Date.UTC(2024, 0, 31, 12) },
          statement: 'we never decode WebP images',
        },
      ],
    );
  });

  it('matches through aliases, and only the packages and locations it names', () => {
    // GO-2024-2491 by its CVE alias, the binary's location under the rooted glob
    assert.deepEqual(matched(rules[0]!), ['GO-2024-2491 github.com/opencontainers/runc@v1.1.11']);
    // Debian's copy of requests, not the venv's
    assert.deepEqual(matched(rules[1]!), ['PYSEC-2023-74 requests@2.25.1']);
    // the percent-encoded epoch and '+' name the same deb
    assert.deepEqual(matched(rules[2]!), ['DSA-5380-1 xserver-xorg-core@2:1.20.11-1+deb11u5']);
    assert.deepEqual(matched(rules[3]!), []);
  });

  it('ids compare without case', () => {
    const [rule] = parseIgnoreFile(
      'vulnerabilities:\n  - id: ghsa-XR7R-F8XQ-VFVV\n    statement: runc list only\n',
      'inline',
    );
    assert.deepEqual(matched(rule!), ['GO-2024-2491 github.com/opencontainers/runc@v1.1.11']);
  });

  it('a date suppresses to the end of that day in UTC; a date-time up to its instant', () => {
    const xorg = rules[2]!;
    assert.equal(ignoreRuleExpired(xorg, new Date('2024-06-30T23:59:59.999Z')), false);
    assert.equal(ignoreRuleExpired(xorg, new Date('2024-07-01T00:00:00Z')), true);
    const webp = rules[3]!;
    assert.equal(ignoreRuleExpired(webp, new Date('2024-01-31T11:59:59Z')), false);
    assert.equal(ignoreRuleExpired(webp, new Date('2024-01-31T12:00:00Z')), true);
    assert.equal(ignoreRuleExpired(rules[1]!, new Date('2999-01-01T00:00:00Z')), false);
  });

  it('an empty file or an empty list suppresses nothing', () => {
    assert.deepEqual(parseIgnoreFile('', 'empty'), []);
    assert.deepEqual(parseIgnoreFile('# nothing yet\n', 'empty'), []);
    assert.deepEqual(parseIgnoreFile('vulnerabilities: []\n', 'empty'), []);
    assert.deepEqual(parseIgnoreFile('vulnerabilities:\n', 'empty'), []);
  });
});

describe('loadIgnoreFile on broken files', () => {
  const cases: [file: string, message: string][] = [
    ['not-yaml.yaml', 'not valid YAML: '],
    [
      'unknown-key.yaml',
      'entry 2: unknown key "reason" (expected id, purls, paths, expires, statement)',
    ],
    [
      'bad-date.yaml',
      'entry 3: CVE-2024-21626: `expires` must be a date (2027-01-31) or a date-time with a time zone ' +
        '(2027-01-31T18:00:00Z), not "2027-02-30"',
    ],
    ['wrong-type.yaml', 'entry 1: CVE-2023-4863: `purls` must be a list of strings'],
    [
      'missing-statement.yaml',
      'entry 1: CVE-2023-4863: `statement` is required: say why the finding does not matter',
    ],
    ['top-level-list.yaml', 'expected a mapping with a `vulnerabilities` list at the top level'],
  ];
  for (const [file, message] of cases) {
    it(file, () => {
      const path = fixturePath('suppressions', 'broken', file);
      assert.throws(
        () => loadIgnoreFile(path),
        (err: unknown) =>
          err instanceof InputError && err.subject === path && err.problem.startsWith(message),
      );
    });
  }

  const inline: [text: string, message: string][] = [
    [
      'vulnerability:\n  - id: X\n',
      'unknown key "vulnerability" at the top level (expected findings, vulnerabilities)',
    ],
    ['vulnerabilities: {id: CVE-2024-21626}\n', '`vulnerabilities` must be a list'],
    [
      'vulnerabilities:\n  - CVE-2024-21626\n',
      'entry 1: expected a mapping with at least `id` and `statement`',
    ],
    ['vulnerabilities:\n  - statement: why\n', 'entry 1: `id` is required'],
    [
      'vulnerabilities:\n  - id: 2024\n    statement: why\n',
      'entry 1: `id` must be an advisory id such as CVE-2024-21626 or GHSA-xr7r-f8xq-vfvv',
    ],
    [
      'vulnerabilities:\n  - id: CVE-1\n    statement: "  "\n',
      'entry 1: CVE-1: `statement` must be non-empty text',
    ],
    [
      'vulnerabilities:\n  - id: CVE-1\n    statement: why\n    purls: [libwebp7]\n',
      'entry 1: CVE-1: not a package URL in `purls`: "libwebp7"',
    ],
    [
      'vulnerabilities:\n  - id: CVE-1\n    statement: why\n    paths: [usr/lib, 3]\n',
      'entry 1: CVE-1: `paths` must be a list of non-empty strings',
    ],
    [
      'vulnerabilities:\n  - id: CVE-1\n    statement: why\n    expires: 2027-01-31T18:00:00\n',
      'entry 1: CVE-1: `expires` must be a date (2027-01-31) or a date-time with a time zone',
    ],
    [
      'vulnerabilities:\n  - id: CVE-1\n    statement: why\n    expires: 20270131\n',
      'entry 1: CVE-1: `expires` must be a date',
    ],
    ['vulnerabilities:\n  - id: CVE-1\n    id: CVE-2\n', 'not valid YAML: Map keys must be unique'],
  ];
  for (const [text, message] of inline) {
    it(message, () => {
      assert.throws(
        () => parseIgnoreFile(text, 'policy.yaml'),
        (err: unknown) =>
          err instanceof InputError &&
          err.message.startsWith(`policy.yaml: ${message}`) &&
          !err.message.includes('\n'),
      );
    });
  }

  it('a missing file is an input error naming it', () => {
    const path = fixturePath('suppressions', 'no-such.seawallignore.yaml');
    assert.throws(
      () => loadIgnoreFile(path),
      (err: unknown) =>
        err instanceof InputError &&
        err.subject === path &&
        /cannot read the ignore file: ENOENT/.test(err.problem),
    );
  });
});
