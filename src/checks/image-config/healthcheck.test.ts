import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext } from './context.js';
import { healthcheckFindings } from './healthcheck.js';

const run = (inv: Parameters<typeof checkContext>[0]) => healthcheckFindings(checkContext(inv));

describe('SW-IMG-005 no HEALTHCHECK', () => {
  it('fires, low, when the configuration has none', () => {
    const findings = run(fixtureInventory('classic-app.json'));
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity, f.title, f.location]),
      [
        [
          'SW-IMG-005',
          'low',
          'No HEALTHCHECK (config.Healthcheck is not set)',
          { jsonPath: 'config.Healthcheck' },
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, {
      'cis-docker': ['4.6'],
      dockle: ['CIS-DI-0006'],
      trivy: ['DS026'],
    });
  });

  it('fires when HEALTHCHECK NONE disables the inherited one', () => {
    assert.deepEqual(
      run(fixtureInventory('buildkit-app.json')).map((f) => [f.title, f.location.jsonPath]),
      [['HEALTHCHECK is disabled (config.Healthcheck.Test = ["NONE"])', 'config.Healthcheck.Test']],
    );
  });

  it('passes CMD-SHELL and CMD probes, and says nothing without a configuration', () => {
    assert.deepEqual(run(fixtureInventory('hardened.json')), []);
    assert.deepEqual(run(inventoryWith({ healthcheck: ['CMD', '/bin/probe'] })), []);
    assert.deepEqual(run(inventoryWith(undefined)), []);
  });
});
