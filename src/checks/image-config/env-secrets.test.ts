import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext, type SecretScan } from './context.js';
import { envSecretFindings } from './env-secrets.js';
import { maskSecret } from './mask.js';

/** A stand-in for the secret engine: AWS access key ids. */
const awsKeys: SecretScan = (text) =>
  [...text.matchAll(/AKIA[0-9A-Z]{16}/g)].map((m) => ({
    rule: 'aws-access-key-id',
    masked: maskSecret(m[0]),
  }));

const run = (inv: Parameters<typeof checkContext>[0], scan?: SecretScan) =>
  envSecretFindings(checkContext(inv, scan));

describe('SW-IMG-003 secret in ENV', () => {
  it('fires on DB_PASSWORD in the classic fixture, masked, and not on GPG_KEY, *_FILE paths or switches', () => {
    const findings = run(fixtureInventory('classic-app.json'));
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-003',
          'high',
          'Secret-looking ENV DB_PASSWORD is set in the image (config.Env[1])',
          { jsonPath: 'config.Env[1]' },
          'DB_PASSWORD=Tr*******&3',
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, {
      'cis-docker': ['4.10'],
      dockle: ['CIS-DI-0010'],
      trivy: ['DS031'],
    });
    assert.ok(!JSON.stringify(findings).includes('Tr0ub4dor&3'), 'the value never appears whole');
  });

  it('passes an emptied variable and the hardened fixture (placeholders, paths, empty values)', () => {
    assert.deepEqual(run(fixtureInventory('buildkit-app.json')), []);
    assert.deepEqual(run(fixtureInventory('hardened.json')), []);
  });

  it('asks the secret engine about variables whose names say nothing', () => {
    const inv = inventoryWith({
      env: [
        'PATH=/usr/bin',
        'BOOTSTRAP=AKIAIOSFODNN7EXAMPLE',
        'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      ],
    });
    assert.deepEqual(
      run(inv, awsKeys).map((f) => [f.title, f.evidence]),
      [
        [
          'Secret (aws-access-key-id) in ENV BOOTSTRAP (config.Env[1])',
          'BOOTSTRAP: AKIA************MPLE',
        ],
        // Found by its name first: one finding, not two.
        [
          'Secret-looking ENV AWS_ACCESS_KEY_ID is set in the image (config.Env[2])',
          'AWS_ACCESS_KEY_ID=AKIA************MPLE',
        ],
      ],
    );
    assert.deepEqual(
      run(inv).map((f) => f.location.jsonPath),
      ['config.Env[2]'],
      'without the engine, only names count',
    );
  });
});
