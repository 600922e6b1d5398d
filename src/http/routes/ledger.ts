import { z } from 'zod';
import { verifyLedger } from '../../adapters/db/ledger.js';
import type { App, RouteDeps } from './index.js';

export function ledgerRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/ledger/verify',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['ledger'],
        summary: 'Verify the whole hash chain (admin)',
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
            firstBadEntry: z.object({ seq: z.number(), problem: z.string() }).optional(),
          }),
        },
      },
    },
    async () => {
      const { problems: _problems, ...result } = await verifyLedger(ctx.db);
      return result;
    },
  );
}
