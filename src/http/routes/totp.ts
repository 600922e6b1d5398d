import { z } from 'zod';
import { confirmTotpEnrolment } from '../../app/auth/confirm-totp-enrolment.js';
import { disableOwnTotp } from '../../app/auth/disable-totp.js';
import { startTotpEnrolment } from '../../app/auth/start-totp-enrolment.js';
import { totpConfirmBody, totpConfirmResponse, totpDisableBody, totpEnrolmentResponse } from '../../contract/account.js';
import { errorResponse } from '../../contract/common.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

// All three stay reachable while the organisation requires a second factor the user has not
// enrolled yet (allowWithoutTotp): that is how they enrol.
export function totpRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/me/totp',
    {
      config: { allowWithoutTotp: true },
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling a TOTP second factor (returns the secret and a QR code)',
        response: { 200: totpEnrolmentResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request) => startTotpEnrolment(ctx, { actor: requirePrincipal(request) }),
  );

  app.post(
    '/api/v1/me/totp/confirm',
    {
      config: { allowWithoutTotp: true },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the enrolment with a code from the app (returns ten recovery codes, once)',
        body: totpConfirmBody,
        response: { 200: totpConfirmResponse, 409: errorResponse, 422: errorResponse, 429: errorResponse },
      },
    },
    async (request) => confirmTotpEnrolment(ctx, { actor: requirePrincipal(request), code: request.body.code }),
  );

  app.delete(
    '/api/v1/me/totp',
    {
      config: { allowWithoutTotp: true },
      schema: {
        tags: ['auth'],
        summary: 'Turn the second factor off (password and a current or recovery code)',
        body: totpDisableBody,
        response: { 204: z.null(), 403: errorResponse, 409: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      await disableOwnTotp(ctx, { actor: requirePrincipal(request), ...request.body });
      return reply.status(204).send(null);
    },
  );
}
