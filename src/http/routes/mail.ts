import { getMail, listMail } from '../../app/mail/list-mail.js';
import { retryFailedMail } from '../../app/mail/retry-failed-mail.js';
import { errorResponse, idParams } from '../../contract/common.js';
import { mailListQuery, mailListResponse, mailMessageSchema } from '../../contract/mail.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function mailRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/admin/mail',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: "The organisation's outgoing mail, newest first (?status=failed for undelivered mail)",
        querystring: mailListQuery,
        response: { 200: mailListResponse },
      },
    },
    async (request) => ({
      items: await listMail(ctx, { actor: requirePrincipal(request), status: request.query.status, limit: request.query.limit }),
    }),
  );

  app.post(
    '/api/v1/admin/mail/:id/retry',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Try to deliver a failed message again (returns it after the attempt)',
        params: idParams,
        response: { 200: mailMessageSchema, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const actor = requirePrincipal(request);
      await retryFailedMail(ctx, request.params.id, { actor: { userId: actor.userId, organisationId: actor.organisationId } });
      return getMail(ctx, { actor, id: request.params.id });
    },
  );
}
