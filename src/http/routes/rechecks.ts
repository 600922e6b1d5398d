// Removal re-checks of locations; docs/watches.md ("Re-checks").
import { z } from 'zod';
import { listLocationChecks } from '../../app/rechecks/list-location-checks.js';
import { requestRecheck } from '../../app/rechecks/request-recheck.js';
import { errorResponse } from '../../contract/common.js';
import { locationChecksResponse, recheckResponse } from '../../contract/watches.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const idParams = z.strictObject({ id: z.string().max(64) });
const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() });

export function recheckRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/locations/:id/recheck',
    {
      schema: {
        tags: ['rechecks'],
        summary: 'Re-check a location now (queued): is the content online, removed or unknown?',
        description: 'IT, the supervisor and general direction taking part in the case. 409 on a closed case.',
        params: idParams,
        response: { 202: recheckResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await requestRecheck(ctx, { actor: requirePrincipal(request), locationId: request.params.id })),
  );

  app.get(
    '/api/v1/locations/:id/checks',
    {
      schema: {
        tags: ['rechecks'],
        summary:
          "A location's re-checks, newest first, each with its evidence (HTTP status, final URL, matched marker, body SHA-256 and size)",
        params: idParams,
        querystring: listQuery,
        response: { 200: locationChecksResponse, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      listLocationChecks(ctx, {
        actor: requirePrincipal(request),
        locationId: request.params.id,
        locale: request.locale,
        limit: request.query.limit,
      }),
  );
}
