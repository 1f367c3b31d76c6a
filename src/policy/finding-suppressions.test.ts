// `findings:` entries of .seawallignore.yaml on hardening findings: by rule id and path glob, with a statement, and an
// expired entry that stops suppressing and says so.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingOf, type Rule } from '../model/finding.js';
import { suppressFindings } from './finding-suppressions.js';
import { parseIgnoreFile } from './ignore-file.js';

const SETUID: Rule = {
  id: 'SW-IMG-020',
  kind: 'image',
  severity: 'low',
  title: 'setuid or setgid file',
  remediation: 'Remove the bit',
  references: [],
  frameworks: { 'cis-docker': ['4.8'] },
};

const su = findingOf(SETUID, { path: 'usr/bin/su', layer: 0 });
const mount = findingOf(SETUID, { path: 'usr/bin/mount', layer: 0 });

describe('suppressFindings', () => {
  const rules = parseIgnoreFile(
    [
      'vulnerabilities:',
      '  - id: CVE-2024-21626',
      '    statement: not used',
      'findings:',
      '  - id: sw-img-020',
      '    paths: ["usr/bin/su"]',
      '    statement: su is needed by the entrypoint',
      '  - id: SW-IMG-020',
      '    paths: ["usr/bin/mount"]',
      '    expires: 2026-01-31',
      '    statement: until the base image drops mount',
    ].join('\n'),
    '.seawallignore.yaml',
  );

  it('reads `findings:` entries apart from `vulnerabilities:`', () => {
    assert.deepEqual(
      rules.map((r) => [r.scope, r.entry, r.id]),
      [
        ['vulnerability', 1, 'CVE-2024-21626'],
        ['finding', 1, 'sw-img-020'],
        ['finding', 2, 'SW-IMG-020'],
      ],
    );
  });

  it('suppresses by id and path, keeps the finding, and warns about an expired entry', () => {
    const { findings, warnings } = suppressFindings(
      [su, mount],
      [{ file: '.seawallignore.yaml', rules }],
      new Date('2026-11-23T00:00:00Z'),
    );
    assert.deepEqual(findings[0]!.suppressed, {
      kind: 'ignore-file',
      file: '.seawallignore.yaml',
      reason: 'su is needed by the entrypoint',
    });
    assert.equal(findings[1]!.suppressed, undefined);
    assert.deepEqual(warnings, [
      '.seawallignore.yaml: findings entry 2 (SW-IMG-020) expired on 2026-01-31 and no longer suppresses',
    ]);
  });

  it('refuses a purls key in a findings entry, naming the entry', () => {
    assert.throws(
      () =>
        parseIgnoreFile(
          'findings:\n  - id: SW-IMG-020\n    purls: []\n    statement: x\n',
          'f.yaml',
        ),
      /f\.yaml: findings entry 1: unknown key "purls"/,
    );
  });
});
