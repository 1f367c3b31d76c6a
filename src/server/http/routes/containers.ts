// `GET /v1/containers`: container runs by host, image, labels, state and time, one page at a time (the
// ContainerFilter of src/server/store/types.ts, from the query string).

import type { FastifyInstance } from 'fastify';
import { InputError } from '../../../errors.js';
import type { ServerContext } from '../../context.js';
import { listContainers } from '../../store/containers.js';
import type { ContainerFilter } from '../../store/types.js';
import { defineRoute } from '../auth.js';
import { containersAnswer, containersQuery, errorAnswer } from '../schemas.js';

interface ContainersQuery {
  host?: string;
  image?: string;
  label?: string[];
  state: 'running' | 'stopped' | 'all';
  since?: string;
  until?: string;
  limit?: number;
  after?: string;
}

export function containerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route<{ Querystring: ContainersQuery }>({
    ...defineRoute('GET /v1/containers', {
      summary: 'Container runs, filtered by host, image, labels, state and time',
      tags: ['fleet'],
      querystring: containersQuery,
      response: { 200: containersAnswer, 400: errorAnswer },
    }),
    handler: async (request) => listContainers(ctx.store, filterOf(request.query)),
  });
}

export function filterOf(query: ContainersQuery): ContainerFilter {
  const filter: ContainerFilter = { state: query.state };
  if (query.host !== undefined) filter.host = query.host;
  if (query.image !== undefined) filter.image = query.image;
  if (query.label !== undefined) filter.labels = labelsOf(query.label);
  // The store compares times as text: one spelling for all of them.
  if (query.since !== undefined) filter.since = new Date(query.since).toISOString();
  if (query.until !== undefined) filter.until = new Date(query.until).toISOString();
  if (filter.since && filter.until && filter.since > filter.until)
    throw new InputError('since', 'is after until');
  if (query.limit !== undefined) filter.limit = query.limit;
  if (query.after !== undefined) filter.after = query.after;
  return filter;
}

function labelsOf(pairs: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const [key, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (key in labels && labels[key] !== value)
      throw new InputError('label', `${key} is given twice with different values`);
    labels[key] = value;
  }
  return labels;
}
