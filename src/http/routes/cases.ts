import { z } from 'zod';
import { getCase, listTasks } from '../../app/cases/get-case.js';
import { listCases } from '../../app/cases/list-cases.js';
import { listMyTasks } from '../../app/cases/list-my-tasks.js';
import { openCase } from '../../app/cases/open-case.js';
import { recordConsent } from '../../app/cases/record-consent.js';
import { updateCase } from '../../app/cases/update-case.js';
import { updateTaskStatus } from '../../app/cases/update-task.js';
import {
  caseSchema,
  consentBody,
  consentResponse,
  listCasesQuery,
  listCasesResponse,
  myTaskSchema,
  openCaseBody,
  taskSchema,
  updateCaseBody,
  updateTaskBody,
} from '../../contract/cases.js';
import { errorResponse } from '../../contract/common.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const caseParams = z.strictObject({ id: z.string().max(64) });
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export function caseRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/cases',
    {
      config: { scopes: ['capture'] },
      schema: {
        tags: ['cases'],
        summary: 'Report a situation (open a case). Honours Idempotency-Key.',
        description: 'Only `summary` is required. The caller is the affected person unless a supervisor, HR or general direction gives `affectedPersonId`.',
        headers: idempotencyHeaders,
        body: openCaseBody,
        response: { 201: caseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await openCase(ctx, {
        actor: requirePrincipal(request),
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        locale: request.locale,
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/v1/cases',
    { config: { scopes: ['capture'] }, schema: { tags: ['cases'], summary: 'Cases the caller may see, newest first', querystring: listCasesQuery, response: { 200: listCasesResponse, 400: errorResponse } } },
    async (request) => listCases(ctx, { actor: requirePrincipal(request), query: request.query }),
  );

  app.get(
    '/api/v1/cases/:id',
    { config: { scopes: ['capture'] }, schema: { tags: ['cases'], summary: 'One case with its tasks, locations, participants and evidence summary', params: caseParams, response: { 200: caseSchema, 404: errorResponse } } },
    async (request) => getCase(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change summary, flags or status (reported → acknowledged → in_progress → mitigated → closed; closed → in_progress with a reason)',
        params: caseParams,
        body: updateCaseBody,
        response: { 200: caseSchema, ...errors },
      },
    },
    async (request) => updateCase(ctx, { actor: requirePrincipal(request), caseId: request.params.id, body: request.body, locale: request.locale }),
  );

  app.get(
    '/api/v1/cases/:id/tasks',
    { schema: { tags: ['tasks'], summary: "The case's tasks", params: caseParams, response: { 200: z.array(taskSchema), 404: errorResponse } } },
    async (request) => listTasks(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );

  app.patch(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Complete, mark not applicable (with a reason) or reopen a task',
        params: caseParams,
        body: updateTaskBody,
        response: { 200: taskSchema, ...errors },
      },
    },
    async (request) => updateTaskStatus(ctx, { actor: requirePrincipal(request), taskId: request.params.id, body: request.body, locale: request.locale }),
  );

  app.get(
    '/api/v1/me/tasks',
    { schema: { tags: ['tasks'], summary: 'My open tasks across cases, by due time', response: { 200: z.array(myTaskSchema) } } },
    async (request) => listMyTasks(ctx, { actor: requirePrincipal(request), locale: request.locale }),
  );

  app.post(
    '/api/v1/cases/:id/consents',
    {
      schema: {
        tags: ['consents'],
        summary: 'The affected staff member records a consent (re-authenticated)',
        params: caseParams,
        body: consentBody,
        response: { 201: consentResponse, ...errors, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const result = await recordConsent(ctx, { actor: requirePrincipal(request), caseId: request.params.id, body: request.body });
      return reply.status(201).send(result);
    },
  );
}
