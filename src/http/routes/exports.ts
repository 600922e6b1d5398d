import { z } from 'zod';
import { exportBundle } from '../../app/evidence/export-bundle.js';
import { errorResponse } from '../../contract/common.js';
import { evidenceParams, exportQuery } from '../../contract/evidence.js';
import { contentDisposition } from '../downloads.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function exportRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/cases/:id/export',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['evidence'],
        summary: 'Export the case: `format=bundle` → ZIP of artefacts, manifests, ledger extract and verification instructions (streamed; recorded in the ledger)',
        description: '`format=dossier` (PDF for police or counsel) comes with the PDF work.',
        params: evidenceParams,
        querystring: exportQuery,
        response: {
          200: z.unknown().meta({ description: 'ZIP bundle (streamed)', type: 'string', format: 'binary' }),
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const bundle = await exportBundle(ctx, { actor: requirePrincipal(request), caseId: request.params.id });
      reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition('attachment', bundle.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('x-rempart-ledger-head', `${bundle.head.seq}:${bundle.head.hash}`);
      return reply.send(bundle.stream);
    },
  );
}
