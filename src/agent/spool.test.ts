import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ContainerEvent } from '../server/store/types.js';
import { scratchDir } from '../testing/fixtures.js';
import { Spool, coalesceEvents } from './spool.js';

const image = { digest: `sha256:${'1'.repeat(64)}`, digestKind: 'image' as const };
const start = (id: string, startedAt = '2024-05-02T09:00:00.000Z'): ContainerEvent => ({
  host: 'h1',
  runtime: 'docker',
  containerId: id,
  image,
  labels: {},
  startedAt,
});
const stop = (id: string, stoppedAt: string): ContainerEvent => ({ ...start(id), stoppedAt });

describe('Spool', () => {
  const scratch = scratchDir('spool');
  after(() => scratch.remove());

  it('appends durably and reads back in order; replace drops what was acknowledged', () => {
    const spool = new Spool(join(scratch.dir, 'a.jsonl'));
    assert.deepEqual(spool.read(), []);
    spool.append([start('a'), start('b')]);
    spool.append([start('c')]);
    assert.deepEqual(
      spool.read().map((e) => e.containerId),
      ['a', 'b', 'c'],
    );
    spool.replace([start('c')]);
    assert.deepEqual(spool.read(), [start('c')]);
    spool.replace([]);
    assert.equal(existsSync(spool.file), false);
  });

  it('skips a line a crash cut short, and the next append starts on a line of its own', () => {
    const warnings: string[] = [];
    const spool = new Spool(join(scratch.dir, 'torn.jsonl'), (m) => warnings.push(m));
    spool.append([start('a')]);
    appendFileSync(spool.file, JSON.stringify(start('torn')).slice(0, 40)); // no newline: cut mid-write
    spool.append([start('b')]);
    assert.deepEqual(
      spool.read().map((e) => e.containerId),
      ['a', 'b'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /torn\.jsonl: line \d+ skipped \(not an event\)/);
    assert.equal(readFileSync(spool.file, 'utf8').split('\n').filter(Boolean).length, 3);
  });

  it('keeps one event per run: a stop replaces its start, the first stop is kept', () => {
    const events = [
      start('a'),
      start('b'),
      stop('a', '2024-05-02T10:00:00.000Z'),
      start('a'), // a pass repeated after a crash
      stop('a', '2024-05-02T10:00:10.000Z'),
      start('a', '2024-05-02T11:00:00.000Z'), // a new run of the same container
    ];
    assert.deepEqual(coalesceEvents(events), [
      stop('a', '2024-05-02T10:00:00.000Z'),
      start('b'),
      start('a', '2024-05-02T11:00:00.000Z'),
    ]);
  });
});
