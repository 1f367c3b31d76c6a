// `/v1/reports`: fleet-wide answers: images left longest without the security fixes they lack, images never
// scanned, and images pulled from registries outside the allowed list.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { listImages } from '../../store/images.js';
import { imagesByFixAge, imagesOutsideRegistries } from '../../store/reports.js';
import { defineRoute } from '../auth.js';
import {
  fixAgeAnswer,
  imagesAnswer,
  limitQuery,
  pageQuery,
  registriesAnswer,
  registriesQuery,
} from '../schemas.js';

export function reportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route<{ Querystring: { limit?: number } }>({
    ...defineRoute('GET /v1/reports/fix-age', {
      summary: 'Images by how long they have gone without the security fixes they lack',
      tags: ['reports'],
      querystring: limitQuery,
      response: { 200: fixAgeAnswer },
    }),
    handler: async (request) => imagesByFixAge(ctx.store, ctx.now(), request.query),
  });

  app.route<{ Querystring: { limit?: number; after?: string } }>({
    ...defineRoute('GET /v1/reports/unscanned', {
      summary: 'Images seen running whose SBOM the server never received',
      tags: ['reports'],
      querystring: pageQuery,
      response: { 200: imagesAnswer },
    }),
    handler: async (request) => listImages(ctx.store, { ...request.query, unscanned: true }),
  });

  app.route<{ Querystring: { allow?: string } }>({
    ...defineRoute('GET /v1/reports/registries', {
      summary: 'Images from registries outside the allowed list',
      tags: ['reports'],
      querystring: registriesQuery,
      response: { 200: registriesAnswer },
    }),
    handler: async (request) => {
      const allow =
        request.query.allow === undefined ? ctx.registryAllow : listOf(request.query.allow);
      return imagesOutsideRegistries(ctx.store, allow);
    },
  });
}

/** `a, b,,c` -> [a, b, c]: a comma-separated list as users type it. */
export function listOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
