// Logins and role grants of the caller's organisation (admin).
import { z } from 'zod';
import { directoryActor } from '../../app/directory/actor.js';
import { addGrant } from '../../app/directory/add-grant.js';
import { createUser } from '../../app/directory/create-user.js';
import { getUser } from '../../app/directory/get-user.js';
import { listGrants } from '../../app/directory/list-grants.js';
import { listUsers } from '../../app/directory/list-users.js';
import { removeGrant } from '../../app/directory/remove-grant.js';
import { resetUserTotp } from '../../app/directory/reset-user-totp.js';
import { sendPasswordResetLink } from '../../app/directory/send-password-reset.js';
import { updateGrant } from '../../app/directory/update-grant.js';
import { updateUser } from '../../app/directory/update-user.js';
import { errorResponse, idParams } from '../../contract/common.js';
import {
  createUserBody,
  grant,
  grantIdParams,
  grantInput,
  grantWithHolder,
  listGrantsQuery,
  listUsersQuery,
  passwordResetSentResponse,
  totpResetBody,
  totpResetResponse,
  updateGrantBody,
  updateUserBody,
  user,
  userPage,
} from '../../contract/directory.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const admin = { roles: ['admin' as const] };
const tags = ['admin: users'];
const denied = { 401: errorResponse, 403: errorResponse };

export function adminUserRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/admin/users',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Logins with their role grants, by display name, one page at a time',
        querystring: listUsersQuery,
        response: { 200: userPage, 400: errorResponse, ...denied },
      },
    },
    async (request) => listUsers(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), query: request.query }),
  );

  app.post(
    '/api/v1/admin/users',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a login for an existing person (personId) or a new one (person), with optional grants and password',
        body: createUserBody,
        response: { 201: user, 400: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createUser(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), input: request.body })),
  );

  app.get(
    '/api/v1/admin/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'One login with its grants',
        params: idParams,
        response: { 200: user, 400: errorResponse, 404: errorResponse, ...denied },
      },
    },
    async (request) => getUser(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), userId: request.params.id }),
  );

  app.patch(
    '/api/v1/admin/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change display name, language or status; disabling revokes every session (not allowed on yourself)',
        params: idParams,
        body: updateUserBody,
        response: { 200: user, 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request) =>
      updateUser(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), userId: request.params.id, input: request.body }),
  );

  app.post(
    '/api/v1/admin/users/:id/password-reset',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Mail the person a single-use link (valid 60 min) to choose a new password, to the login’s own address; 5 per login per hour',
        params: idParams,
        response: {
          202: passwordResetSentResponse,
          400: errorResponse,
          404: errorResponse,
          409: errorResponse,
          429: errorResponse,
          ...denied,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await sendPasswordResetLink(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), userId: request.params.id }),
        ),
  );

  app.post(
    '/api/v1/admin/users/:id/totp/reset',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Remove the person’s second factor (lost phone), after your own password and code; their sessions end and they are told by mail. Not on yourself (409)',
        params: idParams,
        body: totpResetBody,
        response: { 200: totpResetResponse, 400: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse, ...denied },
      },
    },
    async (request) =>
      resetUserTotp(ctx, {
        actor: requirePrincipal(request),
        userId: request.params.id,
        password: request.body.password,
        code: request.body.code,
      }),
  );

  app.post(
    '/api/v1/admin/users/:id/grants',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Grant a role: supervisor needs unitId, union needs associationId, others are organisation-wide. isPrimary clears the other primary holder',
        params: idParams,
        body: grantInput,
        response: { 201: grant, 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addGrant(ctx, {
          actor: directoryActor(requirePrincipal(request), request.locale),
          userId: request.params.id,
          input: request.body,
        }),
      ),
  );

  app.get(
    '/api/v1/admin/grants',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Role grants of the organisation with their holders (who is primary for each role and scope)',
        querystring: listGrantsQuery,
        response: { 200: z.object({ items: z.array(grantWithHolder) }), 400: errorResponse, ...denied },
      },
    },
    async (request) => ({
      items: await listGrants(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), filters: request.query }),
    }),
  );

  app.patch(
    '/api/v1/admin/grants/:grantId',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Make a grant the primary holder of its role and scope (clearing the others), or not',
        params: grantIdParams,
        body: updateGrantBody,
        response: { 200: grant, 400: errorResponse, 404: errorResponse, ...denied },
      },
    },
    async (request) =>
      updateGrant(ctx, {
        actor: directoryActor(requirePrincipal(request), request.locale),
        grantId: request.params.grantId,
        isPrimary: request.body.isPrimary,
      }),
  );

  app.delete(
    '/api/v1/admin/grants/:grantId',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Remove a grant; your own last admin grant cannot be removed (409)',
        params: grantIdParams,
        response: { 204: z.null(), 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) => {
      await removeGrant(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), grantId: request.params.grantId });
      return reply.status(204).send(null);
    },
  );
}
