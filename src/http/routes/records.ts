// Records of a case (typed journal entries): create, list, read, correct (a new version),
// approve a communication draft, export a meeting as a calendar file and mail it.
import { z } from 'zod';
import { approveDraft } from '../../app/records/approve-draft.js';
import { createRecord } from '../../app/records/create-record.js';
import { inviteToMeeting } from '../../app/records/invite-to-meeting.js';
import { getRecord, listRecords, listVersions } from '../../app/records/list-records.js';
import { loadRecord } from '../../app/records/load-record.js';
import { getMeetingIcs } from '../../app/records/meeting-ics.js';
import { updateRecord } from '../../app/records/update-record.js';
import { errorResponse } from '../../contract/common.js';
import {
  approveRecordBody,
  createRecordBody,
  inviteToMeetingBody,
  inviteToMeetingResponse,
  listRecordsQuery,
  recordSchema,
  recordVersionSchema,
  updateRecordBody,
} from '../../contract/records.js';
import { DomainError } from '../../domain/errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const idParams = z.strictObject({ id: z.string().max(64) });
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export function recordRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/cases/:id/records',
    {
      schema: {
        tags: ['records'],
        summary:
          'Add a typed record to a case (meeting, instigator, parent contact, police report, legal consultation, communication draft, note)',
        description:
          'Any participant writes any type except the union (notes only); the affected person writes notes and police reports; a grant is read-only. Only notes may be `private` (seen by their author alone). An instigator record brings the procedure up to date (4.2.3, 4.2.4).',
        params: idParams,
        body: createRecordBody,
        response: { 201: recordSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRecord(ctx, { actor: requirePrincipal(request), caseId: request.params.id, body: request.body })),
  );

  app.get(
    '/api/v1/cases/:id/records',
    {
      schema: {
        tags: ['records'],
        summary: "The case's records the caller may see, oldest first",
        params: idParams,
        querystring: listRecordsQuery,
        response: { 200: z.array(recordSchema), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => listRecords(ctx, { actor: requirePrincipal(request), caseId: request.params.id, type: request.query.type }),
  );

  app.get(
    '/api/v1/records/:id',
    { schema: { tags: ['records'], summary: 'One record', params: idParams, response: { 200: recordSchema, 404: errorResponse } } },
    async (request) => getRecord(ctx, { actor: requirePrincipal(request), recordId: request.params.id }),
  );

  app.patch(
    '/api/v1/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'Correct a record: its whole new data, as a new version (409 stale_version if `version` is not the current one)',
        params: idParams,
        body: updateRecordBody,
        response: { 200: recordSchema, ...errors },
      },
    },
    async (request) => updateRecord(ctx, { actor: requirePrincipal(request), recordId: request.params.id, body: request.body }),
  );

  app.delete(
    '/api/v1/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'Not allowed: a record is evidence of what was done; correct it with a new version (PATCH)',
        params: idParams,
        response: { 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      // Existence stays hidden from those who may not see the record (404); everyone else 403.
      await loadRecord(ctx.db, requirePrincipal(request), request.params.id, ctx.clock.now());
      throw new DomainError('forbidden', { messageKey: 'record.error.no_delete' });
    },
  );

  app.get(
    '/api/v1/records/:id/versions',
    {
      schema: {
        tags: ['records'],
        summary: "A record's saved versions, oldest first",
        params: idParams,
        response: { 200: z.array(recordVersionSchema), 404: errorResponse },
      },
    },
    async (request) => listVersions(ctx, { actor: requirePrincipal(request), recordId: request.params.id }),
  );

  app.post(
    '/api/v1/records/:id/approve',
    {
      schema: {
        tags: ['records'],
        summary: 'General direction approves the current version of a communication draft (step 4.5.1)',
        params: idParams,
        body: approveRecordBody,
        response: { 200: recordSchema, ...errors },
      },
    },
    async (request) => approveDraft(ctx, { actor: requirePrincipal(request), recordId: request.params.id, body: request.body }),
  );

  app.get(
    '/api/v1/records/:id/ics',
    {
      schema: {
        tags: ['records'],
        summary: 'A meeting as an iCalendar file (text/calendar): reference, date (UTC), place and a link — no case facts',
        params: idParams,
        // A text/calendar body: Fastify sends a string with a non-JSON content type as it is.
        response: { 200: z.string(), 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ics = await getMeetingIcs(ctx, { actor: requirePrincipal(request), recordId: request.params.id, locale: request.locale });
      return reply
        .header('content-disposition', `attachment; filename="${ics.filename}"`)
        .header('cache-control', 'no-store')
        .type('text/calendar; charset=utf-8')
        .send(ics.body);
    },
  );

  app.post(
    '/api/v1/records/:id/invite',
    {
      schema: {
        tags: ['records'],
        summary: "Mail a meeting's calendar invitation (.ics attached) to participants of the case",
        params: idParams,
        body: inviteToMeetingBody,
        response: { 200: inviteToMeetingResponse, ...errors },
      },
    },
    async (request) => inviteToMeeting(ctx, { actor: requirePrincipal(request), recordId: request.params.id, body: request.body }),
  );
}
