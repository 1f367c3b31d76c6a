import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { runtimeImage } from '../../testing/runtime-image.js';
import { removeContainer } from '../containers/remove-container.js';
import { readRecord } from './record-file.js';
import { recordContainer } from './record-container.js';

describe('recordContainer', { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'seawall-record-'));
  const stateDir = join(work, 'state');
  after(async () => {
    await removeContainer('record-duration', { force: true, stateDir }).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  it('stops the container after --duration and records its command, image digest, files and programs', async () => {
    const out = join(work, 'duration.jsonl');
    const result = await recordContainer({
      target: runtimeImage().serviceTarget,
      name: 'record-duration',
      stateDir,
      out,
      capture: true,
      network: 'none',
      command: ['/bin/sh', '-c', 'echo recorded > /tmp/marker; exec sleep 60'],
      durationSeconds: 2,
      stopTimeoutSeconds: 1,
    });
    assert.equal(result.stoppedByRecorder, true);
    // sleep is the container's pid 1, which the kernel shields from SIGTERM without a handler: SIGKILL ended it.
    assert.equal(result.exitCode, 137);
    const { header, summary } = await readRecord(out);
    assert.deepEqual(header.container.command, [
      '/bin/sh',
      '-c',
      'echo recorded > /tmp/marker; exec sleep 60',
    ]);
    assert.match(summary.container.imageDigest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(
      summary.processes.map((p) => p.path),
      ['/bin/sh', '/usr/bin/sleep'],
    );
    assert.ok(
      summary.files.some((f) => f.path === '/tmp/marker' && f.access.includes('create')),
      JSON.stringify(summary.files),
    );
    assert.ok(summary.durationSeconds >= 2 && summary.durationSeconds < 30);
    assert.equal(summary.lostEvents, 0);
  });

  it('refuses a duration that is not a positive number before starting anything', async () => {
    await assert.rejects(
      recordContainer({
        target: runtimeImage().serviceTarget,
        stateDir,
        out: join(work, 'never.jsonl'),
        durationSeconds: 0,
      }),
      (err: unknown) => err instanceof InputError && err.subject === '--duration',
    );
  });
});
