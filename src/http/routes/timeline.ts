// The case timeline.
import { z } from 'zod';
import { listTimeline } from '../../app/cases/list-timeline.js';
import { errorResponse } from '../../contract/common.js';
import { timelineResponse } from '../../contract/timeline.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const idParams = z.strictObject({ id: z.string().max(64) });

export function timelineRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/cases/:id/timeline',
    {
      schema: {
        tags: ['cases'],
        summary: "The case's history in time order, as sentences in the caller's language",
        params: idParams,
        response: { 200: timelineResponse, 404: errorResponse },
      },
    },
    async (request) => listTimeline(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );
}
