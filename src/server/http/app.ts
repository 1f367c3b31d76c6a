// The fleet server's HTTP API as one Fastify application (https://fastify.dev/docs/latest/): tokens and roles, rate
// limits, schema validation, the audit log, OpenAPI 3 and the routes. Listening is start-server.ts's business.

import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { InputError } from '../../errors.js';
import { SEAWALL_VERSION } from '../../version.js';
import type { ServerContext } from '../context.js';
import { installAudit, setAuditSummary } from './audit.js';
import { AuthError, installAuth } from './auth.js';
import { installRateLimit, type RateLimitOptions } from './rate-limit.js';
import { agentRoutes } from './routes/agent.js';
import { alertRoutes } from './routes/alerts.js';
import { auditRoutes } from './routes/audit.js';
import { containerRoutes } from './routes/containers.js';
import { healthRoutes } from './routes/health.js';
import { hostRoutes } from './routes/hosts.js';
import { imageRoutes, SBOM_CONTENT_TYPES } from './routes/images.js';
import { licenseRoutes } from './routes/licenses.js';
import { openapiRoutes } from './routes/openapi.js';
import { rematchRoutes } from './routes/rematch.js';
import { reportRoutes } from './routes/reports.js';
import { tokenRoutes } from './routes/tokens.js';
import { vulnerabilityRoutes } from './routes/vulnerabilities.js';

export interface AppOptions {
  /** Fastify's logger (pino options); none by default. */
  logger?: FastifyServerOptions['logger'];
  /** Per-token request limits (generous defaults, see rate-limit.ts); false: none. */
  rateLimit?: RateLimitOptions | false;
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: string | Buffer; key: string | Buffer };
}

/** Bodies of routes that do not say otherwise: tokens, and the small admin calls. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export async function buildServerApp(
  ctx: ServerContext,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions & { https?: AppOptions['https'] } = {
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // HEAD twins of every GET would be routes outside the role table.
    exposeHeadRoutes: false,
    // Unknown properties are refused rather than silently dropped: a misspelt query parameter is a 400, not a
    // filter that quietly does nothing.
    ajv: { customOptions: { removeAdditional: false } },
  };
  if (options.https) serverOptions.https = options.https;
  // Fastify's types follow the https option; the instance is used the same way either way.
  const app = Fastify(serverOptions) as unknown as FastifyInstance;

  for (const type of SBOM_CONTENT_TYPES.filter((t) => t !== 'application/json'))
    app.addContentTypeParser(
      type,
      { parseAs: 'string' },
      app.getDefaultJsonParser('error', 'error'),
    );

  app.setErrorHandler((err, request, reply) => {
    const { status, message } = answerOf(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    if (request.auditSummary === null) setAuditSummary(request, `refused: ${message}`);
    if (err instanceof AuthError && err.challenge) reply.header('www-authenticate', err.challenge);
    return reply.code(status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  installAuth(app, ctx);
  installAudit(app, ctx);
  await installRateLimit(app, options.rateLimit ?? {});
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Seawall fleet API',
        description: 'The fleet inventory of `seawall serve`: agents report, users ask.',
        version: SEAWALL_VERSION,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  healthRoutes(app);
  openapiRoutes(app);
  agentRoutes(app, ctx);
  imageRoutes(app, ctx);
  hostRoutes(app, ctx);
  containerRoutes(app, ctx);
  vulnerabilityRoutes(app, ctx);
  licenseRoutes(app, ctx);
  reportRoutes(app, ctx);
  alertRoutes(app, ctx);
  rematchRoutes(app, ctx);
  tokenRoutes(app, ctx);
  auditRoutes(app, ctx);
  return app;
}

/** The status and one-line message a failure answers with; anything unexpected is a bare 500. */
function answerOf(err: unknown): { status: number; message: string } {
  if (err instanceof InputError) return { status: 400, message: err.message };
  const e = err as { statusCode?: unknown; validation?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : '';
  if (e?.validation) return { status: 400, message };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return { status: e.statusCode, message };
  return { status: 500, message: 'internal error' };
}
