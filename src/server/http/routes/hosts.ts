// `GET /v1/hosts`: the hosts agents report from, with their labels, when they were last heard from and how many
// containers run there now.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { listHosts } from '../../store/hosts.js';
import { defineRoute } from '../auth.js';
import { hostsAnswer } from '../schemas.js';

export function hostRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    ...defineRoute('GET /v1/hosts', {
      summary: 'Every host an agent reported from',
      tags: ['fleet'],
      response: { 200: hostsAnswer },
    }),
    handler: async () => listHosts(ctx.store),
  });
}
