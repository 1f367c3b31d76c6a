// One write transaction, retried when PostgreSQL aborts it for a deadlock or a serialization failure: the writers
// lock rows in one order, but two agents' batches (and an SBOM upload) may still meet on rows another way round, and
// PostgreSQL's advice for these errors is to run the transaction again.
// https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html

import type { Transaction } from 'kysely';
import type { FleetDatabase } from './schema.js';
import type { FleetStore } from './types.js';

/** deadlock_detected and serialization_failure (PostgreSQL error codes, appendix A). */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

export async function writeTransaction<T>(
  store: FleetStore,
  work: (tx: Transaction<FleetDatabase>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db.transaction().execute(work);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
      // A short random pause, so the two transactions do not meet again at once.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
