// The periodic sweep: claims the watches that are due (open cases only) and runs each. A claim
// moves the watch's next run ahead by a lease, so two workers never run it twice; the run sets
// the real next time.
import { claimDueWatches } from '../../adapters/db/watches.js';
import type { AppContext } from '../context.js';
import type { SearchProvider } from './ports.js';
import { runWatch } from './run-watch.js';

const LEASE_MS = 15 * 60_000;
const BATCH = 20;

export async function runDueWatches(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'log'>,
  deps: { providers: readonly SearchProvider[] },
): Promise<{ ran: number }> {
  const now = ctx.clock.now();
  const ids = await claimDueWatches(ctx.db, now, new Date(now.getTime() + LEASE_MS), BATCH);
  for (const id of ids) {
    try {
      await runWatch(ctx, deps, { watchId: id, trigger: 'schedule' });
    } catch (error) {
      // A database failure on one watch: the others still run; this one is retried after its lease.
      ctx.log.error({ component: 'watches', watchId: id, err: error }, 'watch run failed');
    }
  }
  return { ran: ids.length };
}
