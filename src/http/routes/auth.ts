import { z } from 'zod';
import { login, logout } from '../../app/auth/login.js';
import { loginBody } from '../../contract/auth.js';
import { errorResponse } from '../../contract/common.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function authRoutes(app: App, { ctx }: RouteDeps): void {
  const secure = ctx.config.publicUrl.startsWith('https:');

  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Open a session (sets an httpOnly, SameSite=Lax cookie)',
        body: loginBody,
        response: { 200: z.object({ userId: z.uuid(), expiresAt: z.string() }), 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, {
        ...request.body,
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        previousSessionToken: request.cookies[SESSION_COOKIE],
      });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        expires: result.expiresAt,
      });
      return { userId: result.userId, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { auth: 'public', allowWithoutTotp: true }, schema: { tags: ['auth'], summary: 'Close the current session', response: { 204: z.null() } } },
    async (request, reply) => {
      const p = request.principal;
      if (p?.sessionId) await logout(ctx, { sessionId: p.sessionId, userId: p.userId, organisationId: p.organisationId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
