// POST /locations/{id}/recheck: re-check now, queued (202); the check runs in the worker
// (src/jobs/recheck-locations.ts) under the same rules as scheduled ones.
import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { DomainError } from '../../domain/errors.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadLocation } from './location-access.js';

/** The one-location job; here so use cases enqueue it without importing the job. */
export const RECHECK_LOCATION_JOB = { name: 'recheck-location', version: 1 } as const;

export async function enqueueRecheck(tx: Tx, locationId: string, requestedBy: string | null): Promise<void> {
  await enqueueJob(
    tx,
    RECHECK_LOCATION_JOB.name,
    RECHECK_LOCATION_JOB.version,
    { locationId, requestedBy },
    { jobKey: `recheck:${locationId}`, jobKeyMode: 'replace', maxAttempts: 1 },
  );
}

export async function requestRecheck(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; locationId: string },
): Promise<{ locationId: string; queued: true }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { location, loaded } = await loadLocation(tx, input.actor, input.locationId, now, { manage: true });
    if (loaded.row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    await appendLedger(tx, {
      action: 'location.recheck_requested',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'location', id: location.id },
      data: {},
    });
    await enqueueRecheck(tx, location.id, input.actor.userId);
    return { locationId: location.id, queued: true as const };
  });
}
