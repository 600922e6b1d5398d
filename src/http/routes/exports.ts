import { z } from 'zod';
import { exportBundle } from '../../app/evidence/export-bundle.js';
import { exportDossier } from '../../app/evidence/export-dossier.js';
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
        summary:
          'Export the case: `format=bundle` → ZIP of artefacts, manifests, ledger extract and verification instructions (streamed; recorded in the ledger)',
        description:
          '`format=dossier` → PDF for police or counsel: case facts, timeline, each evidence item with its thumbnail, source URL, capture time and hashes, and a certification page (ledger head, how to verify, signature block). `lang` picks its language.',
        params: evidenceParams,
        querystring: exportQuery,
        response: {
          200: z.unknown().meta({ description: 'ZIP bundle (streamed) or PDF dossier', type: 'string', format: 'binary' }),
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      if (request.query.format === 'dossier') {
        const dossier = await exportDossier(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.query.lang ?? request.locale });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', contentDisposition('attachment', dossier.filename))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('x-rempart-ledger-head', `${dossier.head.seq}:${dossier.head.hash}`)
          .header('repr-digest', `sha-256=:${Buffer.from(dossier.sha256, 'hex').toString('base64')}:`)
          .send(dossier.pdf);
      }
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
