// Audits many files on every core: a few worker threads (src/checks/audit-worker.ts) take files one at a time, and
// the results come back in file order, so the report is the same however the work was shared out.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { AuditProfile } from '../jobs/audit-job.js';
import { auditFile, type AuditResult } from './audit-file.js';
import type { AuditReply, AuditTask } from './audit-worker.js';

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_FROM = 64;
const MAX_WORKERS = 4;
const decoder = new TextDecoder();

export async function auditFiles(
  files: readonly string[],
  profile: AuditProfile,
): Promise<AuditResult[]> {
  const workers = Math.min(MAX_WORKERS, availableParallelism());
  const script = workerScript();
  // Standard input can only be read here, and a few files are quicker without workers.
  if (files.length < PARALLEL_FROM || workers < 2 || !script || files.includes('-')) {
    const results: AuditResult[] = [];
    for (const file of files) results.push(await auditFile(file, profile));
    return results;
  }
  return new Promise((resolve, reject) => {
    const results: (AuditResult | undefined)[] = new Array(files.length);
    const errors = new Map<number, InputError | Error>();
    let next = 0;
    let done = 0;
    const pool: Worker[] = [];
    const finish = () => {
      for (const w of pool) void w.terminate();
      // The first failing file in file order is the one reported, as a sequential run would.
      const first = [...errors.keys()].sort((a, b) => a - b)[0];
      if (first !== undefined) reject(errors.get(first));
      else resolve(results as AuditResult[]);
    };
    const feed = (worker: Worker) => {
      if (next >= files.length) return;
      const task: AuditTask = { index: next, file: files[next]!, profile };
      next++;
      worker.postMessage(task);
    };
    for (let i = 0; i < workers; i++) {
      // A larger young generation: each file makes thousands of short-lived objects (the YAML tree, its JS copy).
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      pool.push(worker);
      worker.on('message', (reply: AuditReply) => {
        if ('error' in reply) {
          const { subject, problem } = reply.error;
          errors.set(
            reply.index,
            subject === undefined ? new Error(problem) : new InputError(subject, problem),
          );
        } else results[reply.index] = JSON.parse(decoder.decode(reply.json)) as AuditResult;
        done++;
        if (done === files.length) finish();
        else feed(worker);
      });
      worker.on('error', (err) => {
        errors.set(-1, err);
        finish();
      });
      // Two files in hand: the worker starts the next while its last result waits for the main thread.
      feed(worker);
      feed(worker);
    }
  });
}

/** The worker's file: beside this module in tsc's output, or the bundle's own entry in dist/bundle/. */
function workerScript(): string | undefined {
  for (const candidate of ['./audit-worker.js', '../checks/audit-worker.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}
