// Request rate limits (@fastify/rate-limit, https://github.com/fastify/fastify-rate-limit): counted per token, or per
// client address for callers without a known one, so one busy agent never uses up another's allowance.

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface RateLimitOptions {
  /** Requests per window for admin and viewer tokens, and per address for callers without a known token. */
  max?: number;
  /** Requests per window for an agent token: agents batch, but a fleet restart sends bursts of reports and SBOMs. */
  agentMax?: number;
  /** The window, in milliseconds. */
  windowMs?: number;
}

export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = {
  max: 600,
  agentMax: 6000,
  windowMs: 60_000,
};

export async function installRateLimit(
  app: FastifyInstance,
  options: RateLimitOptions | false,
): Promise<void> {
  if (options === false) return;
  const limits = { ...DEFAULT_RATE_LIMIT, ...options };
  await app.register(rateLimit, {
    // Runs after the auth hook's onRequest (route hooks follow the instance's), so the identity is known here.
    keyGenerator: (request: FastifyRequest) =>
      request.identity ? `token:${request.identity.id}` : `address:${request.ip}`,
    max: (request: FastifyRequest) =>
      request.identity?.role === 'agent' ? limits.agentMax : limits.max,
    timeWindow: limits.windowMs,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit exceeded, retry in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  });
}
