// `GET /v1/alerts`: vulnerabilities that newly affected running images after a database update, oldest first; a
// reader polls with `after` set to the last id it saw.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { listAlerts } from '../../store/alerts.js';
import { defineRoute } from '../auth.js';
import { alertsAnswer, alertsQuery } from '../schemas.js';

export function alertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route<{ Querystring: { after?: number; limit?: number } }>({
    ...defineRoute('GET /v1/alerts', {
      summary: 'Alerts raised by re-matching, after an id',
      tags: ['alerts'],
      querystring: alertsQuery,
      response: { 200: alertsAnswer },
    }),
    handler: async (request) => listAlerts(ctx.store, request.query),
  });
}
