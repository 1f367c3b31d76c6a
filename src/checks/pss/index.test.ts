import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import type { PodRef } from '../../config/reader.js';
import type { Finding } from '../../model/finding.js';
import { PSS_RULES, podSecurityFindings, pssChecksFor } from './index.js';
import { expectationOf, fixtureFiles, readManifest } from './pss-fixture.js';

const LEVELS = ['baseline', 'restricted'] as const;

function name(file: string): string {
  return file.slice(file.lastIndexOf('/pss/') + '/pss/'.length);
}

/** RFC 6902 add, replace and remove, strict about parents existing, as a patch consumer would be. */
function applyPatch(document: unknown, patch: NonNullable<Finding['patch']>): unknown {
  const copy = structuredClone(document);
  for (const op of patch) {
    const keys = op.path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop()!;
    let parent = copy as Record<string, unknown>;
    for (const key of keys) {
      parent = parent[key] as Record<string, unknown>;
      assert.ok(typeof parent === 'object' && parent !== null, `${op.path}: the parent exists`);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(index, 0, op.value);
      else {
        assert.ok(index < parent.length, `${op.path} exists`);
        if (op.op === 'replace') parent[index] = op.value;
        else parent.splice(index, 1);
      }
    } else {
      if (op.op !== 'add') assert.ok(Object.hasOwn(parent, last), `${op.path} exists`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    }
  }
  return copy;
}

function countById(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  return counts;
}

/** The same pod, read again from the document with the finding's patch applied. */
function patchedPod(pod: PodRef, finding: Finding): PodRef {
  const patched = applyPatch(pod.document.value, finding.patch!);
  const read = readManifest(pod.file, stringify(patched));
  const again = read.pods.find((p) => p.specPath.join('.') === pod.specPath.join('.'));
  assert.ok(again, 'the patched document still holds the pod');
  return again;
}

const files = [...fixtureFiles('controls'), ...fixtureFiles('workloads')];

describe('the acceptance rule: admitted at a level, no finding; refused, a finding at the field', () => {
  for (const file of files) {
    const pods = readManifest(file).pods;
    describe(name(file), () => {
      if (name(file).startsWith('controls/')) {
        it('has pods the admission controller admits and pods it refuses', () => {
          const verdicts = pods.flatMap((pod) =>
            LEVELS.map((level) => expectationOf(pod, level).admitted),
          );
          assert.ok(verdicts.includes(true), 'a pod that passes');
          assert.ok(verdicts.includes(false), 'a pod that fails');
        });
      }
      for (const pod of pods) {
        it(`${pod.resource.kind} ${pod.resource.name}`, () => {
          for (const level of LEVELS) {
            const expected = expectationOf(pod, level);
            const findings = podSecurityFindings([pod], level);
            const seen = findings.map((f) => `${f.id} ${f.location.jsonPath}`);
            if (expected.admitted) {
              assert.deepEqual(seen, [], `${level}: admitted, so no finding`);
              continue;
            }
            assert.ok(findings.length > 0, `${level}: refused, so at least one finding`);
            const paths = findings.map((f) => f.location.jsonPath);
            for (const field of expected.fields)
              assert.ok(
                paths.includes(field),
                `${level}: a finding at ${field}; got ${seen.join(', ')}`,
              );
            for (const f of findings) {
              assert.equal(f.location.path, pod.file);
              assert.ok(f.location.line! > 0, 'a line');
              assert.ok(f.resource?.startsWith(`${pod.resource.kind} `), 'the resource');
              assert.ok(
                f.frameworks.pss!.some(
                  (id) => level === 'restricted' || id.startsWith('baseline:'),
                ),
                `${f.id} is a ${level} control`,
              );
            }
          }
        });
      }
    });
  }

  it('exercises every rule', () => {
    const fired = new Set(
      files
        .flatMap((file) =>
          readManifest(file).pods.flatMap((pod) =>
            LEVELS.flatMap((level) => podSecurityFindings([pod], level)),
          ),
        )
        .map((f) => f.id),
    );
    assert.deepEqual(
      PSS_RULES.map((r) => r.id).filter((id) => !fired.has(id)),
      [],
    );
  });
});

describe('patches', () => {
  it('each fixes its finding, as a JSON Patch against the document as written, and breaks nothing else', () => {
    let applied = 0;
    for (const file of files) {
      for (const pod of readManifest(file).pods) {
        for (const level of LEVELS) {
          const before = podSecurityFindings([pod], level);
          for (const finding of before.filter((f) => f.patch)) {
            const after = countById(podSecurityFindings([patchedPod(pod, finding)], level));
            const label = `${name(file)} ${pod.resource.name} ${level} ${finding.id} ${finding.location.jsonPath}`;
            const was = countById(before);
            assert.ok((after.get(finding.id) ?? 0) < was.get(finding.id)!, `${label}: fixed`);
            for (const [id, count] of after)
              assert.ok(count <= (was.get(id) ?? 0), `${label}: no new ${id}`);
            applied++;
          }
        }
      }
    }
    assert.ok(applied > 100, `patches applied: ${applied}`);
  });
});

describe('PSS_RULES and the levels', () => {
  it('are config rules SW-CFG-100 to SW-CFG-149, unique, each mapped to a Pod Security Standards control', () => {
    const ids = PSS_RULES.map((r) => r.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
    for (const rule of PSS_RULES) {
      const n = Number(rule.id.slice('SW-CFG-'.length));
      assert.ok(rule.id.startsWith('SW-CFG-') && n >= 100 && n <= 149, rule.id);
      assert.equal(rule.kind, 'config');
      assert.ok(
        rule.frameworks.pss!.every((id) => /^(baseline|restricted):[a-zA-Z]+$/.test(id)),
        rule.id,
      );
      assert.ok(
        rule.references[0]!.startsWith(
          'https://kubernetes.io/docs/concepts/security/pod-security-standards',
        ),
      );
    }
  });

  it('restricted runs baseline but for the controls it enforces more strictly', () => {
    assert.deepEqual(
      pssChecksFor('baseline').map((c) => c.id),
      [
        'hostProcess',
        'hostNamespaces',
        'privileged',
        'capabilities_baseline',
        'hostPathVolumes',
        'hostPorts',
        'appArmorProfile',
        'seLinuxOptions',
        'procMount',
        'seccompProfile_baseline',
        'sysctls',
        'hostProbesAndHostLifecycle',
      ],
    );
    assert.deepEqual(
      pssChecksFor('restricted').map((c) => c.id),
      [
        'hostProcess',
        'hostNamespaces',
        'privileged',
        'hostPorts',
        'appArmorProfile',
        'seLinuxOptions',
        'sysctls',
        'hostProbesAndHostLifecycle',
        'restrictedVolumes',
        'allowPrivilegeEscalation',
        'runAsNonRoot',
        'runAsUser',
        'seccompProfile_restricted',
        'capabilities_restricted',
        'procMount_restricted',
      ],
    );
  });

  it('sorts the findings of many pods in the one check order', () => {
    const pods = files.flatMap((file) => readManifest(file).pods);
    const findings = podSecurityFindings(pods, 'restricted');
    const again = podSecurityFindings([...pods].reverse(), 'restricted');
    assert.deepEqual(
      findings.map((f) => [f.id, f.location.path, f.location.line, f.location.jsonPath, f.title]),
      again.map((f) => [f.id, f.location.path, f.location.line, f.location.jsonPath, f.title]),
    );
    assert.equal(findings[0]!.severity, 'high');
    assert.equal(findings[findings.length - 1]!.severity, 'low');
  });
});
