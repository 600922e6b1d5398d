// Units (schools and services) of the caller's organisation (admin).
import { z } from 'zod';
import { directoryActor } from '../../app/directory/actor.js';
import { createUnit } from '../../app/directory/create-unit.js';
import { deleteUnit } from '../../app/directory/delete-unit.js';
import { getUnit } from '../../app/directory/get-unit.js';
import { listUnits } from '../../app/directory/list-units.js';
import { updateUnit } from '../../app/directory/update-unit.js';
import { errorResponse, idParams } from '../../contract/common.js';
import { createUnitBody, unit, updateUnitBody } from '../../contract/directory.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const admin = { roles: ['admin' as const] };
const tags = ['admin: units'];
const denied = { 401: errorResponse, 403: errorResponse };

export function adminUnitRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/admin/units',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Units by name, with their number of persons',
        response: { 200: z.object({ items: z.array(unit) }), ...denied },
      },
    },
    async (request) => ({ items: await listUnits(ctx, { actor: directoryActor(requirePrincipal(request), request.locale) }) }),
  );

  app.post(
    '/api/v1/admin/units',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a unit (name and code unique in the organisation)',
        body: createUnitBody,
        response: { 201: unit, 400: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createUnit(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), input: request.body })),
  );

  app.get(
    '/api/v1/admin/units/:id',
    {
      config: admin,
      schema: { tags, summary: 'One unit', params: idParams, response: { 200: unit, 400: errorResponse, 404: errorResponse, ...denied } },
    },
    async (request) => getUnit(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), unitId: request.params.id }),
  );

  app.patch(
    '/api/v1/admin/units/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Rename a unit, change its kind or code',
        params: idParams,
        body: updateUnitBody,
        response: { 200: unit, 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request) =>
      updateUnit(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), unitId: request.params.id, input: request.body }),
  );

  app.delete(
    '/api/v1/admin/units/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delete a unit; refused (409) while persons belong to it or supervisors are granted on it',
        params: idParams,
        response: { 204: z.null(), 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) => {
      await deleteUnit(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), unitId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
