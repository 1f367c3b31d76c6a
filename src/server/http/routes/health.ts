// `GET /healthz`: the one route without a token, for load balancers and `seawall serve` supervisors: it answers
// while the process serves requests, without touching the store.

import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../auth.js';
import { healthAnswer } from '../schemas.js';

export function healthRoutes(app: FastifyInstance): void {
  app.route({
    ...defineRoute('GET /healthz', {
      summary: 'Whether the server is up',
      tags: ['server'],
      response: { 200: healthAnswer },
    }),
    handler: async () => ({ status: 'ok' }),
  });
}
