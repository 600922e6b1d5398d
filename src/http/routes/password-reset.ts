import { z } from 'zod';
import { confirmPasswordReset } from '../../app/auth/confirm-password-reset.js';
import { requestPasswordReset } from '../../app/auth/request-password-reset.js';
import { passwordResetBody, passwordResetConfirmBody } from '../../contract/account.js';
import { errorResponse } from '../../contract/common.js';
import type { App, RouteDeps } from './index.js';

export function passwordResetRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Mail a password reset link (same answer whether the address is known or not)',
        body: passwordResetBody,
        response: { 202: z.object({}), 429: errorResponse },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, { email: request.body.email, address: request.ip });
      return reply.status(202).send({});
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the secret from the link (signs every session out)',
        body: passwordResetConfirmBody,
        response: { 204: z.null(), 422: errorResponse },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(ctx, request.body);
      return reply.status(204).send(null);
    },
  );
}
