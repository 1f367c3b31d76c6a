// `GET /v1/audit`: the audit log of every write through the API, allowed or refused, one page at a time.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { listAudit } from '../../store/audit-log.js';
import { defineRoute } from '../auth.js';
import { auditAnswer, pageQuery } from '../schemas.js';

export function auditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route<{ Querystring: { limit?: number; after?: string } }>({
    ...defineRoute('GET /v1/audit', {
      summary: 'The audit log of writes',
      tags: ['admin'],
      querystring: pageQuery,
      response: { 200: auditAnswer },
    }),
    handler: async (request) => listAudit(ctx.store, request.query),
  });
}
