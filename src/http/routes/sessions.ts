import { z } from 'zod';
import { changePassword } from '../../app/auth/change-password.js';
import { listOwnSessions } from '../../app/auth/list-sessions.js';
import { revokeOwnSession } from '../../app/auth/revoke-session.js';
import { changePasswordBody, sessionIdParams, sessionListResponse } from '../../contract/account.js';
import { errorResponse } from '../../contract/common.js';
import { requirePrincipal, SESSION_COOKIE } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function sessionRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/me/sessions',
    { schema: { tags: ['auth'], summary: 'My live sessions (the current one marked)', response: { 200: sessionListResponse } } },
    async (request) => ({ items: await listOwnSessions(ctx, { actor: requirePrincipal(request) }) }),
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign one of my sessions out',
        params: sessionIdParams,
        response: { 204: z.null(), 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { current } = await revokeOwnSession(ctx, { actor: requirePrincipal(request), sessionId: request.params.id });
      if (current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password (signs my other sessions out)',
        body: changePasswordBody,
        response: { 204: z.null(), 403: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, { actor: requirePrincipal(request), ...request.body });
      return reply.status(204).send(null);
    },
  );
}
