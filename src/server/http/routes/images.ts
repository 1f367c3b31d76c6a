// `/v1/images`: uploads of an image's SBOM (CycloneDX JSON, https://cyclonedx.org/docs/1.6/json/) or `seawall scan`
// report by the agents, and the stored images with their packages, vulnerabilities and findings for readers.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { ingestImageSbom } from '../../ingest/image-sbom.js';
import { ingestScanReport } from '../../ingest/scan-report.js';
import { imageDetail, listImages } from '../../store/images.js';
import type { DigestKind, ImageRef } from '../../store/types.js';
import { setAuditSummary } from '../audit.js';
import { defineRoute } from '../auth.js';
import {
  cycloneDxBody,
  digestParams,
  errorAnswer,
  imageDetailAnswer,
  imagesAnswer,
  imagesQuery,
  imageUploadQuery,
  ingestAnswer,
  scanReportBody,
} from '../schemas.js';

/** An SBOM of a large image (tens of thousands of packages with files) stays well under this. */
export const UPLOAD_BODY_LIMIT = 64 * 1024 * 1024;

/** The content types an SBOM upload is read as JSON from (CycloneDX registers the second). */
export const SBOM_CONTENT_TYPES = ['application/json', 'application/vnd.cyclonedx+json'];

interface Upload {
  Params: { digest: string };
  Querystring: { kind: DigestKind; name?: string };
  Body: unknown;
}

export function imageRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const refOf = (request: { params: Upload['Params']; query: Upload['Querystring'] }) => {
    const ref: ImageRef = { digest: request.params.digest, digestKind: request.query.kind };
    if (request.query.name !== undefined) ref.name = request.query.name;
    return ref;
  };

  app.route<Upload>({
    ...defineRoute('PUT /v1/images/:digest/sbom', {
      summary: "Store an image's SBOM (CycloneDX JSON) and match its packages",
      tags: ['agent'],
      params: digestParams,
      querystring: imageUploadQuery,
      body: cycloneDxBody,
      consumes: SBOM_CONTENT_TYPES,
      response: { 200: ingestAnswer, 400: errorAnswer },
    }),
    bodyLimit: UPLOAD_BODY_LIMIT,
    handler: async (request) => {
      const result = await ingestImageSbom(ctx, refOf(request), request.body);
      setAuditSummary(request, `sbom ${result.digest} (${result.packages} packages)`);
      return result;
    },
  });

  app.route<Upload>({
    ...defineRoute('PUT /v1/images/:digest/scan', {
      summary: "Store an image's `seawall scan -f json` report: its packages and findings",
      tags: ['agent'],
      params: digestParams,
      querystring: imageUploadQuery,
      body: scanReportBody,
      response: { 200: ingestAnswer, 400: errorAnswer },
    }),
    bodyLimit: UPLOAD_BODY_LIMIT,
    handler: async (request) => {
      const result = await ingestScanReport(ctx, refOf(request), request.body);
      setAuditSummary(request, `scan ${result.digest} (${result.packages} packages)`);
      return result;
    },
  });

  app.route<{ Querystring: { unscanned?: boolean; limit?: number; after?: string } }>({
    ...defineRoute('GET /v1/images', {
      summary: 'Stored images, one page at a time',
      tags: ['images'],
      querystring: imagesQuery,
      response: { 200: imagesAnswer },
    }),
    handler: async (request) => listImages(ctx.store, request.query),
  });

  app.route<{ Params: { digest: string } }>({
    ...defineRoute('GET /v1/images/:digest', {
      summary: "An image's packages, vulnerabilities and findings",
      tags: ['images'],
      params: digestParams,
      response: { 200: imageDetailAnswer, 404: errorAnswer },
    }),
    handler: async (request, reply) => {
      const detail = await imageDetail(ctx.store, request.params.digest);
      if (!detail) return reply.code(404).send({ error: `no image ${request.params.digest}` });
      return detail;
    },
  });
}
