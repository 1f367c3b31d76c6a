// A worker thread of `seawall audit`: audits the files it is sent and posts back each file's findings, or the input
// error that stopped it, so many files parse on every core (src/checks/audit-pool.ts).

import { parentPort } from 'node:worker_threads';
import { InputError, messageOf } from '../errors.js';
import type { AuditProfile } from '../jobs/audit-job.js';
import { auditFile, type AuditResult } from './audit-file.js';

export interface AuditTask {
  index: number;
  file: string;
  profile: AuditProfile;
}

export type AuditReply =
  /**
   * The result as UTF-8 JSON, its buffer moved to the main thread rather than copied: far cheaper than a
   * structured clone of thousands of findings, or than posting the text as a string, which is copied.
   */
  | { index: number; json: Uint8Array }
  | { index: number; error: { subject?: string; problem: string } };

const encoder = new TextEncoder();

parentPort?.on('message', (task: AuditTask) => {
  auditFile(task.file, task.profile).then(
    (result: AuditResult) => {
      const json = encoder.encode(JSON.stringify(result));
      parentPort!.postMessage({ index: task.index, json } satisfies AuditReply, [json.buffer]);
    },
    (err: unknown) =>
      parentPort!.postMessage({
        index: task.index,
        error:
          err instanceof InputError
            ? { subject: err.subject, problem: err.problem }
            : { problem: messageOf(err) },
      } satisfies AuditReply),
  );
});
