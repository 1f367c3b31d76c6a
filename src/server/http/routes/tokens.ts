// `/v1/tokens`: an admin issues tokens for agents, viewers and other admins, and lists them. The token itself is
// shown once, in the answer that creates it: the store keeps only its hash.

import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { createToken, listTokens } from '../../store/tokens.js';
import type { Role } from '../../store/types.js';
import { setAuditSummary } from '../audit.js';
import { defineRoute } from '../auth.js';
import { newTokenAnswer, tokenBody, tokensAnswer } from '../schemas.js';

export function tokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route<{ Body: { role: Role; name: string } }>({
    ...defineRoute('POST /v1/tokens', {
      summary: 'Issue a token',
      tags: ['admin'],
      body: tokenBody,
      response: { 201: newTokenAnswer },
    }),
    handler: async (request, reply) => {
      const { role, name } = request.body;
      const { id, token } = await createToken(ctx.store, role, name, ctx.now().toISOString());
      setAuditSummary(request, `token ${id} (${role}) ${name}`);
      return reply.code(201).send({ id, token, role, name });
    },
  });

  app.route({
    ...defineRoute('GET /v1/tokens', {
      summary: 'Issued tokens (never the tokens themselves)',
      tags: ['admin'],
      response: { 200: tokensAnswer },
    }),
    handler: async () => listTokens(ctx.store),
  });
}
