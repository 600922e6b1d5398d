// GET /cases/{id}/watch-results?status=new: the triage inbox, newest first.
import type { z } from 'zod';
import { listWatchResults as listRows } from '../../adapters/db/watches.js';
import type { WatchResultStatus } from '../../adapters/db/schema-watches.js';
import type { watchResultSchema } from '../../contract/watches.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { presentWatchResult } from './present-watch.js';
import { locationsByNormalisedUrl } from './store-results.js';
import { loadWatchCase } from './watch-access.js';

export async function listWatchResults(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; status?: WatchResultStatus | undefined; limit?: number | undefined },
): Promise<Array<z.infer<typeof watchResultSchema>>> {
  const { row } = await loadWatchCase(ctx.db, input.actor, input.caseId, ctx.clock.now(), 'watch_results.view');
  const [rows, locations] = await Promise.all([
    listRows(ctx.db, row.id, { ...(input.status ? { status: input.status } : {}), limit: input.limit ?? 200 }),
    locationsByNormalisedUrl(ctx.db, row.id),
  ]);
  return rows.map((r) => presentWatchResult(r, locations));
}
