// Participants of a case, explicit access grants, and the case's access log.
import { z } from 'zod';
import { addCaseParticipant } from '../../app/cases/add-participant.js';
import { grantCaseAccess } from '../../app/cases/grant-access.js';
import { listCaseAccessLog } from '../../app/cases/list-access-log.js';
import { listCaseParticipants } from '../../app/cases/list-participants.js';
import { removeCaseParticipant } from '../../app/cases/remove-participant.js';
import { revokeCaseGrant } from '../../app/cases/revoke-grant.js';
import { errorResponse } from '../../contract/common.js';
import {
  accessLogQuery,
  accessLogResponse,
  addParticipantBody,
  caseGrantSchema,
  grantAccessBody,
  participantParams,
  participantsResponse,
} from '../../contract/participants.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const idParams = z.strictObject({ id: z.string().max(64) });
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export function participantRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/cases/:id/participants',
    {
      schema: {
        tags: ['participants'],
        summary: "The case's participants and active access grants",
        params: idParams,
        response: { 200: participantsResponse, 404: errorResponse },
      },
    },
    async (request) => listCaseParticipants(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );

  app.post(
    '/api/v1/cases/:id/participants',
    {
      schema: {
        tags: ['participants'],
        summary: 'Add someone to the case in a procedure role (counsel: `legal`, step 4.6.1) — supervisor or general direction',
        description:
          'The user must hold the role in the organisation. Committee and admin are never added. A union representative needs the staff member’s union_notice consent (409 consent_required).',
        params: idParams,
        body: addParticipantBody,
        response: { 201: participantsResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addCaseParticipant(ctx, {
          actor: requirePrincipal(request),
          caseId: request.params.id,
          body: request.body,
          locale: request.locale,
        }),
      ),
  );

  app.delete(
    '/api/v1/cases/:id/participants/:userId/:role',
    {
      schema: {
        tags: ['participants'],
        summary: 'Remove someone from the case in one role (never the affected person, never the last supervisor or general direction)',
        params: participantParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeCaseParticipant(ctx, {
        actor: requirePrincipal(request),
        caseId: request.params.id,
        userId: request.params.userId,
        role: request.params.role,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/cases/:id/grants',
    {
      schema: {
        tags: ['participants'],
        summary: 'Give someone read access to the case until `expiresAt` (at most 30 days) — supervisor or general direction',
        params: idParams,
        body: grantAccessBody,
        response: { 201: caseGrantSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await grantCaseAccess(ctx, { actor: requirePrincipal(request), caseId: request.params.id, body: request.body })),
  );

  app.delete(
    '/api/v1/grants/:id',
    {
      schema: {
        tags: ['participants'],
        summary: 'Revoke an access grant before it expires',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeCaseGrant(ctx, { actor: requirePrincipal(request), grantId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/cases/:id/access-log',
    {
      schema: {
        tags: ['participants'],
        summary: 'Who read the case and when, newest first — the affected person, the supervisor and general direction',
        params: idParams,
        querystring: accessLogQuery,
        response: { 200: accessLogResponse, 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      listCaseAccessLog(ctx, {
        actor: requirePrincipal(request),
        caseId: request.params.id,
        limit: request.query.limit,
        cursor: request.query.cursor,
        locale: request.locale,
      }),
  );
}
