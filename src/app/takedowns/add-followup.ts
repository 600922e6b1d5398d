// POST /takedowns/{id}/followups: a note, a reminder a person sent to the provider, or the
// provider's reply. A reminder sent or a reply restarts the request's reminder delay.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { insertFollowup, reminderDaysOf, updateTakedownRequest } from '../../adapters/db/takedowns.js';
import type { followupBody, takedownSchema } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { awaitsProvider, canActOnTakedowns, nextReminderAt, type TakedownStatus } from '../../domain/takedowns/status.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadRequestForUpdate, presentRequest } from './takedown-store.js';

export async function addTakedownFollowup(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; requestId: string; body: z.infer<typeof followupBody>; locale: Locale },
): Promise<z.infer<typeof takedownSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { request, loaded } = await loadRequestForUpdate(tx, actor, input.requestId, now);
    if (!canActOnTakedowns(loaded.access)) throw new DomainError('forbidden', { messageKey: 'takedown.error.not_allowed' });
    const status = request.status as TakedownStatus;
    if (body.kind !== 'note' && !awaitsProvider(status))
      throw new DomainError('invalid_transition', { messageKey: 'takedown.error.not_waiting' });
    await insertFollowup(tx, { request_id: request.id, kind: body.kind, note: body.note, at: now, by: actor.userId });
    let current = request;
    if (body.kind !== 'note') {
      const days = await reminderDaysOf(tx, loaded.row.organisation_id);
      current = await updateTakedownRequest(tx, request.id, { next_reminder_at: nextReminderAt(status, now, days), updated_at: now });
    }
    await appendLedger(tx, {
      action: 'takedown.followup',
      at: now,
      actorId: actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'takedown_request', id: request.id },
      data: { kind: body.kind },
    });
    return presentRequest(tx, { request: current, loaded, locale: input.locale, now });
  });
}
