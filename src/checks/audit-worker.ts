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
  | { index: number; result: AuditResult }
  | { index: number; error: { subject?: string; problem: string } };

parentPort?.on('message', (task: AuditTask) => {
  auditFile(task.file, task.profile).then(
    (result) => parentPort!.postMessage({ index: task.index, result } satisfies AuditReply),
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
