// Watches (step 4.3.1 as a standing search) and their triage inbox; docs/watches.md.
import { z } from 'zod';
import { createWatch } from '../../app/watches/create-watch.js';
import { deleteWatch } from '../../app/watches/delete-watch.js';
import { importWatchResults } from '../../app/watches/import-watch-results.js';
import { listWatchResults } from '../../app/watches/list-watch-results.js';
import { listWatches } from '../../app/watches/list-watches.js';
import { requestWatchRun } from '../../app/watches/request-watch-run.js';
import { triageWatchResult } from '../../app/watches/triage-watch-result.js';
import { updateWatch } from '../../app/watches/update-watch.js';
import { errorResponse } from '../../contract/common.js';
import {
  createWatchBody,
  importWatchResultsBody,
  importWatchResultsResponse,
  listWatchResultsQuery,
  runWatchResponse,
  triageWatchResultBody,
  triageWatchResultResponse,
  updateWatchBody,
  watchResultSchema,
  watchSchema,
} from '../../contract/watches.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const idParams = z.strictObject({ id: z.string().max(64) });
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const who = 'IT, the supervisor and general direction taking part in the case; anyone else who sees the case gets 403, others 404.';

export function watchRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/cases/:id/watches',
    {
      schema: {
        tags: ['watches'],
        summary: 'Set up a watch: queries (name variants, handles, phrases) re-run on a schedule through the configured search providers',
        description: `${who} 409 \`conflict\` when no search provider is configured (SEARXNG_URL, BRAVE_SEARCH_API_KEY) or a named one is not. The first run is queued at once.`,
        params: idParams,
        body: createWatchBody,
        response: { 201: watchSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createWatch(ctx, {
          actor: requirePrincipal(request),
          caseId: request.params.id,
          body: request.body,
          locale: request.locale,
        }),
      ),
  );

  app.get(
    '/api/v1/cases/:id/watches',
    {
      schema: {
        tags: ['watches'],
        summary: "The case's watches, with their last run and provider errors",
        description: who,
        params: idParams,
        response: { 200: z.array(watchSchema), 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => listWatches(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );

  app.patch(
    '/api/v1/watches/:id',
    {
      schema: {
        tags: ['watches'],
        summary: 'Change a watch (queries, sites, providers, interval) or pause/resume it',
        description: who,
        params: idParams,
        body: updateWatchBody,
        response: { 200: watchSchema, ...errors },
      },
    },
    async (request) =>
      updateWatch(ctx, { actor: requirePrincipal(request), watchId: request.params.id, body: request.body, locale: request.locale }),
  );

  app.delete(
    '/api/v1/watches/:id',
    {
      schema: {
        tags: ['watches'],
        summary: 'Delete a watch (the results it found stay in the inbox)',
        description: who,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteWatch(ctx, { actor: requirePrincipal(request), watchId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/watches/:id/run',
    {
      schema: {
        tags: ['watches'],
        summary: 'Run a watch now (queued)',
        description: who,
        params: idParams,
        response: { 202: runWatchResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await requestWatchRun(ctx, { actor: requirePrincipal(request), watchId: request.params.id })),
  );

  app.get(
    '/api/v1/cases/:id/watch-results',
    {
      schema: {
        tags: ['watches'],
        summary:
          'The triage inbox: results of the watches and manual imports, one per normalised URL, newest first (`status=new` for what is left to triage)',
        description: who,
        params: idParams,
        querystring: listWatchResultsQuery,
        response: { 200: z.array(watchResultSchema), 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      listWatchResults(ctx, {
        actor: requirePrincipal(request),
        caseId: request.params.id,
        status: request.query.status,
        limit: request.query.limit,
      }),
  );

  app.post(
    '/api/v1/cases/:id/watch-results/import',
    {
      schema: {
        tags: ['watches'],
        summary: 'Add URLs found by hand to the triage inbox (`urls`, or `text` with one URL per line)',
        description: `${who} Duplicates of existing results (after normalisation) are merged; lines that are not http(s) URLs are returned in \`rejected\`.`,
        params: idParams,
        body: importWatchResultsBody,
        response: { 201: importWatchResultsResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await importWatchResults(ctx, { actor: requirePrincipal(request), caseId: request.params.id, body: request.body })),
  );

  app.patch(
    '/api/v1/watch-results/:id',
    {
      schema: {
        tags: ['watches'],
        summary: 'Triage a result: dismiss, add as a location, or add as a location and queue a server capture',
        description: `${who} 409 \`invalid_transition\` when the result was already triaged that way; 422 \`destination_blocked\` when add_and_capture targets a private address.`,
        params: idParams,
        body: triageWatchResultBody,
        response: { 200: triageWatchResultResponse, ...errors, 422: errorResponse },
      },
    },
    async (request) => triageWatchResult(ctx, { actor: requirePrincipal(request), resultId: request.params.id, body: request.body }),
  );
}
