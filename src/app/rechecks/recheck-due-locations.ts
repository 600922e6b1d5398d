// The periodic sweep of removal re-checks: claims the locations of open cases that are due and
// checks them, a few at a time. A claim moves the location's next check ahead by a lease, so two
// workers never fetch it twice; the check sets the real next time.
import { claimDueLocations, setLocationNextCheck } from '../../adapters/db/location-checks.js';
import { CHECK_LEASE_MS, HOUR_MS } from '../../domain/rechecks/schedule.js';
import type { AppContext } from '../context.js';
import type { PageFetcher } from './ports.js';
import { recheckLocation } from './recheck-location.js';

const BATCH = 30;
const PARALLEL = 4;

export async function recheckDueLocations(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'blobs' | 'log'>,
  deps: { fetcher: PageFetcher },
): Promise<{ checked: number }> {
  const now = ctx.clock.now();
  const ids = await claimDueLocations(ctx.db, now, new Date(now.getTime() + CHECK_LEASE_MS), BATCH);
  let checked = 0;
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        if (await recheckLocation(ctx, deps, { locationId: id, trigger: 'schedule', requestedBy: null })) checked += 1;
      } catch (error) {
        // A failure of ours (database, blob store), not the site's: try again in an hour.
        ctx.log.error({ component: 'rechecks', locationId: id, err: error }, 're-check failed');
        await setLocationNextCheck(ctx.db, id, new Date(ctx.clock.now().getTime() + HOUR_MS)).catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return { checked };
}
