// The audit log: one row per write through the API (who, what, the answer's status), appended and read back in order,
// one page at a time.

import { InputError } from '../../errors.js';
import { pageLimit } from './containers.js';
import { ROLES, type AuditEntry, type FleetStore, type Page, type Role } from './types.js';

export interface AuditRow extends AuditEntry {
  id: number;
}

export async function appendAudit(store: FleetStore, entry: AuditEntry): Promise<number> {
  const row = await store.db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      token_id: entry.tokenId ?? null,
      role: entry.role ?? null,
      method: entry.method,
      path: entry.path,
      status: entry.status,
      summary: entry.summary,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * The log, oldest first, after the entry `after` (an id, or the `next` cursor of the previous page, which is one);
 * `limit` defaults to 100, at most 1,000.
 */
export async function listAudit(
  store: FleetStore,
  options: { limit?: number; after?: number | string } = {},
): Promise<Page<AuditRow>> {
  const limit = pageLimit(options.limit);
  let query = store.db.selectFrom('audit_log').selectAll();
  if (options.after !== undefined) query = query.where('id', '>', idCursor(options.after));
  const rows = await query
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map((r) => {
    const row: AuditRow = {
      id: Number(r.id),
      at: r.at,
      method: r.method,
      path: r.path,
      status: Number(r.status),
      summary: r.summary,
    };
    if (r.token_id !== null) row.tokenId = Number(r.token_id);
    if (r.role !== null && (ROLES as readonly string[]).includes(r.role)) row.role = r.role as Role;
    return row;
  });
  const page: Page<AuditRow> = { items };
  if (rows.length > limit) page.next = String(items[items.length - 1]!.id);
  return page;
}

function idCursor(after: number | string): number {
  const id = typeof after === 'number' ? after : /^\d{1,15}$/.test(after) ? Number(after) : NaN;
  if (!Number.isSafeInteger(id) || id < 0)
    throw new InputError('cursor', 'not a cursor from a previous page');
  return id;
}
