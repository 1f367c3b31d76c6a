import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { startRegistry } from './registry.js';
import { processAlive } from './ports.js';

test(
  'startRegistry answers /v2/ and stop() leaves no process and no files behind',
  { timeout: 60_000 },
  async () => {
    const registry = await startRegistry();
    assert.match(registry.host, /^127\.0\.0\.1:\d+$/);
    const response = await fetch(`http://${registry.host}/v2/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('docker-distribution-api-version'), 'registry/2.0');
    assert.ok(processAlive(registry.pid));
    await registry.stop();
    assert.equal(processAlive(registry.pid), false);
    assert.equal(existsSync(registry.storageDir), false);
    await registry.stop(); // a second stop is harmless
  },
);
