import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext, type SecretScan } from './context.js';
import { historySecretFindings } from './history-secrets.js';
import { maskSecret } from './mask.js';

const awsKeys: SecretScan = (text) =>
  [...text.matchAll(/AKIA[0-9A-Z]{16}/g)].map((m) => ({
    rule: 'aws-access-key-id',
    masked: maskSecret(m[0]),
  }));

const run = (inv: Parameters<typeof checkContext>[0], scan?: SecretScan, reported?: Set<string>) =>
  historySecretFindings(checkContext(inv, scan), reported);

const view = (findings: ReturnType<typeof run>) =>
  findings.map((f) => [f.title, f.location, f.evidence]);

describe('SW-IMG-004 secret in the image history', () => {
  it('classic builder: the build arg once, at the first RUN that saw it; the ENV the config holds is not its to report', () => {
    const findings = run(fixtureInventory('classic-app.json'));
    assert.deepEqual(view(findings), [
      [
        'Build argument NPM_TOKEN is recorded in the image history (history[3].created_by)',
        { jsonPath: 'history[3].created_by', layer: 1 },
        'NPM_TOKEN=npm_****************5c1e (also in history[4])',
      ],
    ]);
    assert.equal(findings[0]!.id, 'SW-IMG-004');
    assert.deepEqual(findings[0]!.frameworks, { 'cis-docker': ['4.10'], trivy: ['DS031'] });
    assert.ok(!JSON.stringify(findings).includes('npm_4f9c2d81b7e3a6055c1e'));
  });

  it('BuildKit: `RUN |1 GITHUB_TOKEN=...` and an ENV value overwritten later but still in history', () => {
    assert.deepEqual(view(run(fixtureInventory('buildkit-app.json'))), [
      [
        'Build argument GITHUB_TOKEN is recorded in the image history (history[6].created_by)',
        { jsonPath: 'history[6].created_by', layer: 5 },
        'GITHUB_TOKEN=gh-b*****************cdef (also in history[7])',
      ],
      [
        'ENV API_KEY is recorded in the image history though config.Env no longer holds it (history[8].created_by)',
        { jsonPath: 'history[8].created_by' },
        'API_KEY=sk_l************************p7dc',
      ],
    ]);
  });

  it('reports an ARG default, and passes declarations, placeholders and non-secret args', () => {
    const inv = inventoryWith({
      history: [
        { createdBy: '/bin/sh -c #(nop)  ARG DEPLOY_PASSWORD=hunter22', emptyLayer: true },
        { createdBy: 'ARG GITHUB_TOKEN', emptyLayer: true },
        { createdBy: 'ARG NPM_TOKEN=${NPM_TOKEN}', emptyLayer: true },
        {
          createdBy: 'RUN |2 APP_VERSION=1.4.2 GITHUB_TOKEN= /bin/sh -c make # buildkit',
          emptyLayer: false,
        },
      ],
    });
    assert.deepEqual(view(run(inv)), [
      [
        'ARG DEPLOY_PASSWORD has a secret default recorded in the image history (history[0].created_by)',
        { jsonPath: 'history[0].created_by' },
        'DEPLOY_PASSWORD=hu****22',
      ],
    ]);
    assert.deepEqual(run(fixtureInventory('hardened.json')), []);
  });

  it('asks the secret engine about each step, without the values already reported', () => {
    const inv = inventoryWith({
      env: ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'],
      history: [
        { createdBy: 'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', emptyLayer: true },
        {
          createdBy:
            'RUN /bin/sh -c aws configure set aws_access_key_id AKIAI44QH8DHBEXAMPLE # buildkit',
          emptyLayer: false,
        },
      ],
    });
    // The ENV the configuration still holds is SW-IMG-003's (its value is passed in as reported).
    assert.deepEqual(view(run(inv, awsKeys, new Set(['AKIAIOSFODNN7EXAMPLE']))), [
      [
        'Secret (aws-access-key-id) in the image history (history[1].created_by)',
        { jsonPath: 'history[1].created_by', layer: 0 },
        'AKIA************MPLE',
      ],
    ]);
  });
});
