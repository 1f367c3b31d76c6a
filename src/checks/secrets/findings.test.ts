import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecretEvidence } from '../../analyze/secrets.js';
import { secretFindings } from './findings.js';

const evidence: SecretEvidence[] = [
  {
    rule: 'SW-SEC-015',
    path: 'etc/app/config.yml',
    layer: 1,
    line: 2,
    masked: 'Xk9m********tW8z',
    deleted: false,
  },
  {
    rule: 'SW-SEC-001',
    path: 'root/.ssh/id_rsa',
    layer: 0,
    line: 1,
    masked: `MIIE${'*'.repeat(32)}AB==`,
    deleted: true,
  },
  {
    rule: 'SW-SEC-005',
    path: 'root/.aws/credentials',
    layer: 2,
    line: 3,
    masked: `FAKE${'*'.repeat(32)}FAKE`,
    deleted: false,
  },
];

describe('secret findings', () => {
  const findings = secretFindings(evidence);

  it('makes one finding per secret, most severe first', () => {
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity, f.location.path]),
      [
        ['SW-SEC-005', 'critical', 'root/.aws/credentials'],
        ['SW-SEC-001', 'high', 'root/.ssh/id_rsa'],
        ['SW-SEC-015', 'medium', 'etc/app/config.yml'],
      ],
    );
  });

  it('says where, shows the masked value, and maps to CIS 4.10', () => {
    const aws = findings[0]!;
    assert.equal(aws.kind, 'secret');
    assert.equal(aws.title, 'AWS secret access key');
    assert.deepEqual(aws.location, { path: 'root/.aws/credentials', line: 3, layer: 2 });
    assert.equal(aws.evidence, `FAKE${'*'.repeat(32)}FAKE`);
    assert.deepEqual(aws.frameworks, { 'cis-docker': ['4.10'], trivy: ['aws-secret-access-key'] });
    assert.ok(aws.remediation.length > 0 && aws.references.length > 0);
  });

  it('names the layer that still holds a deleted copy', () => {
    assert.equal(
      findings[1]!.title,
      'Private key (PEM) (deleted in a later layer, still in layer 0)',
    );
    assert.deepEqual(findings[1]!.location, { path: 'root/.ssh/id_rsa', line: 1, layer: 0 });
  });

  it('leaves out evidence of a rule it does not know', () => {
    assert.deepEqual(secretFindings([{ ...evidence[0]!, rule: 'SW-SEC-099' }]), []);
  });
});
