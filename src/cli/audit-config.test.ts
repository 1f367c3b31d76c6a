// `seawall audit` on container configurations as users run it: several files and a directory in one call, standard
// input, the Pod Security profiles (an accepted pod gives nothing, a rejected one names the field), exceptions with
// an expired entry, and malformed YAML as exit 2 with the file and line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixturePath, repoRoot, scratchDir } from '../testing/fixtures.js';

function seawall(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'seawall.js'), ...args], {
    encoding: 'utf8',
    input,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  findings: {
    id: string;
    location: { path: string; line?: number; jsonPath?: string };
    suppressed?: { reason: string };
    patch?: unknown[];
  }[];
}

const scratch = scratchDir('audit-config');
after(() => scratch.remove());

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: ops
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

const RESTRICTED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: api
      image: example/api:1.4.2
      securityContext:
        allowPrivilegeEscalation: false
        capabilities:
          drop: ["ALL"]
`;

describe('seawall audit on container configurations', () => {
  it('audits files and a directory together, locating each finding at the file as given', () => {
    const deployment = fixturePath('container-config', 'insecure-deployment.yaml');
    const compose = fixturePath('config', 'compose', 'fail-shop.compose.yaml');
    const dir = fixturePath('config', 'docker-inspect');
    const r = seawall(['audit', deployment, compose, dir, '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const paths = new Set((JSON.parse(r.stdout) as Report).findings.map((f) => f.location.path));
    assert.ok(paths.has(deployment));
    assert.ok(paths.has(compose));
    assert.ok(paths.has(join(dir, 'fail-node-agent-and-shop-web.json')));
  });

  it('reads standard input, names the field, and attaches a JSON patch', () => {
    const r = seawall(
      ['audit', '-', '--profile', 'pss-baseline', '-f', 'json', '--fail-on', 'high'],
      PRIVILEGED_POD,
    );
    assert.equal(r.code, 1, r.stderr);
    const findings = (JSON.parse(r.stdout) as Report).findings;
    const privileged = findings.find(
      (f) => f.location.jsonPath === '$.spec.containers[0].securityContext.privileged',
    );
    assert.ok(privileged, JSON.stringify(findings));
    assert.equal(privileged.location.path, '-');
    assert.equal(privileged.location.line, 11);
    assert.ok(Array.isArray(privileged.patch) && privileged.patch.length > 0);
  });

  it('gives no finding for a pod the restricted level accepts, under either Pod Security profile', () => {
    const file = join(scratch.dir, 'api.yaml');
    writeFileSync(file, RESTRICTED_POD);
    for (const profile of ['pss-baseline', 'pss-restricted'])
      assert.deepEqual(
        (JSON.parse(seawall(['audit', file, '--profile', profile, '-f', 'json']).stdout) as Report)
          .findings,
        [],
      );
  });

  it('applies exceptions, and reports an expired one without suppressing', () => {
    const file = join(scratch.dir, 'debug.yaml');
    writeFileSync(file, PRIVILEGED_POD);
    const exceptions = join(scratch.dir, 'exceptions.yaml');
    writeFileSync(
      exceptions,
      [
        'exceptions:',
        '  - control: SW-CFG-001',
        '    resource: {kind: Pod, namespace: ops, name: debug}',
        '    reason: break-glass debug pod',
        '    owner: platform-team',
        '  - control: SW-CFG-102',
        '    resource: {kind: Pod, namespace: ops, name: debug}',
        '    reason: temporary',
        '    owner: platform-team',
        '    expires: 2020-01-01',
      ].join('\n'),
    );
    const r = seawall(['audit', file, '--exceptions', exceptions, '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const findings = (JSON.parse(r.stdout) as Report).findings;
    assert.match(
      findings.find((f) => f.id === 'SW-CFG-001')?.suppressed?.reason ?? '',
      /break-glass/,
    );
    assert.equal(findings.find((f) => f.id === 'SW-CFG-102')?.suppressed, undefined);
    assert.match(r.stderr, /expired on 2020-01-01/);
  });

  it('refuses malformed YAML with exit 2, naming the file and the line', () => {
    const file = join(scratch.dir, 'broken.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n');
    const r = seawall(['audit', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.yaml: line \d+: /);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.ok(readFileSync(file, 'utf8').includes('unclosed'), 'the input is left as it was');
  });
});
