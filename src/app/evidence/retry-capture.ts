// POST /evidence/{id}/retry: a failed server capture is queued again (attempts start over).
import { appendLedger } from '../../adapters/db/ledger.js';
import { seesEvidence } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCaseForUpdate } from '../cases/load-case.js';
import { enqueueCapture, unionEvidenceConsent } from './request-capture.js';

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export async function retryCapture(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; evidenceId: string },
): Promise<{ evidenceId: string }> {
  if (!isUuid(input.evidenceId)) throw new DomainError('not_found');
  return ctx.db.transaction().execute(async (tx) => {
    const ev = await tx
      .selectFrom('evidence')
      .innerJoin('cases', 'cases.id', 'evidence.case_id')
      .select(['evidence.id', 'evidence.case_id', 'evidence.status', 'evidence.source', 'evidence.attempts'])
      .where('evidence.id', '=', input.evidenceId)
      .where('cases.organisation_id', '=', input.actor.organisationId)
      .executeTakeFirst();
    if (!ev) throw new DomainError('not_found');
    // Not visible → not found (existence stays hidden).
    const { row, access } = await loadCaseForUpdate(tx, input.actor, ev.case_id, ctx.clock.now());
    if (!seesEvidence(access, await unionEvidenceConsent(tx, row.id))) throw new DomainError('not_found');
    if (ev.source !== 'capture' || ev.status !== 'failed')
      throw new DomainError('invalid_transition', { messageKey: 'capture.error.not_failed' });
    const now = ctx.clock.now();
    await tx
      .updateTable('evidence')
      .set({ status: 'queued', attempts: 0, progress: null, error_code: null, error_message: null, finished_at: null })
      .where('id', '=', ev.id)
      .execute();
    await appendLedger(tx, {
      action: 'evidence.capture_retried',
      at: now,
      actorId: input.actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'evidence', id: ev.id },
      data: { previousAttempts: ev.attempts },
    });
    await enqueueCapture(tx, ev.id);
    return { evidenceId: ev.id };
  });
}
