// The staff directory (admin): search, pages of thousands, create, edit, delete.
import { z } from 'zod';
import { directoryActor } from '../../app/directory/actor.js';
import { createPerson } from '../../app/directory/create-person.js';
import { deletePerson } from '../../app/directory/delete-person.js';
import { getPerson } from '../../app/directory/get-person.js';
import { listPersons } from '../../app/directory/list-persons.js';
import { updatePerson } from '../../app/directory/update-person.js';
import { errorResponse, idParams } from '../../contract/common.js';
import { createPersonBody, listPersonsQuery, person, personPage, updatePersonBody } from '../../contract/directory.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const admin = { roles: ['admin' as const] };
const tags = ['admin: persons'];
const denied = { 401: errorResponse, 403: errorResponse };

export function adminPersonRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/admin/persons',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Search the directory (by name), one page at a time: follow nextCursor, or use offset',
        querystring: listPersonsQuery,
        response: { 200: personPage, 400: errorResponse, ...denied },
      },
    },
    async (request) => listPersons(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), query: request.query }),
  );

  app.post(
    '/api/v1/admin/persons',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Add a person (e-mail and employee number unique in the organisation)',
        body: createPersonBody,
        response: { 201: person, 400: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPerson(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), input: request.body })),
  );

  app.get(
    '/api/v1/admin/persons/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'One person',
        params: idParams,
        response: { 200: person, 400: errorResponse, 404: errorResponse, ...denied },
      },
    },
    async (request) => getPerson(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), personId: request.params.id }),
  );

  app.patch(
    '/api/v1/admin/persons/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: "Edit a person (the fields sent; null clears unit, association or employee number). The login's own e-mail is not changed",
        params: idParams,
        body: updatePersonBody,
        response: { 200: person, 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request) =>
      updatePerson(ctx, {
        actor: directoryActor(requirePrincipal(request), request.locale),
        personId: request.params.id,
        input: request.body,
      }),
  );

  app.delete(
    '/api/v1/admin/persons/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delete a person; refused (409) while their login is active (disable it first)',
        params: idParams,
        response: { 204: z.null(), 400: errorResponse, 404: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) => {
      await deletePerson(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), personId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
