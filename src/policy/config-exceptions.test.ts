import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import type { Finding } from '../model/finding.js';
import { fixturePath } from '../testing/fixtures.js';
import {
  applyConfigExceptions,
  loadConfigExceptions,
  parseConfigExceptions,
  type ConfigException,
} from './config-exceptions.js';

const file = fixturePath('config-exceptions', 'exceptions.yaml');
const now = new Date('2026-03-01T12:00:00Z');

/** A configuration finding as containerConfigFindings writes them. */
function finding(
  id: string,
  resource: string,
  path: string,
  kind: Finding['kind'] = 'config',
): Finding {
  return {
    id,
    kind,
    severity: 'high',
    title: `t (${resource})`,
    location: { path, jsonPath: '$.spec' },
    remediation: 'r',
    references: [],
    frameworks: {},
    resource,
  };
}

const parse = (text: string) => parseConfigExceptions(text, 'x.yaml');
const problem = (text: string) => {
  try {
    parse(text);
  } catch (err) {
    assert.ok(err instanceof InputError);
    return err.message;
  }
  assert.fail('expected an InputError');
};

describe('loadConfigExceptions', () => {
  it('reads every entry, in file order, control ids in upper case', () => {
    const exceptions = loadConfigExceptions(file);
    assert.deepEqual(
      exceptions.map(({ source, ...e }) => {
        assert.equal(source, file);
        return e;
      }),
      [
        {
          entry: 1,
          control: 'SW-CFG-006',
          resource: { kind: 'Deployment', namespace: 'monitoring', name: 'node-exporter' },
          reason: "node-exporter reads the host's network statistics",
          owner: 'platform-team',
        },
        {
          entry: 2,
          control: 'SW-CFG-001',
          resource: { kind: 'DaemonSet', name: 'csi-*' },
          file: 'deploy/storage/**',
          reason: 'CSI node plugins mount volumes for the kubelet',
          owner: 'storage-team',
          expires: { text: '2027-06-30', endsAt: Date.UTC(2027, 6, 1) },
        },
        {
          entry: 3,
          control: '*',
          file: 'examples/**',
          reason: 'examples are never deployed',
          owner: 'docs-team',
        },
        {
          entry: 4,
          control: 'SW-CFG-009',
          resource: { name: 'ci-runner' },
          reason: "the CI runner builds images through the host's Docker",
          owner: 'ci-team',
          expires: { text: '2024-12-31', endsAt: Date.UTC(2025, 0, 1) },
        },
      ],
    );
  });

  it('names the file when it cannot be read, and excepts nothing for an empty file', () => {
    assert.throws(
      () => loadConfigExceptions(fixturePath('config-exceptions', 'missing.yaml')),
      (err) => err instanceof InputError && err.subject.endsWith('missing.yaml'),
    );
    assert.deepEqual(parse(''), []);
    assert.deepEqual(parse('exceptions: []'), []);
  });

  it('refuses entries without reason or owner, naming the file and the entry', () => {
    const entry = (lines: string[]) =>
      ['exceptions:', '  - control: SW-CFG-001', '    file: a.yaml', ...lines].join('\n');
    assert.equal(
      problem(entry(['    owner: me'])),
      'x.yaml: exception 1: `reason` is required: say why the workload may fail the control',
    );
    assert.equal(
      problem(entry(['    reason: needed'])),
      'x.yaml: exception 1: `owner` is required: name who answers for the exception',
    );
    assert.equal(
      problem(entry(['    reason: "  "', '    owner: me'])),
      'x.yaml: exception 1: `reason` must be non-empty text',
    );
  });

  it('refuses bad controls, scopes, keys and dates', () => {
    const base = '    reason: r\n    owner: o';
    const cases: [string, string][] = [
      [
        '  - control: SW-IMG-001\n    file: a\n' + base,
        'exception 1: `control` must be a configuration rule id (SW-CFG-004) or "*", not "SW-IMG-001"',
      ],
      ['  - file: a\n' + base, 'exception 1: `control` is required'],
      [
        '  - control: SW-CFG-001\n' + base,
        'exception 1: needs `resource` or `file`: to silence a control everywhere, use a `findings:` entry of .seawallignore.yaml',
      ],
      [
        '  - control: SW-CFG-001\n    resource: {}\n' + base,
        'exception 1: `resource` needs at least one of kind, namespace, name',
      ],
      [
        '  - control: SW-CFG-001\n    resource: { image: x }\n' + base,
        'exception 1: unknown key "image" in `resource` (expected kind, namespace, name)',
      ],
      [
        '  - control: SW-CFG-001\n    files: a\n' + base,
        'exception 1: unknown key "files" (expected control, resource, file, reason, owner, expires)',
      ],
      [
        '  - control: SW-CFG-001\n    file: a\n    expires: 2027-02-30\n' + base,
        'exception 1: `expires` must be a date (2027-01-31) or a date-time with a time zone (2027-01-31T18:00:00Z), not "2027-02-30"',
      ],
      [
        '  - control: SW-CFG-001\n    file: a\n    expires: 2027-01-31T10:00:00\n' + base,
        'exception 1: `expires` must be a date (2027-01-31) or a date-time with a time zone (2027-01-31T18:00:00Z), not "2027-01-31T10:00:00"',
      ],
    ];
    for (const [entry, message] of cases) {
      assert.equal(problem(`exceptions:\n${entry}`), `x.yaml: ${message}`);
    }
    assert.equal(
      problem('rules: []'),
      'x.yaml: unknown key "rules" at the top level (expected exceptions)',
    );
    assert.equal(problem('exceptions: {}'), 'x.yaml: `exceptions` must be a list');
    assert.match(problem('exceptions: [\n'), /^x\.yaml: not valid YAML: /);
    assert.equal(
      problem('exceptions:\n  - control: SW-CFG-001\n    file: a\n' + base + '\n  - 3'),
      'x.yaml: exception 2: expected a mapping with `control`, `resource` or `file`, `reason` and `owner`',
    );
  });
});

describe('applyConfigExceptions', () => {
  const exceptions = loadConfigExceptions(file);
  const findings = [
    finding(
      'SW-CFG-006',
      'Deployment monitoring/node-exporter, container exporter',
      'deploy/monitoring.yaml',
    ),
    finding('SW-CFG-006', 'Deployment default/web, container app', 'deploy/web.yaml'),
    finding(
      'SW-CFG-001',
      'DaemonSet kube-system/csi-node, containers driver, registrar',
      'deploy/storage/csi.yaml',
    ),
    finding('SW-CFG-001', 'DaemonSet kube-system/csi-node, container driver', 'other/csi.yaml'),
    finding('SW-CFG-016', 'service db (compose)', 'examples/compose.yaml'),
    finding('SW-CFG-009', 'service ci-runner (compose)', 'ci/compose.yaml'),
    finding('SW-IMG-005', 'service db (compose)', 'examples/compose.yaml', 'image'),
  ];

  it('suppresses by control and workload, file, or both, and keeps the finding', () => {
    const { findings: out, warnings } = applyConfigExceptions(findings, exceptions, now);
    assert.equal(out.length, findings.length);
    assert.deepEqual(
      out.map((f) => f.suppressed ?? null),
      [
        {
          kind: 'ignore-file',
          file,
          reason: "node-exporter reads the host's network statistics (owner platform-team)",
        },
        null, // another workload
        {
          kind: 'ignore-file',
          file,
          reason: 'CSI node plugins mount volumes for the kubelet (owner storage-team)',
          expires: '2027-06-30',
        },
        null, // the same workload in a file the glob does not match
        { kind: 'ignore-file', file, reason: 'examples are never deployed (owner docs-team)' },
        null, // expired
        null, // `*` covers configuration controls only
      ],
    );
    assert.deepEqual(warnings, [
      `${file}: exception 4 (SW-CFG-009, * ci-runner) expired on 2024-12-31 and no longer suppresses`,
    ]);
  });

  it('suppresses up to the end of the expiry day, then warns once per exception', () => {
    const csi = [findings[2]!, { ...findings[2]!, location: { path: 'deploy/storage/b.yaml' } }];
    const lastDay = applyConfigExceptions(csi, exceptions, new Date('2027-06-30T23:59:59Z'));
    assert.ok(lastDay.findings.every((f) => f.suppressed));
    assert.deepEqual(lastDay.warnings, []);
    const after = applyConfigExceptions(csi, exceptions, new Date('2027-07-01T00:00:00Z'));
    assert.ok(after.findings.every((f) => !f.suppressed));
    assert.deepEqual(after.warnings, [
      `${file}: exception 2 (SW-CFG-001, DaemonSet csi-*, file deploy/storage/**) expired on 2027-06-30 and no longer suppresses`,
    ]);
  });

  it('says nothing about an expired exception that matches no finding', () => {
    assert.deepEqual(applyConfigExceptions(findings.slice(0, 2), exceptions, now).warnings, []);
  });

  it('keeps an earlier suppression, and takes the workload from resourceOf when given', () => {
    const already: Finding = {
      ...findings[1]!,
      suppressed: { kind: 'inline', file: 'deploy/web.yaml', reason: 'reviewed' },
    };
    assert.deepEqual(
      applyConfigExceptions([already], exceptions, now).findings[0]!.suppressed,
      already.suppressed,
    );

    const custom: ConfigException[] = parse(
      'exceptions:\n  - control: SW-CFG-006\n    resource: { kind: deployment, namespace: default, name: web }\n    reason: r\n    owner: o',
    );
    const bare = { ...findings[1]!, resource: undefined };
    assert.equal(applyConfigExceptions([bare], custom, now).findings[0]!.suppressed, undefined);
    const resourceOf = () => ({
      kind: 'Deployment',
      namespace: 'default',
      name: 'web',
      file: 'deploy/web.yaml',
    });
    assert.equal(
      applyConfigExceptions([bare], custom, now, resourceOf).findings[0]!.suppressed?.reason,
      'r (owner o)',
    );
  });
});
