// The behaviour summaries the profile tests read: the fixtures in test/fixtures/profile/*.summary.json (shaped as
// BehaviourSummary, src/runtime/behaviour.ts) and an empty one built here.

import { readFileSync } from 'node:fs';
import type { BehaviourSummary } from '../behaviour.js';
import { fixturePath } from '../../testing/fixtures.js';

/** nginx (root master, www-data workers, :80), python-service (uid 1000, :8080, a 10.x peer), edge, bin-true. */
export type SummaryFixture = 'nginx' | 'python-service' | 'edge' | 'bin-true';

export function loadSummary(name: SummaryFixture): BehaviourSummary {
  return JSON.parse(
    readFileSync(fixturePath('profile', `${name}.summary.json`), 'utf8'),
  ) as BehaviourSummary;
}

/** A summary of a container that made no syscall of its own and touched nothing. */
export function emptySummary(name = 'empty'): BehaviourSummary {
  return {
    container: { name, image: 'dir:minbase', command: [] },
    arch: 'x86_64',
    durationSeconds: 0,
    processes: [],
    files: [],
    network: { families: [], listen: [], connect: [], bind: [] },
    syscalls: {},
    privileged: [],
    uids: [0],
    lostEvents: 0,
    eventCount: 0,
  };
}
