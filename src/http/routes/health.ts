import { sql } from 'kysely';
import { z } from 'zod';
import type { App, RouteDeps } from './index.js';

const checkResult = z.object({ ok: z.boolean(), detail: z.string().optional(), ms: z.number() });

export function healthRoutes(app: App, { ctx, health }: RouteDeps): void {
  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and readiness (database, and blob store, queue and browser once present)',
        response: { 200: z.object({ status: z.enum(['ok', 'degraded']), checks: z.record(z.string(), checkResult) }), 503: z.object({ status: z.literal('fail'), checks: z.record(z.string(), checkResult) }) },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, z.infer<typeof checkResult>> = {};
      const timed = async (name: string, fn: () => Promise<{ ok: boolean; detail?: string }>) => {
        const start = performance.now();
        try {
          const r = await fn();
          checks[name] = { ...r, ms: Math.round(performance.now() - start) };
        } catch (error) {
          checks[name] = { ok: false, detail: (error as Error).message, ms: Math.round(performance.now() - start) };
        }
      };
      await timed('database', async () => {
        await sql`select 1`.execute(ctx.db);
        return { ok: true };
      });
      for (const h of health) await timed(h.name, () => h.check());
      if (!checks.database?.ok) return reply.status(503).send({ status: 'fail' as const, checks });
      const allOk = Object.values(checks).every((c) => c.ok);
      return { status: allOk ? ('ok' as const) : ('degraded' as const), checks };
    },
  );
}
