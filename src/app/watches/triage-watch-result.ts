// PATCH /watch-results/{id} {action}: the triage inbox's three buttons. `dismiss` sets a result
// aside; `add_location` makes it a location of the case (the procedure then opens its per-
// location steps, 4.3.2); `add_and_capture` also queues a server capture of it
// (src/app/evidence/request-capture.ts), preserving it before any removal request. Each in one
// transaction with its Ledger entries.
import type { z } from 'zod';
import type { Tx } from '../../adapters/db/database.js';
import { insertLocation } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { WatchResultStatus } from '../../adapters/db/schema-watches.js';
import { decideWatchResult, findWatchResult } from '../../adapters/db/watches.js';
import type { triageWatchResultBody, triageWatchResultResponse } from '../../contract/watches.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import type { Principal } from '../auth/principal.js';
import { hostOf } from '../cases/open-case.js';
import { applyPlan, type CaseRow } from '../cases/procedure.js';
import type { AppContext } from '../context.js';
import { isUuid } from '../evidence/evidence-access.js';
import { requestCaptureInTx } from '../evidence/request-capture.js';
import { presentWatchResult } from './present-watch.js';
import { locationsByNormalisedUrl } from './store-results.js';
import { loadWatchResultForUpdate, refuseClosed } from './watch-access.js';

type Action = z.infer<typeof triageWatchResultBody>['action'];

const allowedFrom: Record<Action, readonly WatchResultStatus[]> = {
  dismiss: ['new'],
  add_location: ['new', 'dismissed'],
  add_and_capture: ['new', 'dismissed', 'added'],
};

/** The location for `url` (an existing one whose URL normalises the same, or a new one). */
async function ensureLocation(
  tx: Tx,
  ctx: Pick<AppContext, 'clock'>,
  row: CaseRow,
  url: string,
  normalizedUrl: string,
  actorId: string,
  resultId: string,
): Promise<string> {
  const existing = (await locationsByNormalisedUrl(tx, row.id)).get(normalizedUrl);
  if (existing) return existing;
  const now = ctx.clock.now();
  const inserted = await insertLocation(tx, { caseId: row.id, url, host: hostOf(url), createdBy: actorId, at: now });
  if (!inserted) {
    const same = await tx
      .selectFrom('locations')
      .select('id')
      .where('case_id', '=', row.id)
      .where('url', '=', url)
      .executeTakeFirstOrThrow();
    return same.id;
  }
  await appendLedger(tx, {
    action: 'location.added',
    at: now,
    actorId,
    organisationId: row.organisation_id,
    caseId: row.id,
    subject: { type: 'location', id: inserted.id },
    data: { urlDigest: bodyDigest(url), watchResultId: resultId },
  });
  // A new location brings its per-location steps (4.3.2 …) into the case.
  await applyPlan(tx, ctx, row, actorId);
  return inserted.id;
}

export async function triageWatchResult(
  ctx: Pick<AppContext, 'db' | 'clock' | 'capture'>,
  input: { actor: Principal; resultId: string; body: z.infer<typeof triageWatchResultBody> },
): Promise<z.infer<typeof triageWatchResultResponse>> {
  const now = ctx.clock.now();
  const { action } = input.body;
  // The capture's private-network rule, DNS included, before anything is queued (as
  // POST /cases/{id}/captures does); outside the transaction, which must not wait on DNS.
  const peek = action === 'add_and_capture' && isUuid(input.resultId) ? await findWatchResult(ctx.db, input.resultId) : undefined;
  const destination = peek ? await ctx.capture.checkDestination(peek.url) : { ok: true as const };
  return ctx.db.transaction().execute(async (tx) => {
    const { loaded, result } = await loadWatchResultForUpdate(tx, input.actor, input.resultId, now);
    refuseClosed(loaded);
    if (action === 'add_and_capture' && (!destination.ok || peek?.url !== result.url)) throw new DomainError('destination_blocked');
    if (!allowedFrom[action].includes(result.status)) {
      throw new DomainError('invalid_transition', { messageKey: 'watch.error.triage_transition', params: { from: result.status, action } });
    }
    let locationId: string | null = result.location_id;
    let evidenceId: string | null = null;
    let status: WatchResultStatus = 'dismissed';
    if (action !== 'dismiss') {
      locationId = await ensureLocation(tx, ctx, loaded.row, result.url, result.normalized_url, input.actor.userId, result.id);
      status = 'added';
      if (action === 'add_and_capture') {
        const queued = await requestCaptureInTx(tx, ctx, {
          caseRow: loaded.row,
          locationId,
          url: result.url,
          requestedBy: input.actor.userId,
        });
        if (!queued) throw new DomainError('destination_blocked');
        evidenceId = queued.evidenceId;
        status = 'added_captured';
      }
    }
    const updated = await decideWatchResult(tx, result.id, { status, locationId, by: input.actor.userId, at: now });
    await appendLedger(tx, {
      action: 'watch_result.triaged',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'watch_result', id: result.id },
      data: { action, status, locationId, evidenceId },
    });
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', loaded.row.id).execute();
    return { result: presentWatchResult(updated, await locationsByNormalisedUrl(tx, loaded.row.id)), locationId, evidenceId };
  });
}
