// Who may call what: bearer tokens (RFC 6750, https://www.rfc-editor.org/rfc/rfc6750) looked up in the store, and the
// one table of the roles each route admits. A route missing from the table is refused to everyone.

import type { FastifyInstance, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { ServerContext } from '../context.js';
import { identifyToken } from '../store/tokens.js';
import type { Role, TokenIdentity } from '../store/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's token, when it sent a known one. */
    identity: TokenIdentity | null;
  }
}

/** 'public': no token needed; otherwise the roles whose tokens may call the route. */
export type Access = 'public' | readonly Role[];

const ANY_TOKEN: readonly Role[] = ['admin', 'agent', 'viewer'];
/** Agents report what runs and upload what they scanned; they read nothing back. */
const REPORTING: readonly Role[] = ['admin', 'agent'];
const READING: readonly Role[] = ['admin', 'viewer'];
const ADMIN: readonly Role[] = ['admin'];

/** Every route of the API, as `METHOD /path` with Fastify's `:param` syntax. */
export const ROUTE_ACCESS = {
  'GET /healthz': 'public',
  'GET /openapi.json': ANY_TOKEN,
  'POST /v1/agent/report': REPORTING,
  'PUT /v1/images/:digest/sbom': REPORTING,
  'PUT /v1/images/:digest/scan': REPORTING,
  'GET /v1/hosts': READING,
  'GET /v1/containers': READING,
  'GET /v1/images': READING,
  'GET /v1/images/:digest': READING,
  'GET /v1/vulnerabilities/:id/impact': READING,
  'GET /v1/licenses': READING,
  'GET /v1/reports/fix-age': READING,
  'GET /v1/reports/unscanned': READING,
  'GET /v1/reports/registries': READING,
  'GET /v1/alerts': READING,
  'POST /v1/rematch': ADMIN,
  'POST /v1/tokens': ADMIN,
  'GET /v1/tokens': ADMIN,
  'GET /v1/audit': ADMIN,
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_ACCESS;

/** The longest token looked up: real ones are far shorter, and a megabyte header is not worth hashing. */
const MAX_TOKEN_LENGTH = 512;

/** A refusal with its HTTP status and, for 401, the challenge RFC 6750 section 3 asks for. */
export class AuthError extends Error {
  constructor(
    readonly statusCode: 401 | 403,
    message: string,
    readonly challenge?: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/**
 * Method, URL and schema of a route from its table key, the schema marked with who may call it (OpenAPI's `security`
 * and a line of description), so the table is the only place a route's roles are written.
 */
export function defineRoute<S extends FastifySchema>(
  key: RouteKey,
  schema: S & { summary: string; tags: string[] },
): { method: HTTPMethods; url: string; schema: S } {
  const [method, url] = key.split(' ') as [HTTPMethods, string];
  const access: Access = ROUTE_ACCESS[key];
  const marked =
    access === 'public'
      ? { ...schema, security: [] }
      : { ...schema, description: `Roles: ${access.join(', ')}.` };
  return { method, url, schema: marked };
}

export function accessOf(method: string, url: string | undefined): Access | undefined {
  if (url === undefined) return undefined;
  return (ROUTE_ACCESS as Record<string, Access>)[`${method} ${url}`];
}

/**
 * Identifies the caller as each request arrives (so rate limits can count per token) and refuses it before its body
 * is read: preParsing runs after every onRequest hook, the rate limiter's included.
 */
export function installAuth(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('identity', null);

  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (token) request.identity = (await identifyToken(ctx.store, token)) ?? null;
  });

  app.addHook('preParsing', async (request, _reply, payload) => {
    authorize(request);
    return payload;
  });
}

function authorize(request: FastifyRequest): void {
  // Unknown paths answer 404 only to a caller with a token: nobody else learns what exists.
  const access = request.is404 ? ANY_TOKEN : accessOf(request.method, request.routeOptions.url);
  if (access === 'public') return;
  if (!request.identity) {
    const header = request.headers.authorization;
    if (header === undefined)
      throw new AuthError(401, 'a bearer token is required', 'Bearer realm="seawall"');
    if (!bearerToken(request))
      throw new AuthError(
        401,
        'the Authorization header must be "Bearer TOKEN"',
        'Bearer realm="seawall", error="invalid_request"',
      );
    throw new AuthError(401, 'unknown token', 'Bearer realm="seawall", error="invalid_token"');
  }
  const role = request.identity.role;
  if (!access?.includes(role))
    throw new AuthError(
      403,
      `a token of role ${role} may not ${request.method} ${request.routeOptions.url ?? request.url}`,
    );
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const token = match?.[1];
  return token && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}
