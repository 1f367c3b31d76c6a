import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { capturedSensorRun } from '../../testing/sensor-capture.js';
import { scratchDir } from '../../testing/fixtures.js';
import { readRecord, writeRecord } from './record-file.js';
import { summarise } from './summarise.js';

const container = {
  name: 'fixture',
  image: 'oci:base',
  imageDigest: 'sha256:' + 'a'.repeat(64),
  command: ['sh'],
};

function capturedRun() {
  const { events, stats } = capturedSensorRun();
  const summary = summarise(events, stats, {
    container,
    arch: 'x86_64',
    durationSeconds: 0.1,
  });
  return { events, summary };
}

describe('behaviour record file', () => {
  const scratch = scratchDir('record-file');
  after(() => scratch.remove());
  const { events, summary } = capturedRun();
  const file = join(scratch.dir, 'record.jsonl');

  it('writes a header, one line per event and the summary, and reads them back unchanged', async () => {
    await writeRecord(
      file,
      { type: 'header', version: 1, container, exitCode: 3, exercise: null },
      events,
      summary,
    );
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.length, events.length + 3); // header, events, summary, final newline
    assert.equal(lines.at(-1), '');
    assert.match(lines[0]!, /^\{"type":"header","version":1,"container":/);
    assert.match(lines[1]!, /^\{"type":"event","event":\{"time":/);
    assert.match(lines.at(-2)!, /^\{"type":"summary","container":/);

    const record = await readRecord(file);
    assert.deepEqual(record.header, { version: 1, container, exitCode: 3, exercise: null });
    assert.deepEqual(record.events, events);
    assert.deepEqual(record.summary, summary);
  });

  async function rejectsWith(content: string, problem: RegExp): Promise<void> {
    const bad = join(scratch.dir, 'bad.jsonl');
    writeFileSync(bad, content);
    await assert.rejects(readRecord(bad), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.subject, bad);
      assert.match(err.problem, problem);
      return true;
    });
  }

  const good = () => readFileSync(file, 'utf8').split('\n');

  it('names the file and line of a line that does not fit', async () => {
    const lines = good();
    await rejectsWith(
      [lines[0], lines[1], '{"type": "event"', ...lines.slice(3)].join('\n'),
      /^line 3: not JSON$/,
    );
    const unknown = '{"type":"event","event":{"time":1,"pid":1,"comm":"sh","type":"teleport"}}';
    await rejectsWith(
      [lines[0], lines[1], unknown].join('\n'),
      /^line 3: unknown event type "teleport"$/,
    );
    const badPort = lines
      .find((l) => l.includes('"type":"connect"'))!
      .replace(/"port":\d+/, '"port":"80"');
    await rejectsWith(
      [lines[0], badPort].join('\n'),
      /^line 2: connect event field port is missing or malformed$/,
    );
    const badSummary = lines.at(-2)!.replace('"lostEvents":0', '"lostEvents":null');
    await rejectsWith(
      [lines[0], badSummary].join('\n'),
      new RegExp(`^line 2: summary field lostEvents`),
    );
    await rejectsWith(
      [lines[0], lines.at(-2), lines[1]].join('\n'),
      /^line 3: a line after the summary$/,
    );
  });

  it('refuses a record without a header, without a summary, or of another version', async () => {
    const lines = good();
    await rejectsWith(
      lines.slice(1).join('\n'),
      /^line 1: the first line is not the record header$/,
    );
    await rejectsWith(
      lines.slice(0, 5).join('\n'),
      /^no summary line \(the recording did not finish\)$/,
    );
    await rejectsWith(
      [lines[0]!.replace('"version":1', '"version":2'), ...lines.slice(1)].join('\n'),
      /^line 1: record version 2/,
    );
    await rejectsWith('', /^empty record$/);
    await assert.rejects(
      readRecord(join(scratch.dir, 'missing.jsonl')),
      /missing\.jsonl: no such file/,
    );
  });
});
