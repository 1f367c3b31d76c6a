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
  /** The result as JSON text: cheaper to pass between threads than a structured clone of thousands of findings. */
  { index: number; json: string } | { index: number; error: { subject?: string; problem: string } };

parentPort?.on('message', (task: AuditTask) => {
  auditFile(task.file, task.profile).then(
    (result: AuditResult) =>
      parentPort!.postMessage({
        index: task.index,
        json: JSON.stringify(result),
      } satisfies AuditReply),
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
