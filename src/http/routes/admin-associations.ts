// Associations (unions, managers' associations) of the caller's organisation (admin).
import { z } from 'zod';
import { directoryActor } from '../../app/directory/actor.js';
import { createAssociation } from '../../app/directory/create-association.js';
import { deleteAssociation } from '../../app/directory/delete-association.js';
import { getAssociation } from '../../app/directory/get-association.js';
import { listAssociations } from '../../app/directory/list-associations.js';
import { updateAssociation } from '../../app/directory/update-association.js';
import { errorResponse, idParams } from '../../contract/common.js';
import { association, createAssociationBody, updateAssociationBody } from '../../contract/directory.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const admin = { roles: ['admin' as const] };
const tags = ['admin: associations'];
const denied = { 401: errorResponse, 403: errorResponse };

export function adminAssociationRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/admin/associations',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Associations by name, with their number of members',
        response: { 200: z.object({ items: z.array(association) }), ...denied },
      },
    },
    async (request) => ({ items: await listAssociations(ctx, { actor: directoryActor(requirePrincipal(request), request.locale) }) }),
  );

  app.post(
    '/api/v1/admin/associations',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create an association (name unique in the organisation)',
        body: createAssociationBody,
        response: { 201: association, 400: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAssociation(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), input: request.body })),
  );

  app.get(
    '/api/v1/admin/associations/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'One association',
        params: idParams,
        response: { 200: association, 400: errorResponse, 404: errorResponse, ...denied },
      },
    },
    async (request) =>
      getAssociation(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), associationId: request.params.id }),
  );

  app.patch(
    '/api/v1/admin/associations/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Rename an association or change its kind',
        params: idParams,
        body: updateAssociationBody,
        response: { 200: association, 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request) =>
      updateAssociation(ctx, {
        actor: directoryActor(requirePrincipal(request), request.locale),
        associationId: request.params.id,
        input: request.body,
      }),
  );

  app.delete(
    '/api/v1/admin/associations/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delete an association; refused (409) while persons belong to it or union roles are granted on it',
        params: idParams,
        response: { 204: z.null(), 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) => {
      await deleteAssociation(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), associationId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
