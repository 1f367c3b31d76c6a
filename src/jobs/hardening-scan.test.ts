// `seawall scan --scanners secret,config` end to end on images built in the test with umoci: planted secrets (key
// material generated now, tokens of the right shape made of fake characters), one of them deleted by a later layer
// and still reported with the layer that holds it; and the clean Debian minbase image, which has no secret.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScanReport } from '../detect/scan-report.js';
import { scratchDir } from '../testing/fixtures.js';
import { testImages } from '../testing/images.js';
import { runScanJob } from './scan-job.js';

const scratch = scratchDir('hardening-scan');
after(() => scratch.remove());

const AWS_KEY_ID = 'AKIA' + 'Q3EGXZ7TNB4MWK2P';
const GITHUB_TOKEN = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';

function umoci(...args: string[]): void {
  execFileSync('umoci', args, { cwd: scratch.dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** An image whose first layer plants three secrets and whose second layer deletes the private key. */
function buildPlantedImage(): string {
  const layout = join(scratch.dir, 'planted');
  umoci('init', '--layout', layout);
  umoci('new', '--image', `${layout}:app`);
  const bundle = join(scratch.dir, 'bundle');
  umoci('unpack', '--image', `${layout}:app`, bundle);
  const root = join(bundle, 'rootfs');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync(join(root, 'root/.ssh'), { recursive: true });
  writeFileSync(
    join(root, 'root/.ssh/deploy_key'),
    privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  );
  mkdirSync(join(root, 'srv/app'), { recursive: true });
  writeFileSync(
    join(root, 'srv/app/settings.env'),
    `AWS_ACCESS_KEY_ID=${AWS_KEY_ID}\nLOG_LEVEL=info\n`,
  );
  writeFileSync(
    join(root, 'srv/app/ci.sh'),
    `#!/bin/sh\ngit clone https://x:${GITHUB_TOKEN}@example.com/r\n`,
  );
  umoci('repack', '--image', `${layout}:app`, bundle);
  rmSync(bundle, { recursive: true, force: true });
  umoci('unpack', '--image', `${layout}:app`, bundle);
  rmSync(join(bundle, 'rootfs/root/.ssh/deploy_key'));
  umoci('repack', '--image', `${layout}:app`, bundle);
  rmSync(bundle, { recursive: true, force: true });
  return `oci:${layout}:app`;
}

async function scan(target: string): Promise<ScanReport> {
  const result = await runScanJob(target, {
    format: 'json',
    scanners: ['secret', 'config'],
    cacheDir: join(scratch.dir, 'cache'),
    failOn: 'high',
  });
  assert.deepEqual(result.errors, []);
  const report = JSON.parse(result.text) as ScanReport;
  assert.equal(
    result.gate,
    report.findings.some((f) => ['critical', 'high'].includes(f.severity)) ? 1 : 0,
  );
  return report;
}

describe('scan --scanners secret,config', () => {
  let planted: string;
  before(() => {
    planted = buildPlantedImage();
  });

  it('reports every planted secret, the deleted key with the layer that still holds it, masked', async () => {
    const report = await scan(planted);
    assert.deepEqual(report.scanners, ['config', 'secret']);
    assert.deepEqual(report.vulnerabilities, []);
    const secrets = report.findings.filter((f) => f.kind === 'secret');
    const byPath = new Map(secrets.map((f) => [f.location.path, f]));
    const key = byPath.get('root/.ssh/deploy_key');
    assert.ok(key, 'the deleted private key is reported');
    assert.equal(key.location.layer, 0);
    assert.match(key.title, /deleted/);
    const aws = byPath.get('srv/app/settings.env');
    assert.equal(aws?.location.line, 1);
    assert.equal(aws?.location.layer, 0);
    const github = byPath.get('srv/app/ci.sh');
    assert.equal(github?.location.line, 2);
    // Never the whole secret, anywhere in the report.
    const text = JSON.stringify(report);
    assert.ok(!text.includes(AWS_KEY_ID));
    assert.ok(!text.includes(GITHUB_TOKEN));
    assert.ok(!text.includes('PRIVATE KEY-----\nMII'));
    for (const f of secrets) assert.match(f.evidence ?? '', /\*/);
    // The image configuration checks ran too: umoci's image has no USER and no HEALTHCHECK.
    const ids = new Set(report.findings.map((f) => f.id));
    assert.ok(ids.has('SW-IMG-001') && ids.has('SW-IMG-005'));
  });

  it('finds no secret in the clean Debian minbase image', async () => {
    const report = await scan(`oci:${testImages().oci}:base`);
    assert.deepEqual(
      report.findings.filter((f) => f.kind === 'secret'),
      [],
    );
    assert.ok(
      report.findings.some((f) => f.id === 'SW-IMG-020'),
      'setuid files are reported',
    );
  });
});
