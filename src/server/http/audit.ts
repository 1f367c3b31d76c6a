// The audit log of the API: every write (POST, PUT, PATCH, DELETE), allowed or refused, becomes one entry with who
// sent it, what it touched and how it ended, written once the answer has gone out so it never delays a caller.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { appendAudit } from '../store/audit-log.js';
import type { AuditEntry } from '../store/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the request wrote ("12 events", "sbom sha256:..."), or why it was refused. */
    auditSummary: string | null;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_PATH = 1024;
const MAX_SUMMARY = 300;

/** Shortens text kept in the log: a caller chooses paths and error messages quote its input. */
export function clip(text: string, max = MAX_SUMMARY): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function setAuditSummary(request: FastifyRequest, summary: string): void {
  request.auditSummary = clip(summary);
}

export function installAudit(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('auditSummary', null);
  const pending = new Set<Promise<void>>();

  app.addHook('onResponse', async (request, reply) => {
    if (!WRITES.has(request.method)) return;
    const status = reply.statusCode;
    const entry: AuditEntry = {
      at: ctx.now().toISOString(),
      method: request.method,
      path: clip(request.url.split('?')[0] ?? request.url, MAX_PATH),
      status,
      summary: request.auditSummary ?? (status < 400 ? 'ok' : `refused (${status})`),
    };
    if (request.identity) {
      entry.tokenId = request.identity.id;
      entry.role = request.identity.role;
    }
    const write = appendAudit(ctx.store, entry).then(
      () => undefined,
      (err: unknown) => request.log.error({ err }, 'could not append to the audit log'),
    );
    pending.add(write);
    await write;
    pending.delete(write);
  });

  // A write answered just before shutdown is still logged before the store closes.
  app.addHook('onClose', async () => {
    await Promise.all(pending);
  });
}
