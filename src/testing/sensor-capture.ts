// A real run of the sensor, captured once from bpftrace 0.17 (test/fixtures/sensor/), parsed as the sensor parses
// it: the events and counts tests of the record and its summary start from.

import { readFileSync } from 'node:fs';
import type { SensorEvent } from '../runtime/behaviour.js';
import { SensorOutputParser, type SensorOutputStats } from '../runtime/sensor/parse-output.js';
import { fixturePath } from './fixtures.js';

export function capturedSensorRun(): { events: SensorEvent[]; stats: SensorOutputStats } {
  const events: SensorEvent[] = [];
  const parser = new SensorOutputParser((e) => events.push(e));
  const lines = readFileSync(fixturePath('sensor', 'bpftrace-0.17-run.jsonl'), 'utf8').split('\n');
  for (const line of lines) parser.push(line);
  parser.finish();
  return { events, stats: parser.stats };
}
