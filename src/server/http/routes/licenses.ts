// `GET /v1/licenses`: every licence the stored packages declare, with how many packages and images carry it.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { licenseCounts } from '../../store/reports.js';
import { defineRoute } from '../auth.js';
import { licensesAnswer } from '../schemas.js';

export function licenseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    ...defineRoute('GET /v1/licenses', {
      summary: 'Licences of the stored packages, with package and image counts',
      tags: ['reports'],
      response: { 200: licensesAnswer },
    }),
    handler: async () => licenseCounts(ctx.store),
  });
}
