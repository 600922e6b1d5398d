import { z } from 'zod';
import { createApiToken } from '../../app/auth/create-api-token.js';
import { listOwnApiTokens } from '../../app/auth/list-api-tokens.js';
import { revokeOwnApiToken } from '../../app/auth/revoke-api-token.js';
import { errorResponse, idParams } from '../../contract/common.js';
import { createdTokenResponse, createTokenBody, tokenListResponse } from '../../contract/tokens.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function tokenRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token (the secret is shown once; browser session only)',
        body: createTokenBody,
        response: { 201: createdTokenResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(ctx, { actor: requirePrincipal(request), label: request.body.label });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/tokens',
    { schema: { tags: ['auth'], summary: 'My live API tokens (never their secret)', response: { 200: tokenListResponse } } },
    async (request) => ({ items: await listOwnApiTokens(ctx, { actor: requirePrincipal(request) }) }),
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: idParams, response: { 204: z.null(), 404: errorResponse } },
    },
    async (request, reply) => {
      await revokeOwnApiToken(ctx, { actor: requirePrincipal(request), tokenId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
