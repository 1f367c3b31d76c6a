import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext } from './context.js';
import { sshPortFindings } from './ssh-port.js';

const run = (inv: Parameters<typeof checkContext>[0]) => sshPortFindings(checkContext(inv));

describe('SW-IMG-002 port 22 exposed', () => {
  it('fires on classic `EXPOSE 22 8080`', () => {
    const findings = run(fixtureInventory('classic-app.json'));
    assert.deepEqual(
      findings.map((f) => [f.id, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-002',
          'Port 22 (SSH) is exposed (config.ExposedPorts["22/tcp"])',
          { jsonPath: 'config.ExposedPorts["22/tcp"]' },
          'history[9]: EXPOSE 22 8080',
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, { trivy: ['DS004'] });
  });

  it('fires on BuildKit `EXPOSE map[22/tcp:{}]`', () => {
    const [finding] = run(fixtureInventory('buildkit-app.json'));
    assert.equal(finding?.evidence, 'history[10]: EXPOSE map[22/tcp:{} 8443/tcp:{}]');
  });

  it('fires on a bare `22` without a history step', () => {
    assert.deepEqual(
      run(inventoryWith({ exposedPorts: ['22'] })).map((f) => [f.location.jsonPath, f.evidence]),
      [['config.ExposedPorts["22"]', '22']],
    );
  });

  it('passes other ports, 22/udp (SSH is TCP) and 2222', () => {
    assert.deepEqual(run(fixtureInventory('hardened.json')), []);
    assert.deepEqual(run(inventoryWith({ exposedPorts: ['22/udp', '2222/tcp', '220/tcp'] })), []);
  });
});
