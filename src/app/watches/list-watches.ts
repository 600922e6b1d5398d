// GET /cases/{id}/watches: the case's watches with their last run and last errors.
import type { z } from 'zod';
import { lastRunsOf, listCaseWatches } from '../../adapters/db/watches.js';
import type { watchSchema } from '../../contract/watches.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { configuredProviders } from './configured-providers.js';
import { presentWatch } from './present-watch.js';
import { loadWatchCase } from './watch-access.js';

export async function listWatches(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; caseId: string; locale: Locale },
): Promise<Array<z.infer<typeof watchSchema>>> {
  const { row } = await loadWatchCase(ctx.db, input.actor, input.caseId, ctx.clock.now(), 'watches.view');
  const watches = await listCaseWatches(ctx.db, row.id);
  const runs = new Map(
    (
      await lastRunsOf(
        ctx.db,
        watches.map((w) => w.id),
      )
    ).map((r) => [r.watch_id, r]),
  );
  const configured = configuredProviders(ctx.config);
  return watches.map((w) => presentWatch(w, runs.get(w.id), configured, input.locale));
}
