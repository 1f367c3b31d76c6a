// `GET /v1/vulnerabilities/{id}/impact`: the question the fleet store exists for: a CVE (or GHSA, DSA... by any
// alias), which stored images have it, and which containers run those images now, on which hosts.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { vulnerabilityImpact } from '../../store/impact.js';
import { defineRoute } from '../auth.js';
import { impactAnswer, impactQuery, vulnerabilityParams } from '../schemas.js';

export function vulnerabilityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route<{
    Params: { id: string };
    Querystring: { imageLimit?: number; containerLimit?: number };
  }>({
    ...defineRoute('GET /v1/vulnerabilities/:id/impact', {
      summary: 'Which images have a vulnerability, and where they run now',
      tags: ['vulnerabilities'],
      params: vulnerabilityParams,
      querystring: impactQuery,
      response: { 200: impactAnswer },
    }),
    handler: async (request) => vulnerabilityImpact(ctx.store, request.params.id, request.query),
  });
}
