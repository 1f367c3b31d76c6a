import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Inventory } from '../../model/inventory.js';
import { buildInventory } from '../../scan/build-inventory.js';
import { testImages } from '../../testing/images.js';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { IMAGE_CONFIG_RULES, imageConfigFindings } from './index.js';

const summary = (inv: Inventory) =>
  imageConfigFindings(inv).map((f) => [f.id, f.severity, f.location.jsonPath ?? f.location.path]);

describe('imageConfigFindings', () => {
  it('has one rule per id, all of kind image, inside SW-IMG-001 ... SW-IMG-019', () => {
    const ids = IMAGE_CONFIG_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of IMAGE_CONFIG_RULES) {
      assert.match(rule.id, /^SW-IMG-0(0[1-9]|1[0-9])$/);
      assert.equal(rule.kind, 'image');
      for (const list of Object.values(rule.frameworks)) assert.deepEqual(list, [...list].sort());
    }
  });

  it('the classic builder fixture, most severe first', () => {
    assert.deepEqual(summary(fixtureInventory('classic-app.json')), [
      ['SW-IMG-003', 'high', 'config.Env[1]'],
      ['SW-IMG-004', 'high', 'history[3].created_by'],
      ['SW-IMG-001', 'medium', 'config.User'],
      ['SW-IMG-002', 'medium', 'config.ExposedPorts["22/tcp"]'],
      ['SW-IMG-009', 'medium', 'history[3].created_by'],
      ['SW-IMG-005', 'low', 'config.Healthcheck'],
    ]);
  });

  it('the BuildKit fixture (a finding without a layer sorts before those with one)', () => {
    assert.deepEqual(
      summary(
        fixtureInventory('buildkit-app.json', {
          repoTags: ['registry.example.com/acme/app:latest'],
        }),
      ),
      [
        ['SW-IMG-004', 'high', 'history[8].created_by'],
        ['SW-IMG-004', 'high', 'history[6].created_by'],
        ['SW-IMG-001', 'medium', 'config.User'],
        ['SW-IMG-002', 'medium', 'config.ExposedPorts["22/tcp"]'],
        ['SW-IMG-008', 'medium', 'history[3].created_by'],
        ['SW-IMG-009', 'medium', 'history[1].created_by'],
        ['SW-IMG-005', 'low', 'config.Healthcheck.Test'],
        ['SW-IMG-006', 'low', 'config.Labels["org.opencontainers.image.base.name"]'],
        ['SW-IMG-007', 'low', undefined],
      ],
    );
  });

  it('the hardened fixture fires nothing, with or without the secret engine', () => {
    const inv = fixtureInventory('hardened.json');
    assert.deepEqual(imageConfigFindings(inv), []);
    assert.deepEqual(
      imageConfigFindings(inv, () => []),
      [],
    );
  });

  it('an inventory without an image configuration gets only the package checks', () => {
    assert.deepEqual(
      imageConfigFindings(inventoryWith(undefined, { kind: 'rootfs', repoTags: undefined })),
      [],
    );
  });

  it('one secret in config.Env is one finding, though the engine also sees it in the ENV history step', () => {
    const inv = inventoryWith({
      env: ['BOOTSTRAP=AKIAIOSFODNN7EXAMPLE'],
      user: 'app',
      healthcheck: ['CMD', 'true'],
      history: [{ createdBy: 'ENV BOOTSTRAP=AKIAIOSFODNN7EXAMPLE', emptyLayer: true }],
    });
    const scan = (text: string) =>
      text.includes('AKIAIOSFODNN7EXAMPLE')
        ? [{ rule: 'aws-access-key-id', masked: 'AKIA************MPLE' }]
        : [];
    assert.deepEqual(
      imageConfigFindings(inv, scan).map((f) => [f.id, f.location.jsonPath]),
      [['SW-IMG-003', 'config.Env[0]']],
    );
  });
});

describe('imageConfigFindings on the real minbase image (umoci: no USER, no HEALTHCHECK)', () => {
  let inventory: Inventory;
  before(async () => {
    inventory = await buildInventory(`oci:${testImages().oci}:base`, { noCache: true });
  });

  it('reads the configuration umoci wrote', () => {
    assert.deepEqual(inventory.target.config?.history, [
      { createdBy: 'debootstrap --variant=minbase --include=less bookworm', emptyLayer: false },
      { createdBy: 'CMD ["/bin/bash"]', emptyLayer: true },
    ]);
    assert.deepEqual(inventory.target.repoTags, ['base']);
    assert.ok(inventory.packages.length > 50 && !inventory.packages.some((p) => p.name === 'sudo'));
  });

  it('fires exactly root user and no HEALTHCHECK', () => {
    const findings = imageConfigFindings(inventory);
    assert.deepEqual(
      findings.map((f) => [f.id, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-001',
          'USER is not set, so the container runs as root (config.User is empty)',
          { jsonPath: 'config.User' },
          'no USER instruction in the image history',
        ],
        [
          'SW-IMG-005',
          'No HEALTHCHECK (config.Healthcheck is not set)',
          { jsonPath: 'config.Healthcheck' },
          undefined,
        ],
      ],
    );
  });
});
