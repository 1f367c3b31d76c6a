import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext } from './context.js';
import { isRootUser, rootUserFindings } from './root-user.js';

const run = (inv: Parameters<typeof checkContext>[0]) => rootUserFindings(checkContext(inv));

describe('SW-IMG-001 root user', () => {
  it('takes root by name or UID 0, with any group, and an empty user part as root', () => {
    for (const user of [undefined, '', 'root', '0', '0:0', 'root:root', '0:1000', '000', ':1000'])
      assert.ok(isRootUser(user), String(user));
    for (const user of ['app', 'app:app', '10001', '10001:0', 'nobody', 'rootless', '1000:0'])
      assert.ok(!isRootUser(user), user);
  });

  it('fires on the classic builder fixture, naming the USER step', () => {
    const findings = run(fixtureInventory('classic-app.json'));
    assert.equal(findings.length, 1);
    assert.deepEqual(
      {
        id: findings[0]!.id,
        title: findings[0]!.title,
        location: findings[0]!.location,
        evidence: findings[0]!.evidence,
      },
      {
        id: 'SW-IMG-001',
        title: 'USER is root (config.User = "root")',
        location: { jsonPath: 'config.User' },
        evidence: 'history[10]: USER root',
      },
    );
    assert.deepEqual(findings[0]!.frameworks, {
      'cis-docker': ['4.1'],
      dockle: ['CIS-DI-0001'],
      trivy: ['DS002'],
    });
  });

  it('fires on BuildKit `USER 0:0`', () => {
    const [finding] = run(fixtureInventory('buildkit-app.json'));
    assert.equal(finding?.title, 'USER is root (config.User = "0:0")');
    assert.equal(finding?.evidence, 'history[11]: USER 0:0');
  });

  it('fires when no USER was ever set', () => {
    const [finding] = run(
      inventoryWith({
        history: [{ createdBy: 'RUN /bin/sh -c true # buildkit', emptyLayer: false }],
      }),
    );
    assert.equal(
      finding?.title,
      'USER is not set, so the container runs as root (config.User is empty)',
    );
    assert.equal(finding?.evidence, 'no USER instruction in the image history');
  });

  it('passes a non-root user, a Windows image and an inventory without a configuration', () => {
    assert.deepEqual(run(fixtureInventory('hardened.json')), []);
    assert.deepEqual(run(inventoryWith({ user: '10001:0' })), []);
    assert.deepEqual(
      run(inventoryWith({}, { platform: { os: 'windows', architecture: 'amd64' } })),
      [],
    );
    assert.deepEqual(run(inventoryWith(undefined, { kind: 'rootfs' })), []);
  });
});
