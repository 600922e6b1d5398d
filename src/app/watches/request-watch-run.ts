// POST /watches/{id}/run: run now, queued (202). The run itself is src/app/watches/run-watch.ts,
// in the worker; the job is added in the same transaction as the request's Ledger entry.
import { appendLedger } from '../../adapters/db/ledger.js';
import type { Tx } from '../../adapters/db/database.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadWatchForUpdate, refuseClosed } from './watch-access.js';

/** The one-watch job (src/jobs/run-watches.ts); here so use cases enqueue it without importing the job. */
export const RUN_WATCH_JOB = { name: 'run-watch', version: 1 } as const;

export async function enqueueWatchRun(tx: Tx, watchId: string, trigger: 'schedule' | 'manual'): Promise<void> {
  // One pending run per watch: a second "run now" before the first ran changes nothing.
  await enqueueJob(
    tx,
    RUN_WATCH_JOB.name,
    RUN_WATCH_JOB.version,
    { watchId, trigger },
    { jobKey: `watch:${watchId}`, jobKeyMode: 'replace', maxAttempts: 1 },
  );
}

export async function requestWatchRun(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; watchId: string },
): Promise<{ watchId: string; queued: true }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { loaded, watch } = await loadWatchForUpdate(tx, input.actor, input.watchId, now);
    refuseClosed(loaded);
    await appendLedger(tx, {
      action: 'watch.run_requested',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'watch', id: watch.id },
      data: {},
    });
    await enqueueWatchRun(tx, watch.id, 'manual');
    return { watchId: watch.id, queued: true as const };
  });
}
