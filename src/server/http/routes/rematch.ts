// `POST /v1/rematch`: matches every stored package against the vulnerability database again (as the server does by
// itself when the database file is replaced), raising alerts for what newly affects running images.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { rematchAll } from '../../match/rematch.js';
import { setAuditSummary } from '../audit.js';
import { defineRoute } from '../auth.js';
import { rematchAnswer } from '../schemas.js';

export function rematchRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    ...defineRoute('POST /v1/rematch', {
      summary: 'Match every stored package again',
      tags: ['admin'],
      response: { 200: rematchAnswer },
    }),
    handler: async (request) => {
      const result = await rematchAll(ctx);
      setAuditSummary(
        request,
        `rematch of ${result.packages} packages: ${result.added} added, ${result.removed} removed, ${result.alerts} alerts`,
      );
      return result;
    },
  });
}
