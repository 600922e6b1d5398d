// POST /cases/{id}/locations: a new place where the harmful content appears. In one
// transaction: the location, its Ledger entry, its capture queued at once ("preserve first",
// step 4.1.1) and the per-location tasks of the playbook (applyPlan).
import type { z } from 'zod';
import { insertLocation } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { addLocationBody, addLocationResponse } from '../../contract/captures.js';
import { seesEvidence } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { requestCaptureInTx, unionEvidenceConsent } from '../evidence/request-capture.js';
import { loadCaseForUpdate } from './load-case.js';
import { hostOf } from './open-case.js';
import { applyPlan } from './procedure.js';

export async function addLocation(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof addLocationBody> },
): Promise<z.infer<typeof addLocationResponse>> {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const { row, access } = await loadCaseForUpdate(tx, input.actor, input.caseId, now);
    if (!seesEvidence(access, await unionEvidenceConsent(tx, row.id))) throw new DomainError('forbidden');
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'capture.error.case_closed' });
    const url = input.body.url;
    const loc = await insertLocation(tx, { caseId: row.id, url, host: hostOf(url), createdBy: input.actor.userId, at: now });
    if (!loc) throw new DomainError('conflict', { messageKey: 'capture.error.location_exists' });
    if (input.body.authorHandle)
      await tx.updateTable('locations').set({ author_handle: input.body.authorHandle }).where('id', '=', loc.id).execute();
    await appendLedger(tx, {
      action: 'location.added',
      at: now,
      actorId: input.actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'location', id: loc.id },
      data: { urlDigest: bodyDigest(url) },
    });
    const queued = await requestCaptureInTx(tx, ctx, { caseRow: row, locationId: loc.id, url, requestedBy: input.actor.userId });
    await applyPlan(tx, ctx, row, input.actor.userId);
    const saved = await tx.selectFrom('locations').selectAll().where('id', '=', loc.id).executeTakeFirstOrThrow();
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      location: {
        id: saved.id,
        url: saved.url,
        host: saved.host,
        providerId: saved.provider_id,
        status: saved.status,
        firstSeenAt: iso(saved.first_seen_at),
        lastCheckedAt: iso(saved.last_checked_at),
      },
      evidenceId: queued?.evidenceId ?? null,
    };
  });
}
