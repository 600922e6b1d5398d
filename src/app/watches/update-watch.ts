// PATCH /watches/{id}: queries, sites, providers, interval, pause/resume. A changed interval
// or a resumed watch is due again from now.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { lastRunsOf, updateWatchRow } from '../../adapters/db/watches.js';
import type { updateWatchBody, watchSchema } from '../../contract/watches.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { configuredProviders } from './configured-providers.js';
import { chooseProviders, normaliseQueries, normaliseSites } from './create-watch.js';
import { presentWatch } from './present-watch.js';
import { loadWatchForUpdate, refuseClosed } from './watch-access.js';

export async function updateWatch(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; watchId: string; body: z.infer<typeof updateWatchBody>; locale: Locale },
): Promise<z.infer<typeof watchSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  const configured = configuredProviders(ctx.config);
  return ctx.db.transaction().execute(async (tx) => {
    const { loaded, watch } = await loadWatchForUpdate(tx, actor, input.watchId, now);
    refuseClosed(loaded);
    const set: Parameters<typeof updateWatchRow>[2] = { updated_at: now };
    const changed: string[] = [];
    if (body.queries) {
      set.queries = JSON.stringify(normaliseQueries(body.queries));
      changed.push('queries');
    }
    if (body.sites) {
      set.sites = normaliseSites(body.sites);
      changed.push('sites');
    }
    if (body.providers) {
      set.providers = chooseProviders(body.providers, configured);
      set.last_error = JSON.stringify(watch.last_error.filter((e) => set.providers?.includes(e.provider)));
      changed.push('providers');
    }
    if (body.intervalHours !== undefined && body.intervalHours !== watch.interval_hours) {
      set.interval_hours = body.intervalHours;
      set.next_run_at = now;
      changed.push('intervalHours');
    }
    if (body.active !== undefined && body.active !== watch.active) {
      set.active = body.active;
      if (body.active) set.next_run_at = now;
      changed.push('active');
    }
    const updated = await updateWatchRow(tx, watch.id, set);
    if (changed.length > 0) {
      await appendLedger(tx, {
        action: 'watch.updated',
        at: now,
        actorId: actor.userId,
        organisationId: loaded.row.organisation_id,
        caseId: loaded.row.id,
        subject: { type: 'watch', id: watch.id },
        data: { changed, active: updated.active, intervalHours: updated.interval_hours, providers: updated.providers },
      });
    }
    const [lastRun] = await lastRunsOf(tx, [watch.id]);
    return presentWatch(updated, lastRun, configured, input.locale);
  });
}
