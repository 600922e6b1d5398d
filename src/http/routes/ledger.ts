import { z } from 'zod';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { describeStoreProblem, verifyStore } from '../../app/evidence/verify-store.js';
import { deepVerificationSchema, ledgerVerifyQuery } from '../../contract/evidence.js';
import type { App, RouteDeps } from './index.js';

export function ledgerRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/ledger/verify',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['ledger'],
        summary: 'Verify the whole hash chain (admin); deep=true also re-hashes every manifest and blob',
        querystring: ledgerVerifyQuery,
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
            firstBadEntry: z.object({ seq: z.number(), problem: z.string() }).optional(),
            evidence: deepVerificationSchema.optional(),
          }),
        },
      },
    },
    async (request) => {
      if (request.query.deep === 'true' || request.query.deep === '1') {
        const deep = await verifyStore(ctx);
        const { problems: _problems, ...ledger } = deep.ledger;
        const problems = deep.problems.map((p) => ({ ...p, message: describeStoreProblem(request.locale, p) }));
        return { ...ledger, ok: deep.ok, evidence: { evidence: deep.evidence, blobs: deep.blobs, bytes: deep.bytes, problems } };
      }
      const { problems: _problems, ...result } = await verifyLedger(ctx.db);
      return result;
    },
  );
}
